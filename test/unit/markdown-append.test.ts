/**
 * Extending a kept parse by plain words (the live block's usual update) must render exactly what a new
 * parse of the longer text renders; whenever that is not certain, the extension must decline.
 */
import fc from 'fast-check';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { extendParse } from '../../src/components/markdown/append';
import { resolvePlugins } from '../../src/components/markdown/plugins';
import { parseMarkdown, renderParsed, type ParsedMarkdown } from '../../src/components/markdown/render';

const plugins = resolvePlugins({});
const html = (parsed: ParsedMarkdown): string => renderToStaticMarkup(renderParsed(parsed, plugins.components, null));

/** Pieces of markdown the text before the addition is made of: plain words and every kind of syntax. */
const PIECES = [
  'alpha',
  'Beta',
  'gamma',
  '1',
  '42',
  ' ',
  '  ',
  ', ',
  '. ',
  '\n',
  '\n\n',
  'é',
  'ß',
  '漢字',
  '**bold**',
  '*it*',
  '_u_',
  '__uu__',
  '`code`',
  '~~gone~~',
  '**open',
  '*open',
  '`open',
  '_open',
  '[link](http://x.y)',
  '[ref]',
  '[^1]',
  '![img](a.png)',
  'www.example.com',
  'www',
  'bob@example.com',
  'bob@example',
  'https://a.b/c',
  'http',
  '://',
  'mailto:',
  '&amp;',
  '&amp',
  '&',
  '\\',
  '# ',
  '## ',
  '- ',
  '* ',
  '+ ',
  '1. ',
  '2) ',
  '> ',
  '| a | b |',
  '|',
  '---',
  '===',
  '```',
  '    ',
  '<b>',
  '<',
  ':',
  '@',
  '[',
  ']',
  '(',
  ')',
  '!',
  '- [ ] ',
  '-',
];
/** What gets appended: mostly plain, sometimes not (the extension must then decline or still be exact). */
const ADDITION_CHARS = [...'abcXYZ0189 ,.éß漢', '*', '_', '\n', ':', '/', '@', '[', '`', '#', '|', '-'];

const PLAIN_PIECES = ['alpha', 'Beta', 'gamma', ' ', ', ', '. ', 'é'];
const prior = fc
  .array(
    fc.oneof(
      { arbitrary: fc.constantFrom(...PLAIN_PIECES), weight: 2 },
      { arbitrary: fc.constantFrom(...PIECES), weight: 3 },
    ),
    { minLength: 1, maxLength: 10 },
  )
  .map((p) => p.join(''));
const addition = fc
  .array(fc.constantFrom(...ADDITION_CHARS), { minLength: 1, maxLength: 8 })
  .map((chars) => chars.join(''));

describe('extendParse', () => {
  for (const [name, remark, rehype] of [
    ['a block', plugins.remark(), plugins.rehype()],
    ['a list item', plugins.remark(false), plugins.rehype(true)],
  ] as const) {
    it(`renders ${name} exactly as a new parse does whenever it extends one`, () => {
      let extended = 0;
      let runs = 0;
      fc.assert(
        fc.property(prior, addition, (before, added) => {
          runs++;
          const previous = parseMarkdown(before, remark, rehype);
          const text = before + added;
          const result = extendParse(previous, text);
          if (result === null) return;
          extended++;
          expect(result.text).toBe(text);
          expect(html(result)).toBe(html(parseMarkdown(text, remark, rehype)));
          // The kept parse is not changed by extending it.
          expect(html(previous)).toBe(html(parseMarkdown(before, remark, rehype)));
        }),
        { numRuns: 3000, seed: 20261202 },
      );
      // Not vacuous: plain additions to plainly ending text are common.
      expect(extended / runs).toBeGreaterThan(0.05);
    });
  }

  it('extends a paragraph being written word by word, and declines at markers, line breaks and links', () => {
    const remark = plugins.remark();
    const rehype = plugins.rehype();
    const parse = (text: string) => parseMarkdown(text, remark, rehype);
    const words = parse('The pool hands out **connections** in order');
    expect(extendParse(words, 'The pool hands out **connections** in order, so a slow caller')).not.toBeNull();
    expect(extendParse(words, 'The pool hands out **connections** in order *')).toBeNull();
    expect(extendParse(words, 'The pool hands out **connections** in order\nso')).toBeNull();
    expect(extendParse(parse('see www'), 'see www.example.com')).toBeNull();
    expect(extendParse(parse('mail bob'), 'mail bob@example.com')).toBeNull();
    expect(extendParse(parse('text\n1'), 'text\n1. item')).toBeNull();
    // Trailing spaces are not rendered until words follow them.
    const spaced = extendParse(parse('two words'), 'two words   ');
    expect(spaced && html(spaced)).toBe(html(parse('two words   ')));
    const later = spaced && extendParse(spaced, 'two words   and more');
    expect(later && html(later)).toBe(html(parse('two words   and more')));
  });
});
