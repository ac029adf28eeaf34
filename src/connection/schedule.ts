import type { AgentSocketOptions } from './types.js';

/** How store updates are batched; see {@link AgentSocketOptions.schedule}. */
export type FlushSchedule = NonNullable<AgentSocketOptions['schedule']>;

/** Requests flushes; several requests before the flush runs give one flush. */
export interface FlushScheduler {
  /** Ask for a flush. `'sync'` flushes before returning. */
  request(): void;
  /** Drop a requested flush that has not run yet. */
  cancel(): void;
}

/** rAF does not run in background tabs; this timer makes sure a hidden tab still catches up. */
const HIDDEN_TAB_FALLBACK_MS = 100;

/**
 * A flush scheduler for `schedule`. The default is resolved at each request (not at creation), so the
 * same socket batches per animation frame in a browser and per microtask on a server or in Node tests,
 * and nothing touches `window` at import.
 */
export function createFlushScheduler(schedule: FlushSchedule | undefined, flush: () => void): FlushScheduler {
  let pending = false;
  let raf: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let generation = 0;

  const clearHandles = (): void => {
    if (raf !== null && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(raf);
    if (timer !== null) clearTimeout(timer);
    raf = null;
    timer = null;
  };

  const run = (forGeneration: number): void => {
    if (!pending || forGeneration !== generation) return;
    pending = false;
    clearHandles();
    flush();
  };

  return {
    request() {
      const mode = schedule ?? (typeof requestAnimationFrame === 'function' ? 'animation-frame' : 'microtask');
      if (mode === 'sync') {
        flush();
        return;
      }
      if (pending) return;
      pending = true;
      const g = ++generation;
      if (typeof mode === 'function') {
        mode(() => run(g));
      } else if (mode === 'animation-frame' && typeof requestAnimationFrame === 'function') {
        raf = requestAnimationFrame(() => run(g));
        timer = setTimeout(() => run(g), HIDDEN_TAB_FALLBACK_MS);
      } else {
        queueMicrotask(() => run(g));
      }
    },
    cancel() {
      pending = false;
      generation++;
      clearHandles();
    },
  };
}
