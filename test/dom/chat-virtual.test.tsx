import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ChatMessage, MessageList } from 'wiro-agent-react';
import { virtualTurns } from '../../src/components/chat/load-virtual-turns';
import { LINGER_MS } from '../../src/components/chat/VirtualTurns';
import { chatTurn } from '../support/chat-fixtures';

/**
 * jsdom lays nothing out: give the list a layout the test controls. The scroller is 500 px tall, every
 * row 100 px; `scrollTop` clamps like a browser's; a ResizeObserver exists (and never reports), so the
 * list believes it can virtualise.
 */
const ROW = 100;
const VIEW = 500;
const stubs: { target: object; key: string }[] = [];
const tops = new WeakMap<Element, number>();

function stub(target: object, key: string, descriptor: PropertyDescriptor): void {
  Object.defineProperty(target, key, { configurable: true, ...descriptor });
  stubs.push({ target, key });
}

const isScroller = (el: HTMLElement) => el.dataset.testid === 'wiro-chat-scroll';
function contentHeight(el: HTMLElement): number {
  const sizer = el.querySelector<HTMLElement>('[role="log"]');
  return Number.parseFloat(sizer?.style.height ?? '0') || 0;
}

// The virtualised rows are loaded on demand: have them loaded, as on a page that already showed one.
beforeAll(async () => {
  await virtualTurns.load();
});

beforeEach(() => {
  stub(HTMLElement.prototype, 'clientHeight', {
    get(this: HTMLElement) {
      return isScroller(this) ? VIEW : 0;
    },
  });
  stub(HTMLElement.prototype, 'clientWidth', {
    get(this: HTMLElement) {
      return isScroller(this) ? 600 : 0;
    },
  });
  stub(HTMLElement.prototype, 'offsetHeight', {
    get(this: HTMLElement) {
      return this.dataset.index !== undefined ? ROW : 0;
    },
  });
  stub(HTMLElement.prototype, 'scrollHeight', {
    get(this: HTMLElement) {
      return isScroller(this) ? contentHeight(this) : 0;
    },
  });
  stub(HTMLElement.prototype, 'scrollTop', {
    get(this: HTMLElement) {
      return tops.get(this) ?? 0;
    },
    set(this: HTMLElement, value: number) {
      const max = Math.max(0, this.scrollHeight - this.clientHeight);
      tops.set(this, Math.max(0, Math.min(value, max)));
    },
  });
  stub(globalThis, 'ResizeObserver', {
    value: class {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    },
    writable: true,
  });
});

afterEach(() => {
  for (const { target, key } of stubs.splice(0)) delete (target as Record<string, unknown>)[key];
});

const turns = (count: number, extra: (i: number) => Partial<ChatMessage> = () => ({})) =>
  Array.from({ length: count }, (_, i) => chatTurn(`t${i}`, { ...extra(i), content: `question ${i}` }));

function renderList(messages: ChatMessage[]) {
  const view = render(
    <MessageList
      messages={messages}
      renderMessage={(m) => (
        <p data-status={m.status}>
          {m.content} <button type="button">act on {m.id}</button>
        </p>
      )}
    />,
  );
  const scroller = screen.getByTestId('wiro-chat-scroll');
  const mounted = () =>
    [...view.container.querySelectorAll('[data-turn-id]')].map((r) => r.getAttribute('data-turn-id'));
  return { view, scroller, mounted };
}

function scrollTo(el: HTMLElement, top: number) {
  act(() => {
    el.scrollTop = top;
    fireEvent.scroll(el);
  });
}

describe('MessageList, virtualised', () => {
  it('mounts only the turns in view plus a few around them, opening at the end', () => {
    const { mounted } = renderList(turns(1000));
    const ids = mounted();
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThanOrEqual(VIEW / ROW + 2 * 4 + 1);
    expect(ids).toContain('t999');
    expect(ids).not.toContain('t0');
  });

  it('keeps a turn in flight mounted wherever the view is, so its reply can still be announced', () => {
    const { scroller, mounted } = renderList(turns(1000, (i) => (i === 990 ? { status: 'streaming' } : {})));
    expect(mounted()).toContain('t990');
    scrollTo(scroller, 0);
    const ids = mounted();
    expect(ids).toContain('t0');
    expect(ids).toContain('t990');
    expect(ids).not.toContain('t999');
    expect(screen.getByText('question 990').closest('[data-status]')?.getAttribute('data-status')).toBe('streaming');
  });

  it('keeps the turn holding the keyboard focus mounted when the view scrolls away from it', () => {
    const { scroller, mounted } = renderList(turns(1000));
    const button = screen.getByRole('button', { name: 'act on t999' });
    act(() => button.focus());
    scrollTo(scroller, 0);
    expect(mounted()).toContain('t0');
    expect(mounted()).toContain('t999');
    expect(document.activeElement).toBe(button);
  });

  it('keeps a reply that just ended mounted a little longer, so its last update can be announced', () => {
    vi.useFakeTimers();
    try {
      const streaming = turns(1000, (i) => (i === 990 ? { status: 'streaming' } : {}));
      const { scroller, mounted, view } = renderList(streaming);
      scrollTo(scroller, 0);
      expect(mounted()).toContain('t990');

      const ended = streaming.map((m, i) => (i === 990 ? { ...m, status: 'done' as const } : m));
      view.rerender(<MessageList messages={ended} renderMessage={(m) => <p data-status={m.status}>{m.content}</p>} />);
      expect(mounted()).toContain('t990');
      expect(screen.getByText('question 990').getAttribute('data-status')).toBe('done');

      act(() => {
        vi.advanceTimersByTime(LINGER_MS);
      });
      expect(mounted()).not.toContain('t990');
      expect(mounted()).toContain('t0');
    } finally {
      vi.useRealTimers();
    }
  });
});
