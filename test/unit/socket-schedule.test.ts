import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFlushScheduler } from '../../src/connection/schedule';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('createFlushScheduler', () => {
  it('flushes once per animation frame however many requests came in', () => {
    vi.useFakeTimers();
    const frames: (() => void)[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb));
    vi.stubGlobal('cancelAnimationFrame', () => {});
    const flush = vi.fn();
    const scheduler = createFlushScheduler(undefined, flush);
    scheduler.request();
    scheduler.request();
    scheduler.request();
    expect(frames).toHaveLength(1);
    frames[0]?.();
    expect(flush).toHaveBeenCalledTimes(1);
    // The hidden-tab fallback timer was cleared: no second flush.
    vi.advanceTimersByTime(1000);
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it('still flushes in a hidden tab where animation frames never run', () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', () => 1);
    vi.stubGlobal('cancelAnimationFrame', () => {});
    const flush = vi.fn();
    createFlushScheduler(undefined, flush).request();
    vi.advanceTimersByTime(99);
    expect(flush).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it("'sync' flushes before request returns; a custom function decides when", () => {
    const flush = vi.fn();
    createFlushScheduler('sync', flush).request();
    expect(flush).toHaveBeenCalledTimes(1);

    const later: (() => void)[] = [];
    const custom = createFlushScheduler((f) => later.push(f), flush);
    custom.request();
    custom.request();
    expect(later).toHaveLength(1);
    later[0]?.();
    expect(flush).toHaveBeenCalledTimes(2);
  });

  it('cancel drops a requested flush', async () => {
    const flush = vi.fn();
    const scheduler = createFlushScheduler('microtask', flush);
    scheduler.request();
    scheduler.cancel();
    await Promise.resolve();
    expect(flush).not.toHaveBeenCalled();
    scheduler.request();
    await Promise.resolve();
    expect(flush).toHaveBeenCalledTimes(1);
  });
});
