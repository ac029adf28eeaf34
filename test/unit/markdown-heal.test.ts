import { describe, expect, it } from 'vitest';
import { markdownFixture } from '../../bench/markdown/fixture';
import { splitMarkdownBlocks } from '../../src/components/markdown/blocks';
import { healInline, healMarkdown } from '../../src/components/markdown/heal';

describe('healMarkdown: code fences', () => {
  it.each([
    ['an open fence is closed', 'Intro\n\n```js\nconst x = 1', 'Intro\n\n```js\nconst x = 1\n```'],
    ['a closing fence arriving is not shown as code', '```js\nx\n``', '```js\nx\n```'],
    ['a cut info string is left out until its line ends', '```pyth', '```\n```'],
    ['a tilde fence keeps its marker', '~~~~\ncode', '~~~~\ncode\n~~~~'],
    ['a closed fence is left alone', '```\ncode\n```', '```\ncode\n```'],
  ])('%s', (_name, input, expected) => {
    expect(healMarkdown(input)).toBe(expected);
  });

  it('removes the fence indentation from the code, as CommonMark does', () => {
    expect(healMarkdown('  ```\n  a\n    b')).toBe('```\na\n  b\n```');
  });

  it('only closes a fence whose info string needs decoding', () => {
    expect(healMarkdown('```c&#43;&#43;\nint a;')).toBe('```c&#43;&#43;\nint a;\n```');
  });
});

describe('healMarkdown: inline syntax', () => {
  it.each([
    ['bold', 'a **bold', 'a **bold**'],
    ['bold whose closer is half there', 'a **bold*', 'a **bold**'],
    ['italic', 'an *italic', 'an *italic*'],
    ['bold italic', 'a ***both', 'a ***both***'],
    ['underscore strong', 'a __strong', 'a __strong__'],
    ['a single underscore starts a word more often than emphasis', 'the _id field', 'the _id field'],
    ['a single tilde means "about", not strikethrough', 'takes ~5 min', 'takes ~5 min'],
    ['strikethrough', 'a ~~gone', 'a ~~gone~~'],
    ['inline code', 'call `fn(', 'call `fn(`'],
    ['code with a double backtick run', 'see ``a ` b', 'see ``a ` b``'],
    ['nested: code inside bold', '**use `x', '**use `x`**'],
    ['closer goes before trailing spaces', '**bold  ', '**bold**'],
    ['an opener with nothing after it is dropped', 'hello **', 'hello '],
    ['a lone backtick at the end is dropped', 'hello `', 'hello '],
    ['a dangling marker after a space is dropped', 'x *', 'x '],
    ['intraword underscores are not emphasis', 'snake_case_name', 'snake_case_name'],
    ['a closed single-underscore emphasis is left alone', 'an _it_ here', 'an _it_ here'],
    ['an intraword star is left alone', '2*3 is six', '2*3 is six'],
    ['a closed construct is left alone', '**done** and `code`', '**done** and `code`'],
    ['escaped markers are text', 'a \\*not', 'a \\*not'],
    ['markers inside code are ignored', '`a ** b` and', '`a ** b` and'],
  ])('%s', (_name, input, expected) => {
    expect(healMarkdown(input)).toBe(expected);
  });

  it.each([
    ['a link whose URL is arriving shows its text', 'see [the guide](https://exa', 'see the guide'],
    ['a link whose text is arriving shows it', 'see [the gui', 'see the gui'],
    ['a link waiting for its URL shows its text', 'see [the guide]', 'see the guide'],
    ['a link with a title arriving', 'see [x](https://a.b "Ti', 'see x'],
    ['a finished link is kept', 'see [x](https://a.b) now', 'see [x](https://a.b) now'],
    ['an image whose URL is arriving is hidden', 'look ![chart](https://exa', 'look '],
    ['an image waiting for its URL is hidden', 'look ![chart]', 'look '],
    ['a footnote reference arriving is hidden', 'true[^1', 'true'],
    ['indexing is not a link', 'a[i', 'a[i'],
    ['a task checkbox is not a link', '- [x]', '- [x]'],
    ['an apostrophe in a URL does not open a title', "x [a](https://a.b/it's) y", "x [a](https://a.b/it's) y"],
    ['emphasis in a half link text is healed too', 'see [**bold](htt', 'see **bold**'],
  ])('%s', (_name, input, expected) => {
    expect(healMarkdown(input)).toBe(expected);
  });

  it('only heals the last paragraph of a list or quote', () => {
    expect(healMarkdown('- first **item\n- second *it')).toBe('- first **item\n- second *it*');
    expect(healMarkdown('> quoted **bold\n> more')).toBe('> quoted **bold\n> more**');
  });

  it('leaves a finished paragraph (followed by a blank line) as it is', () => {
    expect(healMarkdown('a **b\n\n')).toBe('a **b\n\n');
  });

  it('does not heal inside a fence that is open in a list item', () => {
    expect(healMarkdown('- step:\n  ```js\n  const s = `tpl')).toBe('- step:\n  ```js\n  const s = `tpl');
  });

  it('healInline works on one paragraph', () => {
    expect(healInline('**a [b](c')).toBe('**a b**');
  });
});

describe('healMarkdown: lines that would change form', () => {
  it.each([
    ['a dash under a paragraph is not a setext heading', 'Steps\n-', 'Steps'],
    ['nor a double dash', 'Steps\n--', 'Steps'],
    ['nor an equals line', 'Title\n=', 'Title'],
    ['a lone list marker', 'Text\n\n- a\n-', 'Text\n\n- a'],
    ['a lone ordered marker', 'Text\n\n1.', 'Text\n\n'],
    ['a lone heading marker', 'Text\n\n##', 'Text\n\n'],
    ['a rule arriving', 'Text\n\n**', 'Text\n\n'],
    ['a fence arriving', 'Text\n\n``', 'Text\n\n'],
    ['a lone quote marker', 'Text\n\n>', 'Text\n\n'],
  ])('%s', (_name, input, expected) => {
    expect(healMarkdown(input)).toBe(expected);
  });

  it('keeps a complete line even if it is only a marker', () => {
    expect(healMarkdown('Title\n===\n')).toBe('Title\n===\n');
  });
});

describe('healMarkdown: tables', () => {
  it.each([
    ['a header waiting for its delimiter row is hidden', 'Data:\n\n| a | b |', 'Data:\n\n'],
    ['also once its line ended', 'Data:\n\n| a | b |\n', 'Data:\n\n\n'],
    ['a delimiter row arriving hides both', 'Data:\n\n| a | b |\n|--', 'Data:\n\n'],
    ['a header under a paragraph is hidden', 'Data:\n| a | b |', 'Data:'],
    ['a half body row is hidden', '| a | b |\n|---|---|\n| 1 | 2', '| a | b |\n|---|---|'],
    ['a complete body row shows', '| a | b |\n|---|---|\n| 1 | 2 |\n', '| a | b |\n|---|---|\n| 1 | 2 |\n'],
  ])('%s', (_name, input, expected) => {
    expect(healMarkdown(input)).toBe(expected);
  });
});

describe('healMarkdown on a realistic stream', () => {
  it('never touches text before the last block', () => {
    const text = markdownFixture(8000);
    for (let n = 1; n <= text.length; n += 3) {
      const prefix = text.slice(0, n);
      const blocks = splitMarkdownBlocks(prefix);
      const tailStart = blocks[blocks.length - 1]?.start ?? 0;
      const healed = healMarkdown(prefix);
      expect(healed.slice(0, tailStart)).toBe(prefix.slice(0, tailStart));
    }
  });
});
