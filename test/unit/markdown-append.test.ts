/**
 * Extending a kept parse by plain words (the live block's usual update) must render exactly what a new
 * parse of the longer text renders; whenever that is not certain, the extension must decline.
 */
import fc from 'fast-check';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { extendParse, seedParse } from '../../src/components/markdown/append';
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
  ' #',
  '#',
  '~~~',
  '***',
  '![',
  '</b>',
];
/**
 * What gets appended: mostly plain, sometimes not (the extension must then decline or still be exact),
 * and pieces that are plain character by character but not together (a link, an entity, a list marker
 * or a blank line).
 */
const ADDITION_CHARS = [
  ..."abcXYZ0189 ,.éß漢;:'!?%-",
  ...'*_:/@[`#|<&>',
  '\n',
  '\n\n',
  '\n  ',
  '  \n',
  '\n- ',
  '\n1. ',
  '\n> ',
  '\n---',
  '\n===',
  'www.',
  'x.com',
  'http://a.b',
  'b@c.de',
  '&amp;',
  'amp',
  ';',
];

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
/** A new block: a marker (or none) and text made like the additions. */
const MARKERS = [
  '',
  '# ',
  '### ',
  '- ',
  '* ',
  '+ ',
  '-    ',
  '-     ',
  '1. ',
  '7) ',
  '> ',
  '>',
  '#',
  '1',
  '- [ ] ',
  '- [x] ',
];
const block = fc
  .tuple(fc.constantFrom(...MARKERS), fc.constantFrom(...'aZé漢1<*w'), addition)
  .map(([marker, first, rest]) => marker + first + rest);

describe('extendParse', () => {
  /** Text ending in inline markup (or what looks like it), then an addition after a space. */
  const INLINE_ENDINGS = [
    '**bold**',
    '*it*',
    '_u_',
    '`code`',
    '~~gone~~',
    '[link](http://x.y)',
    '![i](a.png)',
    '*',
    '_',
    '`',
    '~',
    '[^1]',
    '\n# a #',
    '\n## b ##',
    '\\',
    '<b>',
    'x@y.z',
    'www.a.b',
    '&amp;',
  ];
  const afterMarkup = fc.tuple(prior, fc.constantFrom(...INLINE_ENDINGS)).map(([text, end]) => text + end);
  const afterSpace = addition.map((added) => ` ${added}`);
  for (const [name, remark, rehype, before, added] of [
    ['a block', plugins.remark(), plugins.rehype(), prior, addition],
    ['a list item', plugins.remark(false), plugins.rehype(true), prior, addition],
    ['a block ending in inline markup', plugins.remark(), plugins.rehype(), afterMarkup, afterSpace],
    ['a list item ending in inline markup', plugins.remark(false), plugins.rehype(true), afterMarkup, afterSpace],
  ] as const) {
    it(`renders ${name} exactly as a new parse does whenever it extends one`, () => {
      let extended = 0;
      let runs = 0;
      fc.assert(
        fc.property(before, added, (before, added) => {
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

  for (const [name, remark, rehype] of [
    ['a block', plugins.remark(), plugins.rehype()],
    ['a list item', plugins.remark(true), plugins.rehype(true)],
  ] as const) {
    it(`seeds ${name} exactly as a new parse of it renders whenever it seeds one`, () => {
      let seeded = 0;
      let runs = 0;
      fc.assert(
        fc.property(block, (text) => {
          runs++;
          const result = seedParse(text, remark, rehype);
          if (result === null) return;
          seeded++;
          expect(result.text).toBe(text);
          expect(html(result)).toBe(html(parseMarkdown(text, remark, rehype)));
        }),
        { numRuns: 3000, seed: 20261202 },
      );
      expect(seeded / runs).toBeGreaterThan(0.05);
    });
  }

  it('extends a paragraph being written word by word, and declines at markers, line breaks and links', () => {
    const remark = plugins.remark();
    const rehype = plugins.rehype();
    const parse = (text: string) => parseMarkdown(text, remark, rehype);
    const words = parse('The pool hands out **connections** in order');
    expect(extendParse(words, 'The pool hands out **connections** in order, so a slow caller')).not.toBeNull();
    expect(extendParse(words, 'The pool hands out **connections** in order *')).toBeNull();
    expect(extendParse(words, 'The pool hands out **connections** in order\n- so')).toBeNull();
    expect(extendParse(words, 'The pool hands out **connections** in order\n\nso')).toBeNull();
    // Two spaces before a line break make it a hard one.
    expect(extendParse(words, 'The pool hands out **connections** in order  \nso')).toBeNull();
    const wrapped = extendParse(words, "The pool hands out **connections** in order;\n  the caller's 99% waits");
    expect(wrapped && html(wrapped)).toBe(
      html(parse("The pool hands out **connections** in order;\nthe caller's 99% waits")),
    );
    expect(extendParse(parse('see www'), 'see www.example.com')).toBeNull();
    // A link that arrives whole inside the addition, not at the junction.
    expect(extendParse(parse('hello'), 'hello, see www.example.com')).toBeNull();
    expect(extendParse(parse('a &amp'), 'a &amp; b')).toBeNull();
    // A definition's destination.
    expect(extendParse(parse('[ref]:'), '[ref]:a')).toBeNull();
    // What ends the text is not the last text of the tree: a dropped HTML block, a heading's closing `#`s.
    expect(extendParse(parse('alpha\n\n</b>\nbeta'), 'alpha\n\n</b>\nbeta gamma')).toBeNull();
    expect(extendParse(parse('## Title ##'), '## Title ## more')).toBeNull();
    // After inline markup, words that follow a space are a text of their own.
    const afterBold = extendParse(
      parse('When you design **connection pooling**'),
      'When you design **connection pooling** for a service',
    );
    expect(afterBold && html(afterBold)).toBe(html(parse('When you design **connection pooling** for a service')));
    expect(extendParse(parse('# Title'), '# Title\nmore')).toBeNull();
    expect(extendParse(parse('mail bob'), 'mail bob@example.com')).toBeNull();
    expect(extendParse(parse('text\n1'), 'text\n1. item')).toBeNull();
    // Trailing spaces are not rendered until words follow them.
    const spaced = extendParse(parse('two words'), 'two words   ');
    expect(spaced && html(spaced)).toBe(html(parse('two words   ')));
    const later = spaced && extendParse(spaced, 'two words   and more');
    expect(later && html(later)).toBe(html(parse('two words   and more')));
  });

  it('seeds a new paragraph, heading or item from its marker, and leaves the rest to the parser', () => {
    const remark = plugins.remark();
    const rehype = plugins.rehype();
    const same = (text: string): void => {
      const seeded = seedParse(text, remark, rehype);
      expect(seeded && html(seeded)).toBe(html(parseMarkdown(text, remark, rehype)));
    };
    same('Here is a plan in eight parts.');
    same('## 1. Connection pooling');
    same('- Bound every queue; an unbounded one turns a spike into minutes');
    same('1. Roll the change out behind a flag');
    same('> Note: the first minute sees higher latency');
    for (const text of [
      '1. **bold**',
      '12 apples',
      '- 1. nested',
      '<div>',
      'see www.example.com',
      '- [ ] task',
      '---',
    ]) {
      expect(seedParse(text, remark, rehype)).toBeNull();
    }
  });
});
