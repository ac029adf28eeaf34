/**
 * `codeHighlight()`: Shiki loaded on the first fence, tokens drawn as text (never HTML), complete lines
 * highlighted once while a fence streams, plain text for what cannot be highlighted, and server HTML
 * that hydrates without a mismatch.
 */
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { AgentMessage, StreamingMarkdown } from 'wiro-agent-react';
import { createStream, type AgentStream } from 'wiro-agent-react/core';
import { codeHighlight } from 'wiro-agent-react/highlight';

const WAIT = { timeout: 20_000, interval: 20 };
const plugins = [codeHighlight()];

function Answer({ text, streaming = false }: { text: string; streaming?: boolean }): ReactElement {
  return (
    <StreamingMarkdown streaming={streaming} plugins={plugins}>
      {text}
    </StreamingMarkdown>
  );
}

/** Render a fenced block and wait until Shiki has drawn it. */
async function highlighted(text: string): Promise<HTMLElement> {
  const view = render(<Answer text={text} />);
  await waitFor(() => expect(view.container.querySelector('pre[data-highlighted]')).not.toBeNull(), WAIT);
  return view.container;
}

const tokenColours = (root: ParentNode): string[] =>
  [...root.querySelectorAll<HTMLElement>('.wiro-hl-line > span')].map((span) => span.style.color).filter(Boolean);

describe('codeHighlight', () => {
  it('highlights a fenced block with the kit palette, keeping the exact text', async () => {
    const code = 'const answer = 42; // the answer\nfunction f(x: number) {\n  return x;\n}';
    const container = await highlighted(`Code:\n\n\`\`\`ts\n${code}\n\`\`\`\n`);
    const pre = container.querySelector('pre.wiro-hl') as HTMLElement;
    expect(pre.querySelector('code')?.className).toBe('language-ts');
    expect(pre.textContent).toBe(`${code}\n`);
    const colours = tokenColours(pre);
    expect(colours).toContain('var(--wiro-code-token-keyword)');
    expect(colours).toContain('var(--wiro-code-token-comment)');
    // The frame stays the kit's: language label and copy button.
    expect(container.querySelector('.wiro-code-lang')?.textContent).toBe('ts');
  });

  it('draws hostile code as text: nothing in it becomes markup', async () => {
    const hostile =
      '</code></pre><script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a>';
    for (const lang of ['html', 'ts']) {
      const container = await highlighted(`\`\`\`${lang}\n${hostile}\n\`\`\`\n`);
      expect(container.querySelector('script, img, a, iframe')).toBeNull();
      expect(container.querySelector('pre.wiro-hl')?.textContent).toBe(`${hostile}\n`);
      expect(container.innerHTML).not.toContain('<script');
      container.remove();
    }
  });

  it('copies the plain code, without any markup or line numbers', async () => {
    const user = userEvent.setup();
    const code = 'print("hi")\nx = 1';
    render(
      <StreamingMarkdown
        plugins={[codeHighlight({ lineNumbers: true })]}
      >{`\`\`\`python\n${code}\n\`\`\``}</StreamingMarkdown>,
    );
    await waitFor(() => expect(document.querySelector('pre[data-highlighted]')).not.toBeNull(), WAIT);
    expect(document.querySelector('pre[data-line-numbers]')).not.toBeNull();
    await user.click(screen.getByRole('button', { name: 'Copy code' }));
    expect(await navigator.clipboard.readText()).toBe(code);
  });

  it('leaves unknown languages plain, with no error', async () => {
    const errors = vi.spyOn(console, 'error');
    // Highlight something first, so Shiki is loaded and the unknown names are really looked up.
    await highlighted('```js\nlet a = 1;\n```\n');
    for (const lang of ['nosuchlanguage', 'constructor', '__proto__', 'toString']) {
      const { container } = render(<Answer text={`\`\`\`${lang}\nsome code\n\`\`\`\n`} />);
      await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
      expect(container.querySelector('pre[data-highlighted]')).toBeNull();
      expect(container.querySelector('pre code')?.textContent).toBe('some code\n');
    }
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it('draws a streaming fence whose text was replaced (not grown) from the new text', async () => {
    const view = render(<Answer streaming text={'```ts\nconst a = 1;\nconst b = 2;\nconst c'} />);
    await waitFor(() => expect(view.container.querySelector('pre[data-highlighted]')).not.toBeNull(), WAIT);
    const code = (): string | null | undefined => view.container.querySelector('pre.wiro-hl')?.textContent;
    // The half-written line changes, then earlier lines do.
    view.rerender(<Answer streaming text={'```ts\nconst a = 1;\nconst b = 2;\nlet d'} />);
    expect(code()).toBe('const a = 1;\nconst b = 2;\nlet d\n');
    view.rerender(<Answer streaming text={'```ts\nlet x = 1;\nlet y = 2;\nlet z = 3;\nlet w'} />);
    expect(code()).toBe('let x = 1;\nlet y = 2;\nlet z = 3;\nlet w\n');
    view.rerender(<Answer streaming text={'```ts\nlet x = 1;\n'} />);
    expect(code()).toBe('let x = 1;\n');
  });

  it('while a fence streams, highlights each complete line once and draws the half-written one plain', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => `const value${i} = compute(${i});`);
    const view = render(<Answer streaming text={`\`\`\`ts\n${lines[0]}\n${lines[1]}\n`} />);
    await waitFor(() => expect(view.container.querySelector('pre[data-highlighted]')).not.toBeNull(), WAIT);
    const first = view.container.querySelector('.wiro-hl-line') as HTMLElement;
    const firstTokens = first.innerHTML;
    let text = `\`\`\`ts\n${lines[0]}\n${lines[1]}\n`;
    for (let i = 2; i < lines.length; i++) {
      // Half a line, then the rest of it.
      text += (lines[i] as string).slice(0, 10);
      view.rerender(<Answer streaming text={text} />);
      const rows = view.container.querySelectorAll('.wiro-hl-line');
      const tail = rows[rows.length - 1] as HTMLElement;
      expect(tail.textContent).toBe((lines[i] as string).slice(0, 10));
      expect(tail.children).toHaveLength(0); // plain: no token spans yet
      text += `${(lines[i] as string).slice(10)}\n`;
      view.rerender(<Answer streaming text={text} />);
    }
    const rows = view.container.querySelectorAll('.wiro-hl-line');
    expect(rows).toHaveLength(lines.length);
    // The first line's element was never replaced nor redrawn.
    expect(rows[0]).toBe(first);
    expect(first.innerHTML).toBe(firstTokens);
    // Every complete line is highlighted (each right after the update that completed it).
    await waitFor(() => {
      for (const row of view.container.querySelectorAll('.wiro-hl-line'))
        expect(row.children.length).toBeGreaterThan(0);
    }, WAIT);
  });

  it('renders plain code on the server and highlights after hydration, without a mismatch', async () => {
    // Shiki is already loaded in this client: hydration must still match the server's plain HTML.
    await highlighted('```ts\nconst warm = true;\n```\n');
    const stream: AgentStream = {
      ...createStream('ssr-token'),
      status: 'agent_end',
      answer: '```ts\nconst x: number = 1;\n```\n\nDone.',
      segments: [{ kind: 'answer', text: '```ts\nconst x: number = 1;\n```\n\nDone.' }],
      isDone: true,
    };
    const tree = <AgentMessage stream={stream} plugins={[codeHighlight()]} />;
    const html = renderToString(tree);
    expect(html).toContain('const x: number = 1;');
    expect(html).not.toContain('data-highlighted');
    const container = document.createElement('div');
    container.innerHTML = html;
    document.body.append(container);
    const recoverable: unknown[] = [];
    const errors = vi.spyOn(console, 'error');
    await act(async () => {
      hydrateRoot(container, tree, { onRecoverableError: (error) => void recoverable.push(error) });
    });
    await waitFor(() => expect(container.querySelector('pre[data-highlighted]')).not.toBeNull(), WAIT);
    expect(recoverable).toEqual([]);
    expect(errors).not.toHaveBeenCalled();
    expect(container.querySelector('pre.wiro-hl')?.textContent).toBe('const x: number = 1;\n');
    errors.mockRestore();
    container.remove();
  });

  it('returns the same plugin for the same options', () => {
    expect(codeHighlight()).toBe(codeHighlight({}));
    expect(codeHighlight({ lineNumbers: true })).toBe(codeHighlight({ lineNumbers: true }));
    expect(codeHighlight({ lineNumbers: true })).not.toBe(codeHighlight());
  });
});
