import { act, fireEvent, render, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { Components, ExtraProps } from 'react-markdown';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AgentMessage, ThinkingBlock } from 'wiro-agent-react';
import { splitThinking, createStream, reduceStream, type AgentStream } from 'wiro-agent-react/core';

const TOKEN = 'tok_thinking_0001';

function streamFromRaw(raw: string): AgentStream {
  const split = splitThinking(raw);
  const metrics = { speed: null, speedType: null, elapsedMs: null, tokenCount: null, wordCount: null };
  return reduceStream(reduceStream(createStream(TOKEN), { type: 'local_subscribing', agenttoken: TOKEN }), {
    type: 'agent_output',
    agenttoken: TOKEN,
    result: true,
    message: { raw, ...split, metrics },
  });
}

function toggle(): HTMLElement {
  return screen.getByRole('button');
}

function content(container: HTMLElement): HTMLElement {
  const id = toggle().getAttribute('aria-controls');
  const el = id ? container.ownerDocument.getElementById(id) : null;
  if (!el) throw new Error('aria-controls does not point at the content');
  return el;
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-01-01T00:00:00Z'));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('ThinkingBlock', () => {
  it('shows "Thinking…" with a live seconds timer while thinking', () => {
    render(<ThinkingBlock thinking="Considering options" isThinking />);
    expect(toggle().textContent).toBe('Thinking…0 s');
    act(() => {
      vi.advanceTimersByTime(3000);
    });
    expect(toggle().textContent).toBe('Thinking…3 s');
  });

  it('counts from startedAt when given', () => {
    render(<ThinkingBlock thinking="x" isThinking startedAt={Date.now() - 7000} />);
    expect(toggle().textContent).toBe('Thinking…7 s');
  });

  it('says "Thought for N s" once thinking ends, and stops its timer', () => {
    const { rerender } = render(<ThinkingBlock thinking="Considering" isThinking />);
    act(() => {
      vi.advanceTimersByTime(4200);
    });
    rerender(<ThinkingBlock thinking="Considering" isThinking={false} />);
    expect(toggle().textContent).toBe('Thought for 4 s');
    expect(vi.getTimerCount()).toBe(0);
    act(() => {
      vi.advanceTimersByTime(5000);
    });
    expect(toggle().textContent).toBe('Thought for 4 s');
  });

  it('stops its timer on unmount', () => {
    const { unmount } = render(<ThinkingBlock thinking="x" isThinking />);
    expect(vi.getTimerCount()).toBe(1);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('is collapsed by default, and stays collapsed after thinking ends', () => {
    const { container, rerender } = render(<ThinkingBlock thinking="step one" isThinking />);
    expect(toggle().getAttribute('aria-expanded')).toBe('false');
    expect(content(container).hidden).toBe(true);
    rerender(<ThinkingBlock thinking="step one" isThinking={false} />);
    expect(toggle().getAttribute('aria-expanded')).toBe('false');
    expect(content(container).hidden).toBe(true);
  });

  it('with defaultOpen, is open while thinking and collapses when thinking ends', () => {
    const { container, rerender } = render(<ThinkingBlock thinking="step one" isThinking defaultOpen />);
    expect(toggle().getAttribute('aria-expanded')).toBe('true');
    expect(content(container).hidden).toBe(false);
    rerender(<ThinkingBlock thinking="step one" isThinking={false} defaultOpen />);
    expect(toggle().getAttribute('aria-expanded')).toBe('false');
  });

  it('stays open after thinking ends when the user opened it', () => {
    const { container, rerender } = render(<ThinkingBlock thinking="step one" isThinking />);
    fireEvent.click(toggle());
    expect(toggle().getAttribute('aria-expanded')).toBe('true');
    expect(content(container).textContent).toBe('step one');
    rerender(<ThinkingBlock thinking="step one and two" isThinking={false} />);
    expect(toggle().getAttribute('aria-expanded')).toBe('true');
    expect(content(container).hidden).toBe(false);
    expect(content(container).textContent).toBe('step one and two');
  });

  it('stays closed when the user closed it, even with defaultOpen', () => {
    const { rerender } = render(<ThinkingBlock thinking="a" isThinking defaultOpen />);
    fireEvent.click(toggle());
    rerender(<ThinkingBlock thinking="a b" isThinking defaultOpen />);
    expect(toggle().getAttribute('aria-expanded')).toBe('false');
  });

  it('works alone with only a thinking string', () => {
    const { container } = render(<ThinkingBlock thinking={'First idea.\n\nSecond idea.'} />);
    expect(toggle().textContent).toBe('Thoughts');
    fireEvent.click(toggle());
    expect([...content(container).querySelectorAll('p')].map((p) => p.textContent)).toEqual([
      'First idea.',
      'Second idea.',
    ]);
  });

  it('follows a stream: its thinking text and state', () => {
    const { container } = render(<ThinkingBlock stream={streamFromRaw('<think>weighing it')} defaultOpen />);
    expect(toggle().textContent).toMatch(/^Thinking…/);
    expect(content(container).textContent).toBe('weighing it');
  });

  it('is operable from the keyboard (a real button)', () => {
    render(<ThinkingBlock thinking="x" />);
    expect(toggle().tagName).toBe('BUTTON');
    expect(toggle().getAttribute('type')).toBe('button');
  });
});

describe('ThinkingBlock inside AgentMessage', () => {
  it('ticks without re-rendering the answer', () => {
    const counts = { p: 0 };
    function P({ node: _node, children }: React.ComponentProps<'p'> & ExtraProps): ReactElement {
      counts.p++;
      return <p>{children}</p>;
    }
    const components: Components = { p: P };
    // An answer, then a second thinking block still open.
    const stream = streamFromRaw('<think>plan</think>First answer.<think>second thoughts');
    render(<AgentMessage stream={stream} components={components} />);
    const before = counts.p;
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Thoughts', 'Thinking…0 s']);
    act(() => {
      vi.advanceTimersByTime(5000);
    });
    expect(screen.getAllByRole('button')[1]?.textContent).toBe('Thinking…5 s');
    expect(counts.p).toBe(before);
  });
});
