import { render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import type { Components, ExtraProps } from 'react-markdown';
import { describe, expect, it } from 'vitest';
import { StreamingMarkdown } from 'wiro-agent-react';
import { markdownFixture } from '../../bench/markdown/fixture';

/** Plain text of rendered children, ignoring the caret element. */
function plain(children: ReactNode): string {
  if (typeof children === 'string' || typeof children === 'number') return String(children);
  if (Array.isArray(children)) return children.map(plain).join('');
  return '';
}

/** A `p` slot that counts its renders per paragraph (keyed by the paragraph's first word). */
function countingParagraphs(): { components: Components; counts: Map<string, number> } {
  const counts = new Map<string, number>();
  function P({ node: _node, children, ...rest }: React.ComponentProps<'p'> & ExtraProps): ReactElement {
    const key = plain(children).split(' ')[0] ?? '';
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return <p {...rest}>{children}</p>;
  }
  return { components: { p: P }, counts };
}

describe('StreamingMarkdown memoization', () => {
  it('renders finished blocks once while the tail grows over 50 replace updates', () => {
    const { components, counts } = countingParagraphs();
    const head = 'Alpha is the first paragraph.\n\nBravo is the second one.\n\nCharlie is the third.\n\nDelta';
    const { rerender } = render(
      <StreamingMarkdown streaming components={components}>
        {head}
      </StreamingMarkdown>,
    );
    let text = head;
    for (let i = 0; i < 50; i++) {
      text += ` word${i}`;
      rerender(
        <StreamingMarkdown streaming components={components}>
          {text}
        </StreamingMarkdown>,
      );
    }
    expect(counts.get('Alpha')).toBe(1);
    expect(counts.get('Bravo')).toBe(1);
    expect(counts.get('Charlie')).toBe(1);
    expect(counts.get('Delta')).toBe(51);
  });

  it('renders a finished block once more only when it stops being the tail', () => {
    const { components, counts } = countingParagraphs();
    const { rerender } = render(
      <StreamingMarkdown streaming components={components}>
        {'Alpha one'}
      </StreamingMarkdown>,
    );
    rerender(
      <StreamingMarkdown streaming components={components}>
        {'Alpha one two'}
      </StreamingMarkdown>,
    );
    rerender(
      <StreamingMarkdown streaming components={components}>
        {'Alpha one two\n\nBravo'}
      </StreamingMarkdown>,
    );
    rerender(
      <StreamingMarkdown streaming components={components}>
        {'Alpha one two\n\nBravo three'}
      </StreamingMarkdown>,
    );
    // Alpha: twice as the tail, once more as a finished block, then never again.
    expect(counts.get('Alpha')).toBe(3);
    expect(counts.get('Bravo')).toBe(2);
  });

  it('does not re-render finished blocks when the components map is recreated with the same entries', () => {
    const { components, counts } = countingParagraphs();
    const { rerender } = render(
      <StreamingMarkdown streaming components={{ ...components }}>
        {'Alpha\n\nBravo'}
      </StreamingMarkdown>,
    );
    rerender(
      <StreamingMarkdown streaming components={{ ...components }}>
        {'Alpha\n\nBravo more'}
      </StreamingMarkdown>,
    );
    expect(counts.get('Alpha')).toBe(1);
  });
});

describe('StreamingMarkdown tail healing in the DOM', () => {
  it('renders an open code fence as a code block mid-stream, with its language', () => {
    const { container } = render(
      <StreamingMarkdown streaming>{'Intro\n\n```ts\nconst a = 1;\nconst b'}</StreamingMarkdown>,
    );
    const code = container.querySelector('pre code');
    expect(code?.className).toBe('language-ts');
    expect(code?.textContent).toBe('const a = 1;\nconst b\n');
    expect(container.textContent).not.toContain('```');
    expect([...container.querySelectorAll('p')].map((p) => p.textContent)).toEqual(['Intro']);
  });

  it('uses the user code slot for an open fence too', () => {
    function Highlighted({ className, children }: React.ComponentProps<'code'> & ExtraProps): ReactElement {
      return (
        <code className={className} data-highlighted="yes">
          {children}
        </code>
      );
    }
    const { container } = render(
      <StreamingMarkdown streaming components={{ code: Highlighted }}>
        {'```py\nprint(1)'}
      </StreamingMarkdown>,
    );
    expect(container.querySelector('code[data-highlighted="yes"]')?.textContent).toBe('print(1)\n');
  });

  it('renders unclosed bold as bold and a half link as its text', () => {
    const { container } = render(
      <StreamingMarkdown streaming>{'Use **care and see [the guide](https://exa'}</StreamingMarkdown>,
    );
    expect(container.querySelector('strong')?.textContent).toBe('care and see the guide');
    expect(container.querySelector('a')).toBeNull();
    expect(container.textContent).not.toContain('[');
  });

  it('hides a table until its delimiter row arrives, then shows it as a table', () => {
    const { container, rerender } = render(<StreamingMarkdown streaming>{'Data:\n\n| a | b |'}</StreamingMarkdown>);
    expect(container.textContent).not.toContain('|');
    expect(container.querySelector('table')).toBeNull();
    rerender(<StreamingMarkdown streaming>{'Data:\n\n| a | b |\n|---|---|\n| 1 | 2'}</StreamingMarkdown>);
    expect(container.querySelectorAll('th')).toHaveLength(2);
    // The half row waits for its line to end.
    expect(container.querySelectorAll('td')).toHaveLength(0);
    rerender(<StreamingMarkdown streaming>{'Data:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n'}</StreamingMarkdown>);
    expect([...container.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['1', '2']);
  });

  it('does not turn a paragraph into a heading while a list item marker arrives', () => {
    const { container, rerender } = render(<StreamingMarkdown streaming>{'Steps\n-'}</StreamingMarkdown>);
    expect(container.querySelector('h2')).toBeNull();
    expect(container.querySelector('p')?.textContent).toBe('Steps');
    rerender(<StreamingMarkdown streaming>{'Steps\n- one'}</StreamingMarkdown>);
    expect(container.querySelector('li')?.textContent).toBe('one');
  });

  it('renders the final text exactly as sent once it is no longer streaming', () => {
    const { container } = render(<StreamingMarkdown>{'a **b'}</StreamingMarkdown>);
    expect(container.querySelector('strong')).toBeNull();
    expect(container.textContent).toBe('a **b');
  });

  it('puts an aria-hidden caret at the end of the text while the caret is on', () => {
    const { container, rerender } = render(<StreamingMarkdown streaming>{'One\n\nTwo and'}</StreamingMarkdown>);
    const carets = container.querySelectorAll('[data-wiro-caret]');
    expect(carets).toHaveLength(1);
    expect(carets[0]?.getAttribute('aria-hidden')).toBe('true');
    // Inside the last paragraph, after its text.
    expect(carets[0]?.parentElement?.textContent).toBe('Two and');
    rerender(<StreamingMarkdown>{'One\n\nTwo and'}</StreamingMarkdown>);
    expect(container.querySelector('[data-wiro-caret]')).toBeNull();
  });

  it('renders a long paragraph in memoized pieces that read as one paragraph', () => {
    const counts = new Map<string, number>();
    function Strong({ node: _node, children }: React.ComponentProps<'strong'> & ExtraProps): ReactElement {
      const key = plain(children);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      return <strong>{children}</strong>;
    }
    const components: Components = { strong: Strong };
    const sentence = 'This sentence adds more words to a very long paragraph. ';
    let text = `The **first** point matters. ${sentence.repeat(40)}`;
    const { container, rerender } = render(
      <StreamingMarkdown streaming components={components}>
        {text}
      </StreamingMarkdown>,
    );
    for (let i = 0; i < 10; i++) {
      text += `Extra clause ${i}. `;
      rerender(
        <StreamingMarkdown streaming components={components}>
          {text}
        </StreamingMarkdown>,
      );
    }
    expect(container.querySelectorAll('p')).toHaveLength(1);
    expect(counts.get('first')).toBe(1);
    expect(container.querySelector('p')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      text.replace(/\*\*/g, '').trim(),
    );
    // Finished: rendered whole, the same paragraph.
    rerender(<StreamingMarkdown components={components}>{text}</StreamingMarkdown>);
    expect(container.querySelectorAll('p')).toHaveLength(1);
    expect(container.querySelector('strong')?.textContent).toBe('first');
  });

  it('renders reference-style links once the text is final, even across blocks', () => {
    const text = 'See [the docs][d].\n\nMore text.\n\n[d]: https://example.com/docs';
    const { container } = render(<StreamingMarkdown>{text}</StreamingMarkdown>);
    expect(container.querySelector('a')?.getAttribute('href')).toBe('https://example.com/docs');
  });
});

describe('StreamingMarkdown safety', () => {
  it('never renders raw HTML', () => {
    const { container } = render(
      <StreamingMarkdown>
        {
          'Hi <script>alert(1)</script> there\n\n<img src="x" onerror="alert(2)">\n\n<iframe src="https://evil.example"></iframe>'
        }
      </StreamingMarkdown>,
    );
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('iframe')).toBeNull();
    expect(container.innerHTML).not.toContain('onerror');
  });

  it.each([
    ['javascript:alert(1)'],
    ['JavaScript:alert(1)'],
    ['  javascript:alert(1)'],
    ['java\tscript:alert(1)'],
    ['vbscript:msgbox(1)'],
    ['data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['file:///etc/passwd'],
  ])('drops the link %j and keeps its text', (url) => {
    const { container } = render(<StreamingMarkdown>{`[click me](<${url}>)`}</StreamingMarkdown>);
    expect(container.querySelector('a')).toBeNull();
    expect(container.textContent).toBe('click me');
  });

  it('drops data: and javascript: images', () => {
    const { container } = render(
      <StreamingMarkdown>
        {'![a](data:image/png;base64,AAAA) ![b](javascript:alert(1)) ![c](https://example.com/c.png)'}
      </StreamingMarkdown>,
    );
    const images = container.querySelectorAll('img');
    expect(images).toHaveLength(1);
    expect(images[0]?.getAttribute('src')).toBe('https://example.com/c.png');
    expect(images[0]?.getAttribute('alt')).toBe('c');
    expect(images[0]?.getAttribute('referrerpolicy')).toBe('no-referrer');
  });

  it('opens links in a new tab with rel="noopener noreferrer", autolinks included', () => {
    const { container } = render(
      <StreamingMarkdown>
        {'[site](https://example.com) and https://example.org and [mail](mailto:a@b.c) and [rel](/docs)'}
      </StreamingMarkdown>,
    );
    const links = [...container.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://example.com',
      'https://example.org',
      'mailto:a@b.c',
      '/docs',
    ]);
    for (const a of links) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    }
  });

  it('keeps in-page fragment links in the page', () => {
    const { container } = render(<StreamingMarkdown>{'[top](#top)'}</StreamingMarkdown>);
    expect(container.querySelector('a')?.getAttribute('target')).toBeNull();
  });

  it('does not load a half-written image URL while streaming', () => {
    const { container } = render(
      <StreamingMarkdown streaming>{'Look: ![chart](https://example.com/ch'}</StreamingMarkdown>,
    );
    expect(container.querySelector('img')).toBeNull();
  });
});

/** The DOM as markup with each element's attributes sorted (React keeps the order they were first set in). */
function canonical(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (!(node instanceof Element)) return '';
  const attributes = [...node.attributes].map((a) => `${a.name}="${a.value}"`).sort();
  const inner = [...node.childNodes].map(canonical).join('');
  return `<${node.tagName.toLowerCase()}${attributes.map((a) => ` ${a}`).join('')}>${inner}</>`;
}

/** A rehype plugin that changes nothing but turns off extended and seeded parses: every block is parsed. */
const PARSE_EVERY_TIME = [(): undefined => undefined];

describe('StreamingMarkdown kept parses', () => {
  it('renders every step of a streamed answer exactly as parsing that text from scratch does', () => {
    // The live block keeps its parse and extends it by plain words, a new block may be seeded from its
    // marker, and a block that finishes reuses its parse. Whatever it kept, each step must show what
    // parsing that text from scratch shows.
    const text = markdownFixture(6000);
    const steps = 150;
    const live = render(<StreamingMarkdown streaming>{''}</StreamingMarkdown>);
    for (let i = 1; i <= steps; i++) {
      // Uneven steps, as tokens arrive: some end inside a word, some after a space.
      const prefix = text.slice(0, Math.round((text.length * i * i) / (steps * steps)));
      live.rerender(<StreamingMarkdown streaming>{prefix}</StreamingMarkdown>);
      const fresh = render(
        <StreamingMarkdown streaming rehypePlugins={PARSE_EVERY_TIME}>
          {prefix}
        </StreamingMarkdown>,
      );
      expect(canonical(live.container), `step ${i}`).toBe(canonical(fresh.container));
      fresh.unmount();
    }
    live.rerender(<StreamingMarkdown>{text}</StreamingMarkdown>);
    const final = render(<StreamingMarkdown rehypePlugins={PARSE_EVERY_TIME}>{text}</StreamingMarkdown>);
    expect(canonical(live.container)).toBe(canonical(final.container));
  });
});
