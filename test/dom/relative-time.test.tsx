import { act, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RelativeTime } from 'wiro-agent-react';

const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);
const MIN = 60_000;

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('RelativeTime', () => {
  it('renders a <time> with the exact time as its tooltip and the ISO time as dateTime', () => {
    render(<RelativeTime timestamp={NOW - 3 * MIN} locale="en" />);
    const time = screen.getByText('3 minutes ago');
    expect(time.tagName).toBe('TIME');
    expect(time.getAttribute('dateTime')).toBe('2026-12-02T11:57:00.000Z');
    expect(time.getAttribute('title')).toMatch(/^Dec 2, 2026/);
    expect(time.className).toBe('wiro-time');
  });

  it('keeps itself current with one timer for the whole page, however many times it shows', () => {
    const view = render(
      <StrictMode>
        {Array.from({ length: 50 }, (_, i) => (
          <RelativeTime key={i} timestamp={NOW - 4 * MIN - 30_000} locale="en" />
        ))}
        <RelativeTime timestamp={NOW - 2 * 60 * MIN} locale="en" />
      </StrictMode>,
    );
    expect(screen.getAllByText('4 minutes ago')).toHaveLength(50);
    expect(vi.getTimerCount()).toBe(1);

    act(() => {
      vi.advanceTimersByTime(31_000);
    });
    expect(screen.getAllByText('5 minutes ago')).toHaveLength(50);
    expect(vi.getTimerCount()).toBe(1);
    act(() => {
      vi.advanceTimersByTime(MIN);
    });
    expect(screen.getAllByText('6 minutes ago')).toHaveLength(50);
    // The older time on the same shared timer moves at its own pace (hours, not minutes).
    const older = screen.getByText('2 hours ago');
    expect(older.getAttribute('dateTime')).toBe(new Date(NOW - 2 * 60 * MIN).toISOString());

    act(() => {
      vi.advanceTimersByTime(60 * MIN);
    });
    expect(older.textContent).toBe('3 hours ago');
    expect(screen.getAllByText('1 hour ago')).toHaveLength(50);

    view.unmount();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('follows a new timestamp', () => {
    const view = render(<RelativeTime timestamp={NOW - 2 * MIN} locale="en" />);
    view.rerender(<RelativeTime timestamp={NOW - 3 * 24 * 60 * MIN} locale="en" />);
    const time = screen.getByText('3 days ago');
    expect(time.getAttribute('dateTime')).toBe(new Date(NOW - 3 * 24 * 60 * MIN).toISOString());
    expect(screen.queryByText('2 minutes ago')).toBeNull();
  });
});

describe('RelativeTime after server rendering', () => {
  it('hydrates without a mismatch and then shows the time', async () => {
    vi.useRealTimers();
    const { renderToString } = await import('react-dom/server');
    const { hydrateRoot } = await import('react-dom/client');
    const element = <RelativeTime timestamp={Date.now() - 3 * MIN} locale="en" />;
    const container = document.createElement('div');
    container.innerHTML = renderToString(element);
    document.body.append(container);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const recoverable: unknown[] = [];
    let root: ReturnType<typeof hydrateRoot> | undefined;
    await act(async () => {
      root = hydrateRoot(container, element, { onRecoverableError: (error) => recoverable.push(error) });
    });
    expect(recoverable).toEqual([]);
    expect(errors).not.toHaveBeenCalled();
    expect(container.textContent).toBe('3 minutes ago');
    act(() => root?.unmount());
    container.remove();
    errors.mockRestore();
  });
});
