/**
 * `math()`: remark-math + KaTeX. Display and inline delimiters, money left alone, the streaming tail
 * shown as text until its formula is complete, parse errors shown as source, and KaTeX's `trust` off.
 */
import { render } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { StreamingMarkdown } from 'wiro-agent-react';
import { math } from 'wiro-agent-react/math';

const plugins = [math()];

function view(text: string, streaming = false, use = plugins) {
  return render(
    <StreamingMarkdown streaming={streaming} plugins={use}>
      {text}
    </StreamingMarkdown>,
  ).container;
}

const formulas = (root: ParentNode) =>
  [...root.querySelectorAll<HTMLElement>('.wiro-math')].map((el) => ({
    display: el.dataset.display,
    tex: el.querySelector('annotation')?.textContent,
  }));

describe('math', () => {
  it('renders $$ blocks and \\[…\\] as display math, \\(…\\) and $$…$$ in text as inline math', () => {
    const root = view(
      [
        'Euler:',
        '',
        '$$',
        'e^{i\\pi} + 1 = 0',
        '$$',
        '',
        '\\[ a^2 + b^2 = c^2 \\]',
        '',
        '$$x^2$$',
        '',
        'Inline \\(\\alpha\\) and $$\\beta$$ in a sentence.',
      ].join('\n'),
    );
    expect(formulas(root)).toEqual([
      { display: 'block', tex: 'e^{i\\pi} + 1 = 0' },
      { display: 'block', tex: 'a^2 + b^2 = c^2' },
      { display: 'block', tex: 'x^2' },
      { display: 'inline', tex: '\\alpha' },
      { display: 'inline', tex: '\\beta' },
    ]);
    expect(root.querySelectorAll('.katex-display')).toHaveLength(3);
  });

  it('leaves prices alone by default and reads $…$ only when asked to', () => {
    const text = 'It costs $20 and $30 today, or $x^2$.';
    expect(view(text).querySelector('.katex')).toBeNull();
    expect(view(text).textContent).toBe(text);
    const opted = view('Area: $\\pi r^2$.', false, [math({ singleDollar: true })]);
    expect(formulas(opted)).toEqual([{ display: 'inline', tex: '\\pi r^2' }]);
  });

  it('does not touch math-like text in code', () => {
    const root = view('Use `\\(x\\)` or:\n\n```tex\n\\[ y \\]\n$$z$$\n```\n');
    expect(root.querySelector('.katex')).toBeNull();
    expect(root.querySelector('p code')?.textContent).toBe('\\(x\\)');
    expect(root.querySelector('pre code')?.textContent).toBe('\\[ y \\]\n$$z$$\n');
  });

  it('shows an unterminated $$ block at the streaming tail as its text, then the formula once closed', () => {
    const errors = vi.spyOn(console, 'error');
    const pending = view('Here:\n\n$$\n\\frac{a}{', true);
    expect(pending.querySelector('.katex, .wiro-math-error')).toBeNull();
    expect(pending.textContent).toContain('$$');
    expect(pending.textContent).toContain('\\frac{a}{');
    const openBracket = view('Then \\[ \\sum_{i=1}^{n', true);
    expect(openBracket.querySelector('.katex, .wiro-math-error')).toBeNull();
    expect(openBracket.textContent).toContain('\\[ \\sum_');
    const done = view('Here:\n\n$$\n\\frac{a}{b}\n$$', true);
    expect(formulas(done)).toEqual([{ display: 'block', tex: '\\frac{a}{b}' }]);
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it('shows a formula that does not parse as its source, styled as an error, without throwing', () => {
    const root = view('Broken: $$\\frac{1}{$$ and fine: $$x$$.');
    const error = root.querySelector('code.wiro-math-error');
    expect(error?.textContent).toBe('\\frac{1}{');
    expect(error?.getAttribute('title')).toMatch(/KaTeX parse error/);
    expect(formulas(root)).toEqual([{ display: 'inline', tex: 'x' }]);
  });

  it('keeps KaTeX trust off: no links, images or HTML attributes from TeX', () => {
    const root = view(
      [
        '$$\\href{javascript:alert(1)}{click}$$',
        '$$\\url{javascript:alert(2)}$$',
        '$$\\includegraphics{https://evil.example/x.png}$$',
        '$$\\htmlClass{evil}{x} \\htmlId{evil}{y} \\htmlStyle{color:red}{z} \\htmlData{x=1}{w}$$',
      ].join('\n\n'),
    );
    expect(root.querySelector('a, img, [id="evil"], .evil, [data-x]')).toBeNull();
    expect(root.innerHTML).not.toMatch(/href=|src=|javascript:alert\(1\)"/);
  });

  it('renders formulas on the server', () => {
    const html = renderToString(<StreamingMarkdown plugins={plugins}>{'$$E = mc^2$$'}</StreamingMarkdown>);
    expect(html).toContain('class="katex');
    expect(html).toContain('E = mc^2');
  });

  it('returns the same plugin for the same options', () => {
    expect(math()).toBe(math({}));
    expect(math({ singleDollar: true })).not.toBe(math());
    expect(math().css).toEqual(['katex/dist/katex.min.css']);
  });
});
