/**
 * One timer for every relative time on the page. Each reader asks to be woken when its own text goes
 * stale ("5 minutes ago" at the sixth minute, "yesterday" the day after), and the clock keeps a single
 * `setTimeout` for the earliest of those: a thousand turns showing their age cost one timer, and a
 * reader is woken only when its text changes, not on every tick.
 *
 * Framework-free; nothing runs until the first `wakeAt` (so nothing at import or in server rendering).
 * @packageDocumentation
 */

interface Watch {
  at: number;
  wake: () => void;
}

/** The longest delay `setTimeout` takes (about 24.8 days); longer waits are done in steps. */
const MAX_DELAY = 2 ** 31 - 1;
/** Wake a little after the moment, so the reader's text has surely changed when it looks again. */
const SLACK_MS = 25;

const watches = /* @__PURE__ */ new Set<Watch>();
let timer: ReturnType<typeof setTimeout> | null = null;
let timerAt = Infinity;

/**
 * Call `wake` once, at (or just after) `at` (a `Date.now()` time). Returns the cancel function.
 * A time already past wakes on the next turn of the event loop. `Infinity` never wakes.
 */
export function wakeAt(at: number, wake: () => void): () => void {
  const watch: Watch = { at, wake };
  if (at !== Infinity && !Number.isNaN(at)) {
    watches.add(watch);
    schedule();
  }
  return () => {
    if (watches.delete(watch)) schedule();
  };
}

/** How many readers wait (for tests and diagnostics). */
export function pendingWakes(): number {
  return watches.size;
}

function schedule(): void {
  let earliest = Infinity;
  for (const watch of watches) if (watch.at < earliest) earliest = watch.at;
  if (earliest === timerAt) return;
  if (timer !== null) clearTimeout(timer);
  timer = null;
  timerAt = earliest;
  if (earliest === Infinity) return;
  const delay = Math.min(MAX_DELAY, Math.max(0, earliest - Date.now() + SLACK_MS));
  timer = setTimeout(fire, delay);
  // Never keep a Node process (tests, server rendering) alive for a label.
  (timer as { unref?: () => void }).unref?.();
}

function fire(): void {
  timer = null;
  timerAt = Infinity;
  const now = Date.now();
  const due: Watch[] = [];
  for (const watch of watches) {
    if (watch.at <= now) {
      due.push(watch);
      watches.delete(watch);
    }
  }
  for (const watch of due) {
    try {
      watch.wake();
    } catch {
      // One broken reader must not stop the others from updating.
    }
  }
  schedule();
}
