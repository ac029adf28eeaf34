/** A timer handle of `setTimeout`, in browsers (a number) and in Node (an object). */
export type Timer = ReturnType<typeof setTimeout>;

/**
 * `setTimeout` for housekeeping (evicting a finished stream, closing an idle connection) that must never
 * keep a Node process alive on its own: a script that streamed its reply and called `close()` exits at
 * once. Browsers have no `unref`; there the timer is plain.
 */
export function housekeepingTimer(callback: () => void, ms: number): Timer {
  const timer = setTimeout(callback, ms);
  (timer as { unref?: () => void }).unref?.();
  return timer;
}
