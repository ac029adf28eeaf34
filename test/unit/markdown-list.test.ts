import fc from 'fast-check';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { describe, expect, it } from 'vitest';
import { markdownFixture } from '../../bench/markdown/fixture';
import { splitMarkdownBlocks } from '../../src/components/markdown/blocks';
import { listLayout, type ListLayout } from '../../src/components/markdown/list';
import { rehypeUnwrapList, remarkListSpread } from '../../src/components/markdown/tree-plugins';

const whole = (text: string): string =>
  renderToStaticMarkup(createElement(Markdown, { remarkPlugins: [remarkGfm] }, text)).replace(/\n/g, '');

/** Render a list the way the component does: the list element drawn around items parsed one by one. */
function byItems(layout: ListLayout, terminated: boolean): string {
  const items = layout.items.map((item, k) => {
    const eol = k < layout.items.length - 1 || terminated ? '\n' : '';
    return renderToStaticMarkup(
      createElement(
        Markdown,
        { remarkPlugins: [remarkGfm, [remarkListSpread, { spread: layout.loose }]], rehypePlugins: [rehypeUnwrapList] },
        item.text + eol,
      ),
    );
  });
  const tag = layout.ordered ? 'ol' : 'ul';
  const start = layout.ordered && layout.start !== 1 ? ` start="${layout.start}"` : '';
  const cls = layout.task ? ' class="contains-task-list"' : '';
  return `<${tag}${cls}${start}>${items.join('')}</${tag}>`.replace(/\n/g, '');
}

/** Every list block of `text` that can be rendered by items renders exactly as the whole list. */
function checkLists(text: string): number {
  let checked = 0;
  for (const block of splitMarkdownBlocks(text)) {
    if (block.kind !== 'list') continue;
    const layout = listLayout(block.text);
    if (!layout) continue;
    const eol = block.terminated ? '\n' : '';
    expect(byItems(layout, block.terminated), JSON.stringify(block.text)).toBe(whole(block.text + eol));
    checked++;
  }
  return checked;
}

describe('listLayout', () => {
  it('splits a list into its top-level items, nested lists and continuations included', () => {
    const layout = listLayout('- a\n  - nested\n  more of a\n- b\nlazy\n- c');
    expect(layout?.items.map((i) => i.text)).toEqual(['- a\n  - nested\n  more of a', '- b\nlazy', '- c']);
    expect(layout).toMatchObject({ ordered: false, loose: false, task: false });
  });

  it('reads the start number, loose lists and task lists', () => {
    expect(listLayout('3. x\n4. y')).toMatchObject({ ordered: true, start: 3, loose: false });
    expect(listLayout('- a\n\n- b')).toMatchObject({ loose: true });
    expect(listLayout('- [ ] todo\n- [x] done')).toMatchObject({ task: true });
  });

  it('declines what a line scan cannot be sure of', () => {
    // A blank line inside an item, and an item whose fence runs to the end.
    expect(listLayout('- a\n\n  b')).toBeNull();
    expect(listLayout('- a\n  ```\n  code')).toBeNull();
    // A bare task marker may still become a task.
    expect(listLayout('- [ ]')).toBeNull();
  });

  it('renders item by item exactly like the whole list (realistic answer, every list at sampled prefixes)', () => {
    const text = markdownFixture();
    let checked = 0;
    for (let n = 1; n <= text.length; n += 211) checked += checkLists(text.slice(0, n));
    expect(checked).toBeGreaterThan(25);
  });

  it('renders item by item exactly like the whole list (generated lists)', () => {
    const lines = [
      '- a',
      '- b *em*',
      '* c',
      '+ d',
      '1. one',
      '2. two',
      '3) three',
      '7. seven',
      '  - nested',
      '    - deeper',
      '  1. nested ordered',
      '  continued',
      'lazy line',
      '',
      '',
      '    code',
      '  ```',
      '  ```js',
      '  > quote',
      '- [ ] task',
      '- [x] done',
      '- [ ]',
      '-',
      '1.',
      '- # heading',
      '- ---',
      '---',
      '| a | b |',
    ];
    let checked = 0;
    fc.assert(
      fc.property(
        fc.constantFrom('- first', '1. first', '4. first', '* first', '- [ ] first'),
        fc.array(fc.constantFrom(...lines), { maxLength: 10 }),
        fc.boolean(),
        (head, rest, newline) => {
          checked += checkLists([head, ...rest].join('\n') + (newline ? '\n' : ''));
        },
      ),
      { numRuns: 600 },
    );
    expect(checked).toBeGreaterThan(300);
  });
});
