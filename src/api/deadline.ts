/**
 * One abort signal for an outgoing request that fires on a deadline or when the caller's own
 * signal aborts, so the client and the proxy share the same timeout and clean-up rules.
 */
export interface RequestDeadline {
  /** Pass to `fetch`. */
  readonly signal: AbortSignal;
  /** `true` when the deadline (not the caller) aborted the request. */
  readonly timedOut: boolean;
  /** Clear the timer and stop listening to the caller's signal. Call once the request settled. */
  dispose(): void;
}

/**
 * Start a deadline of `timeoutMs` (none when `0` or not finite) linked to `parent`. Not built on
 * `AbortSignal.timeout`/`any`: those cannot tell a timeout from the caller's abort on every runtime
 * the kit supports, and the two become different errors.
 */
export function startDeadline(timeoutMs: number, parent?: AbortSignal): RequestDeadline {
  const controller = new AbortController();
  let timedOut = false;
  const timer =
    timeoutMs > 0 && Number.isFinite(timeoutMs)
      ? setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeoutMs)
      : undefined;
  const onParentAbort = (): void => controller.abort();
  parent?.addEventListener('abort', onParentAbort, { once: true });
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}
