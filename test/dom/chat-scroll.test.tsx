import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { type ChatMessage, MessageList } from 'wiro-agent-react';
import { chatTurn } from '../support/chat-fixtures';

const turn = chatTurn;

/**
 * jsdom does no layout: give the scroller a geometry the test controls. `scrollTop` clamps like a
 * browser's, so pinning to the bottom lands on `scrollHeight - clientHeight`.
 */
function fakeGeometry(el: HTMLElement, initial: { scrollHeight: number; clientHeight: number }) {
  const geometry = { ...initial, scrollTop: 0 };
  Object.defineProperty(el, 'scrollHeight', { configurable: true, get: () => geometry.scrollHeight });
  Object.defineProperty(el, 'clientHeight', { configurable: true, get: () => geometry.clientHeight });
  Object.defineProperty(el, 'scrollTop', {
    configurable: true,
    get: () => geometry.scrollTop,
    set: (value: number) => {
      geometry.scrollTop = Math.max(0, Math.min(value, geometry.scrollHeight - geometry.clientHeight));
    },
  });
  const bottom = () => geometry.scrollHeight - geometry.clientHeight;
  return { geometry, bottom };
}

/** The user scrolls: the browser moves scrollTop, then fires `scroll`. */
function userScrollsTo(el: HTMLElement, top: number) {
  act(() => {
    el.scrollTop = top;
    fireEvent.scroll(el);
  });
}

/** Text streams into the last turn without the list re-rendering (as AgentMessage does). */
async function streamMore(el: HTMLElement, geometry: { scrollHeight: number }, grow: number) {
  geometry.scrollHeight += grow;
  const rows = el.querySelectorAll('[data-row]');
  const last = rows[rows.length - 1] as HTMLElement;
  await act(async () => {
    last.append(document.createTextNode(' more text'));
    // MutationObserver callbacks run as a microtask.
    await Promise.resolve();
  });
}

function renderList(messages: ChatMessage[], extra: Partial<Parameters<typeof MessageList>[0]> = {}) {
  const props = {
    renderMessage: (m: ChatMessage) => <p data-row>{m.content}</p>,
    ...extra,
  };
  const view = render(<MessageList messages={messages} {...props} />);
  const scroller = screen.getByTestId('wiro-chat-scroll');
  return {
    view,
    scroller,
    rerender: (next: ChatMessage[], more: Partial<typeof extra> = {}) =>
      view.rerender(<MessageList messages={next} {...props} {...more} />),
  };
}

describe('MessageList scrolling', () => {
  it('with every turn mounted, the log is a polite live region announcing additions', () => {
    renderList([turn('a')], { virtualize: false });
    const log = screen.getByRole('log', { name: 'Conversation' });
    expect(log.getAttribute('aria-live')).toBe('polite');
    expect(log.getAttribute('aria-relevant')).toBe('additions');
  });

  it('virtualised (the default), the log is not live: rows mounted by scrolling are not news', () => {
    renderList([turn('a')]);
    const log = screen.getByRole('log', { name: 'Conversation' });
    expect(log.getAttribute('aria-live')).toBe('off');
  });

  it('where nothing can be laid out (jsdom), the newest 50 turns are rendered', () => {
    const many = Array.from({ length: 120 }, (_, i) => turn(`t${i}`));
    renderList(many);
    const shown = screen.getAllByText(/^text t\d+$/).map((p) => p.textContent);
    expect(shown).toHaveLength(50);
    expect(shown[0]).toBe('text t70');
    expect(shown[49]).toBe('text t119');
  });

  it('the list takes keyboard focus, for scrolling with the keys', () => {
    const { scroller } = renderList([turn('a')]);
    expect(scroller.tabIndex).toBe(0);
  });

  it('follows streamed text while the user is at the bottom', async () => {
    const { scroller } = renderList([turn('a'), turn('b')]);
    const { geometry, bottom } = fakeGeometry(scroller, { scrollHeight: 1000, clientHeight: 300 });
    userScrollsTo(scroller, bottom());
    await streamMore(scroller, geometry, 200);
    expect(scroller.scrollTop).toBe(bottom());
    expect(bottom()).toBe(900);
    expect(screen.queryByRole('button', { name: 'Jump to latest' })).toBeNull();
  });

  it('stops following once the user scrolls up, offers "Jump to latest", and follows again after it', async () => {
    const { scroller } = renderList([turn('a'), turn('b')]);
    const { geometry, bottom } = fakeGeometry(scroller, { scrollHeight: 1000, clientHeight: 300 });
    userScrollsTo(scroller, bottom());
    userScrollsTo(scroller, 250);
    const jump = await screen.findByRole('button', { name: 'Jump to latest' });

    await streamMore(scroller, geometry, 300);
    expect(scroller.scrollTop).toBe(250);

    fireEvent.click(jump);
    expect(scroller.scrollTop).toBe(bottom());
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Jump to latest' })).toBeNull());
    await streamMore(scroller, geometry, 100);
    expect(scroller.scrollTop).toBe(bottom());
  });

  it('an upward wheel stops following even before the scroll event arrives', async () => {
    const { scroller } = renderList([turn('a')]);
    const { geometry, bottom } = fakeGeometry(scroller, { scrollHeight: 1000, clientHeight: 300 });
    userScrollsTo(scroller, bottom());
    act(() => {
      fireEvent.wheel(scroller, { deltaY: -120 });
    });
    await streamMore(scroller, geometry, 200);
    expect(scroller.scrollTop).toBe(700);
  });

  it('a small nudge near the bottom still counts as at the bottom', async () => {
    const { scroller } = renderList([turn('a')]);
    const { geometry, bottom } = fakeGeometry(scroller, { scrollHeight: 1000, clientHeight: 300 });
    userScrollsTo(scroller, bottom() - 10);
    await streamMore(scroller, geometry, 50);
    expect(scroller.scrollTop).toBe(bottom());
  });

  it('the followKey brings the view back to the end (the user just sent) even when scrolled up', async () => {
    const messages = [turn('a'), turn('b')];
    const { scroller, rerender } = renderList(messages, { followKey: 0 });
    const { bottom } = fakeGeometry(scroller, { scrollHeight: 1000, clientHeight: 300 });
    userScrollsTo(scroller, 100);
    rerender([...messages, turn('c')], { followKey: 1 });
    expect(scroller.scrollTop).toBe(bottom());
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Jump to latest' })).toBeNull());
  });

  it('loading older turns keeps the turn the user was reading in place', async () => {
    const messages = [turn('c'), turn('d')];
    const { scroller, rerender } = renderList(messages, { hasOlder: true, onLoadOlder: () => {} });
    const { geometry } = fakeGeometry(scroller, { scrollHeight: 1000, clientHeight: 300 });
    userScrollsTo(scroller, 0);
    expect(screen.queryByRole('button', { name: 'Load older messages' })).not.toBeNull();

    // The older page adds 600px above what was shown.
    geometry.scrollHeight = 1600;
    rerender([turn('a'), turn('b'), ...messages], { hasOlder: false, onLoadOlder: () => {} });
    await act(async () => {
      await Promise.resolve();
    });
    expect(scroller.scrollTop).toBe(600);
  });

  it('shows the empty state only when there are no turns', () => {
    const { rerender } = renderList([], { empty: <p>Nothing yet</p> });
    expect(screen.queryByText('Nothing yet')).not.toBeNull();
    rerender([turn('a')], { empty: <p>Nothing yet</p> });
    expect(screen.queryByText('Nothing yet')).toBeNull();
  });
});
