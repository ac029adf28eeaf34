/**
 * <ChatLayout>: the sidebar beside the thread when wide, a drawer when narrow. jsdom does no layout, so
 * the layout's width comes from a stand-in ResizeObserver the test drives (`resize(width)`).
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState, type ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AgentSessionList, ChatLayout, ChatLayoutToggle, type AgentSessionListItem } from 'wiro-agent-react';

const observers = new Set<{ callback: ResizeObserverCallback; targets: Element[] }>();

class FakeResizeObserver {
  private readonly entry: { callback: ResizeObserverCallback; targets: Element[] };
  constructor(callback: ResizeObserverCallback) {
    this.entry = { callback, targets: [] };
    observers.add(this.entry);
  }
  observe(target: Element): void {
    this.entry.targets.push(target);
  }
  unobserve(): void {}
  disconnect(): void {
    observers.delete(this.entry);
  }
}

/** Report a new width for every observed element, as the browser would after a layout. */
function resize(width: number): void {
  act(() => {
    for (const { callback, targets } of [...observers]) {
      const entries = targets.map((target) => ({ target, contentRect: { width } }) as unknown as ResizeObserverEntry);
      callback(entries, {} as ResizeObserver);
    }
  });
}

beforeEach(() => {
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
});
afterEach(() => {
  vi.unstubAllGlobals();
  observers.clear();
});

const SESSIONS: AgentSessionListItem[] = [
  { sessionkey: 'a', messagecount: 2, updatedat: null, lastmessage: 'First conversation' },
  { sessionkey: 'b', messagecount: 4, updatedat: null, lastmessage: 'Second conversation' },
];

function App({ toggle }: { toggle?: boolean }): ReactElement {
  const [current, setCurrent] = useState('b');
  return (
    <ChatLayout
      toggle={toggle}
      sidebar={<AgentSessionList sessions={SESSIONS} selected={current} onSelect={setCurrent} />}
    >
      <main>
        {toggle === false ? <ChatLayoutToggle /> : null}
        <p>Thread of {current}</p>
        <textarea aria-label="Message" />
      </main>
    </ChatLayout>
  );
}

const sidebarOf = (container: HTMLElement): HTMLElement =>
  container.querySelector('.wiro-layout-sidebar') as HTMLElement;
const mainOf = (container: HTMLElement): HTMLElement => container.querySelector('.wiro-layout-main') as HTMLElement;

describe('ChatLayout', () => {
  it('wide: the sidebar sits beside the thread, usable, with no toggle', () => {
    const { container } = render(<App />);
    resize(900);
    expect(container.querySelector('.wiro-layout')?.getAttribute('data-mode')).toBe('sidebar');
    expect(screen.queryByRole('button', { name: 'Show conversations' })).toBeNull();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(sidebarOf(container).hasAttribute('inert')).toBe(false);
    // The list is in the sidebar and shows the current conversation as current.
    const current = within(sidebarOf(container)).getByRole('button', { name: /^Second conversation/ });
    expect(current.getAttribute('aria-current')).toBe('true');
  });

  it('narrow: a drawer; the toggle opens it as a dialog with focus on the current conversation; Escape closes it and focus returns', async () => {
    const user = userEvent.setup();
    const { container } = render(<App />);
    resize(500);
    const toggle = screen.getByRole('button', { name: 'Show conversations' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.getAttribute('aria-controls')).toBe(sidebarOf(container).id);
    // Closed: nothing in the drawer can be reached.
    expect(sidebarOf(container).hasAttribute('inert')).toBe(true);

    await user.click(toggle);
    const dialog = screen.getByRole('dialog', { name: 'Conversations' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: /^Second conversation/ }));
    expect(mainOf(container).hasAttribute('inert')).toBe(true);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(mainOf(container).hasAttribute('inert')).toBe(false);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Show conversations' }));
  });

  it('picking a conversation in the drawer closes it; so do the close button and a click beside the drawer', async () => {
    const user = userEvent.setup();
    const { container } = render(<App />);
    resize(500);
    await user.click(screen.getByRole('button', { name: 'Show conversations' }));
    await user.click(screen.getByRole('button', { name: /^First conversation/ }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(mainOf(container).querySelector('p')?.textContent).toBe('Thread of a');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Show conversations' }));

    await user.click(screen.getByRole('button', { name: 'Show conversations' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Hide conversations' }));
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Show conversations' }));
    fireEvent.click(container.querySelector('.wiro-layout-backdrop') as HTMLElement);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('Tab stays inside the open drawer', async () => {
    const user = userEvent.setup();
    render(<App />);
    resize(500);
    await user.click(screen.getByRole('button', { name: 'Show conversations' }));
    const dialog = screen.getByRole('dialog');
    const close = within(dialog).getByRole('button', { name: 'Hide conversations' });
    const current = within(dialog).getByRole('button', { name: /^Second conversation/ });
    await user.tab();
    expect(document.activeElement).toBe(close);
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(current);
  });

  it('growing past the breakpoint while open puts the sidebar back beside the thread, nothing inert', async () => {
    const user = userEvent.setup();
    const { container } = render(<App />);
    resize(500);
    await user.click(screen.getByRole('button', { name: 'Show conversations' }));
    resize(1000);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(sidebarOf(container).hasAttribute('inert')).toBe(false);
    expect(mainOf(container).hasAttribute('inert')).toBe(false);
    expect(screen.queryByRole('button', { name: /conversations$/ })).toBeNull();
  });

  it('with toggle={false} the layout draws no toggle of its own; a ChatLayoutToggle placed in the thread works', async () => {
    const user = userEvent.setup();
    const { container } = render(<App toggle={false} />);
    resize(500);
    expect(container.querySelector('.wiro-layout-bar')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Show conversations' }));
    const dialog = screen.getByRole('dialog', { name: 'Conversations' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(mainOf(container).hasAttribute('inert')).toBe(true);
  });

  it('ChatLayoutToggle renders nothing outside a layout', () => {
    const { container } = render(<ChatLayoutToggle />);
    expect(container.innerHTML).toBe('');
  });
});
