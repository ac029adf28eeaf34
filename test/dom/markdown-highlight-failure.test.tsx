/**
 * A grammar that fails to load (its chunk cannot be fetched) leaves its code plain, with no error
 * thrown or logged, while other languages still highlight.
 */
import { act, render, waitFor } from '@testing-library/react';
import type * as ShikiLangs from 'shiki/langs';
import { describe, expect, it, vi } from 'vitest';
import { StreamingMarkdown } from 'wiro-agent-react';
import { codeHighlight } from 'wiro-agent-react/highlight';

// The one thing faked: the network. Rust's grammar chunk fails to arrive.
vi.mock('shiki/langs', async (importOriginal) => {
  const original = await importOriginal<typeof ShikiLangs>();
  return {
    ...original,
    bundledLanguages: { ...original.bundledLanguages, rust: () => Promise.reject(new Error('chunk failed to load')) },
  };
});

const plugins = [codeHighlight()];

describe('codeHighlight with a grammar that fails to load', () => {
  it('draws that code plain, without an error, and still highlights the rest', async () => {
    const errors = vi.spyOn(console, 'error');
    const { container } = render(
      <StreamingMarkdown plugins={plugins}>
        {'```rust\nfn main() {}\n```\n\n```js\nlet ok = true;\n```\n'}
      </StreamingMarkdown>,
    );
    await waitFor(
      () => expect(container.querySelector('code.language-js')?.closest('pre[data-highlighted]')).not.toBeNull(),
      {
        timeout: 20_000,
      },
    );
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    const rust = container.querySelector('code.language-rust') as HTMLElement;
    expect(rust.closest('pre[data-highlighted]')).toBeNull();
    expect(rust.textContent).toBe('fn main() {}\n');
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });
});
