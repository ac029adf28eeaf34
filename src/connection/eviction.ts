import { housekeepingTimer, type Timer } from './timers.js';

/**
 * Tokens waiting to be evicted, each `delayMs` after it was scheduled, on ONE timer whatever their
 * number: 10,000 released replies cost 10,000 map entries, not 10,000 timers.
 */
export interface EvictionQueue {
  /** Evict `token` `delayMs` from now, unless it is already waiting (its first deadline stands). */
  schedule(token: string): void;
  /** Stop waiting for `token`. */
  cancel(token: string): void;
}

/**
 * Create an {@link EvictionQueue}. `evict` receives every token whose deadline passed, oldest first, in
 * one call per timer run (so a batch costs one store update); it decides whether each may really go.
 */
export function createEvictionQueue(delayMs: number, evict: (tokens: string[]) => void): EvictionQueue {
  // Insertion order is deadline order: every entry waits the same delay, and a re-scheduled token is
  // removed and added again at the end.
  const deadlines = new Map<string, number>();
  let timer: Timer | null = null;
  let timerAt = Infinity;

  function arm(): void {
    const first = deadlines.values().next();
    if (first.done === true) {
      disarm();
      return;
    }
    if (timer !== null && timerAt <= first.value) return;
    disarm();
    timerAt = first.value;
    timer = housekeepingTimer(run, Math.max(0, first.value - Date.now()));
  }

  function disarm(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    timerAt = Infinity;
  }

  function run(): void {
    timer = null;
    timerAt = Infinity;
    const now = Date.now();
    const due: string[] = [];
    for (const [token, at] of deadlines) {
      if (at > now) break;
      due.push(token);
    }
    for (const token of due) deadlines.delete(token);
    if (due.length > 0) evict(due);
    arm();
  }

  return {
    schedule(token) {
      if (deadlines.has(token)) return;
      deadlines.set(token, Date.now() + delayMs);
      arm();
    },
    cancel(token) {
      deadlines.delete(token);
    },
  };
}
