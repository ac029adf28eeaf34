import fc from 'fast-check';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import Markdown from 'react-markdown';
import { describe, expect, it } from 'vitest';
import { splitMarkdownBlocks } from '../../src/components/markdown/blocks';
import { fencedCode } from '../../src/components/markdown/fence';

/** What react-markdown renders for a code block, and the same drawn from `fencedCode`. */
const parsed = (text: string): string => renderToStaticMarkup(createElement(Markdown, null, text));
function drawn(text: string): string | null {
  const [block] = splitMarkdownBlocks(text);
  const code = block && fencedCode(block);
  if (!code) return null;
  return renderToStaticMarkup(
    createElement(
      'pre',
      null,
      createElement('code', code.lang ? { className: `language-${code.lang}` } : null, code.code),
    ),
  );
}

describe('fencedCode', () => {
  it('gives language and code the way react-markdown hands them to `code`', () => {
    const [block] = splitMarkdownBlocks('```ts title="a.ts"\nlet a\nlet b');
    expect(block && fencedCode(block)).toEqual({ lang: 'ts', code: 'let a\nlet b\n', marker: '```' });
  });

  it('leaves out a closing fence that is still arriving', () => {
    const [block] = splitMarkdownBlocks('```\nx\n``');
    expect(block && fencedCode(block)?.code).toBe('x\n');
  });

  it('refuses info strings that need decoding', () => {
    const [block] = splitMarkdownBlocks('```c&#43;&#43;\nx\n```');
    expect(block && fencedCode(block)).toBeNull();
  });

  it('draws closed fences exactly as react-markdown renders them', () => {
    const body = fc.array(fc.constantFrom('x', '  y', '', '    z', '<b>', '**not bold**', '~~~', '`', 'a\tb'), {
      maxLength: 6,
    });
    fc.assert(
      fc.property(
        fc.constantFrom('', ' ', '  ', '   '),
        fc.constantFrom('```', '````', '~~~'),
        fc.constantFrom('', 'js', 'py extra'),
        body,
        (indent, marker, info, lines) => {
          const text = `${indent}${marker}${info}\n${lines.join('\n')}${lines.length ? '\n' : ''}${marker}\n`;
          // A body line may close the fence early: compare the first block.
          const first = splitMarkdownBlocks(text)[0];
          expect(first?.kind).toBe('code');
          expect(drawn(text)).toBe(parsed(`${first?.text}\n`).replace(/\n$/, ''));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('draws a fence still streaming as react-markdown renders the text so far (less a closing fence arriving)', () => {
    const line = fc.constantFrom('x', '  y', '', '    z', '<b>', '`', '``', '~', 'a\tb', 'é漢');
    fc.assert(
      fc.property(
        fc.constantFrom('', ' ', '  ', '   '),
        fc.constantFrom('```', '~~~~'),
        fc.constantFrom('', 'ts', 'py extra'),
        fc.array(line, { maxLength: 6 }),
        fc.boolean(),
        (indent, marker, info, lines, terminated) => {
          const text = `${indent}${marker}${info}\n${lines.join('\n')}${terminated ? '\n' : ''}`;
          const [block] = splitMarkdownBlocks(text);
          if (block?.kind !== 'code') return;
          const last = lines[lines.length - 1] ?? '';
          // A last line of only fence characters may be the closing fence arriving: it is left out.
          const arriving = !terminated && /^ {0,3}(`+|~+)[ \t]*$/.test(last) && last.trim()[0] === marker[0];
          const expected = parsed(arriving ? text.slice(0, text.lastIndexOf('\n') + 1) : text).replace(/\n$/, '');
          expect(drawn(text)).toBe(expected);
        },
      ),
      { numRuns: 500, seed: 20261202 },
    );
  });
});
