import fc from 'fast-check';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { describe, expect, it } from 'vitest';
import { markdownFixture } from '../../bench/markdown/fixture';
import {
  createBlockSplitter,
  hasDefinitions,
  splitMarkdownBlocks,
  type MarkdownBlock,
} from '../../src/components/markdown/blocks';

const render = (text: string): string =>
  renderToStaticMarkup(createElement(Markdown, { remarkPlugins: [remarkGfm] }, text)).replace(/\n/g, '');

/** Render block by block the way the component does (a finished block keeps its line break). */
const renderBlocks = (blocks: MarkdownBlock[]): string =>
  blocks.map((b) => render(b.terminated ? `${b.text}\n` : b.text)).join('');

const shape = (text: string): string[] => splitMarkdownBlocks(text).map((b) => `${b.kind}:${b.text}`);

describe('splitMarkdownBlocks', () => {
  it('splits the usual constructs into top-level blocks', () => {
    const text = [
      '# Title',
      '',
      'Para one',
      'line two',
      '',
      '- a',
      '- b',
      '',
      '  continued in b',
      '- c',
      '',
      'After',
      '',
      '```js',
      'x',
      '',
      'y',
      '```',
      '',
      '| a | b |',
      '|---|---|',
      '| 1 | 2 |',
      '',
      '> quote',
      'lazy line',
      '',
      '---',
      '',
    ].join('\n');
    expect(shape(text)).toEqual([
      'heading:# Title',
      'paragraph:Para one\nline two',
      'list:- a\n- b\n\n  continued in b\n- c',
      'paragraph:After',
      'code:```js\nx\n\ny\n```',
      'table:| a | b |\n|---|---|\n| 1 | 2 |',
      'blockquote:> quote\nlazy line',
      'thematic-break:---',
    ]);
  });

  it('starts a new block where a table, list or heading interrupts a paragraph', () => {
    expect(shape('para\n| a | b |\n|---|---|')).toEqual(['paragraph:para', 'table:| a | b |\n|---|---|']);
    expect(shape('para\n- item')).toEqual(['paragraph:para', 'list:- item']);
    expect(shape('para\n# head')).toEqual(['paragraph:para', 'heading:# head']);
  });

  it('keeps lines that cannot interrupt a paragraph in it', () => {
    expect(shape('para\n2. not a list')).toEqual(['paragraph:para\n2. not a list']);
    expect(shape('para\n    indented')).toEqual(['paragraph:para\n    indented']);
  });

  it('treats a paragraph with an underline as a setext heading', () => {
    expect(shape('Title\n===\nnext')).toEqual(['heading:Title\n===', 'paragraph:next']);
  });

  it('keeps blank lines inside a fence and an unclosed fence to the end', () => {
    const blocks = splitMarkdownBlocks('```py\na\n\n\nb');
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({
      kind: 'code',
      openFence: true,
      closed: false,
      fence: { char: '`', length: 3, info: 'py' },
    });
  });

  it('ends a list at a blank line followed by an unindented paragraph, not before', () => {
    expect(shape('- a\n\nb')).toEqual(['list:- a', 'paragraph:b']);
    expect(shape('1. a\n\n2. b')).toEqual(['list:1. a\n\n2. b']);
    expect(shape('- a\n* b')).toEqual(['list:- a', 'list:* b']);
  });

  it('marks which blocks are final', () => {
    const blocks = splitMarkdownBlocks('# Head\n\npara\n\n- item');
    expect(blocks.map((b) => [b.kind, b.closed, b.terminated])).toEqual([
      ['heading', true, true],
      ['paragraph', true, true],
      ['list', false, false],
    ]);
    // A one-line block whose line is still arriving may still become something else.
    expect(splitMarkdownBlocks('# Hea')[0]).toMatchObject({ kind: 'heading', closed: false });
  });

  it('renders block by block exactly like the whole document (realistic answer, sampled prefixes)', () => {
    const text = markdownFixture();
    for (let n = 1; n <= text.length; n += 419) {
      const prefix = text.slice(0, n);
      expect(renderBlocks(splitMarkdownBlocks(prefix)), `prefix of ${n} chars`).toBe(render(prefix));
    }
  });

  it('renders block by block exactly like the whole document (generated documents)', () => {
    const lines = [
      '- a',
      '* b',
      '+ c',
      '1. one',
      '2) two',
      '3. three',
      '```',
      '```js',
      '~~~',
      '> q',
      '| a | b |',
      '|---|---|',
      '| 1 | 2 |',
      '',
      '',
      '',
      '    code',
      '  indented',
      '   - nested',
      '  1. n',
      '# h',
      '## h2',
      'para text',
      'more **bold',
      '---',
      '***',
      '===',
      'x | y',
      '--|--',
      '- [ ] task',
      '-',
      '1.',
      '>- qa',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...lines), { maxLength: 12 }), fc.boolean(), (picked, newline) => {
        const text = picked.join('\n') + (newline ? '\n' : '');
        expect(renderBlocks(splitMarkdownBlocks(text))).toBe(render(text));
      }),
      { numRuns: 400 },
    );
  });

  it('never changes a finished block as the text grows (every prefix of a realistic answer)', () => {
    const text = markdownFixture();
    const full = splitMarkdownBlocks(text);
    const split = createBlockSplitter();
    for (let n = 1; n <= text.length; n++) {
      const blocks = split(text.slice(0, n));
      for (let k = 0; k < blocks.length - 1; k++) {
        const block = blocks[k] as MarkdownBlock;
        const final = full[k];
        if (block.text !== final?.text || block.start !== final.start) {
          throw new Error(
            `block ${k} at prefix ${n} is ${JSON.stringify(block.text)}, finally ${JSON.stringify(final?.text)}`,
          );
        }
      }
    }
  });
});

describe('createBlockSplitter', () => {
  it('gives the same blocks as a fresh split, reusing finished block objects', () => {
    const text = markdownFixture(6000);
    const split = createBlockSplitter();
    let previous: MarkdownBlock[] = [];
    for (let n = 1; n <= text.length; n += 7) {
      const prefix = text.slice(0, n);
      const blocks = split(prefix);
      expect(blocks).toEqual(splitMarkdownBlocks(prefix));
      for (let k = 0; k < Math.min(previous.length, blocks.length) - 1; k++) {
        if (previous[k]?.closed) expect(blocks[k]).toBe(previous[k]);
      }
      previous = blocks;
    }
  });

  it('starts over when the text was rewritten rather than extended', () => {
    const split = createBlockSplitter();
    split('# One\n\nfirst paragraph\n\nsecond');
    expect(split('# Two\n\nother').map((b) => b.text)).toEqual(['# Two', 'other']);
  });
});

describe('hasDefinitions', () => {
  it('detects link reference and footnote definitions', () => {
    expect(hasDefinitions('text\n\n[ref]: https://example.com')).toBe(true);
    expect(hasDefinitions('text[^1]\n\n[^1]: note')).toBe(true);
    expect(hasDefinitions('a [link](https://example.com) and [brackets]')).toBe(false);
  });
});
