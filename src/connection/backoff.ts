import type { ReconnectOptions } from './types.js';

/** A reconnect policy with every default filled in. */
export interface BackoffPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
  factor: number;
  jitter: boolean;
  maxAttempts: number;
  healthyAfterMs: number;
}

/**
 * Wiro's documented strategy: 1 s, doubling, capped at 30 s, randomised, never giving up; a connection
 * counts as healthy (and the attempts start over) once the server spoke on it, or after 10 s open.
 */
export const DEFAULT_BACKOFF: Readonly<BackoffPolicy> = /* @__PURE__ */ Object.freeze({
  initialDelayMs: 1000,
  maxDelayMs: 30_000,
  factor: 2,
  jitter: true,
  maxAttempts: Number.POSITIVE_INFINITY,
  healthyAfterMs: 10_000,
});

/**
 * Fill in a reconnect policy, or `null` when reconnecting is disabled. Unreadable values (negative,
 * NaN) fall back to the defaults rather than producing a tight reconnect loop.
 */
export function resolveBackoff(options: ReconnectOptions | false | undefined): BackoffPolicy | null {
  if (options === false) return null;
  const o = options ?? {};
  const initialDelayMs = validNumber(o.initialDelayMs, 0) ?? DEFAULT_BACKOFF.initialDelayMs;
  const maxDelayMs = Math.max(validNumber(o.maxDelayMs, 0) ?? DEFAULT_BACKOFF.maxDelayMs, initialDelayMs);
  return {
    initialDelayMs,
    maxDelayMs,
    factor: validNumber(o.factor, 1) ?? DEFAULT_BACKOFF.factor,
    jitter: o.jitter ?? DEFAULT_BACKOFF.jitter,
    maxAttempts: validNumber(o.maxAttempts, 0) ?? DEFAULT_BACKOFF.maxAttempts,
    healthyAfterMs: validNumber(o.healthyAfterMs, 0) ?? DEFAULT_BACKOFF.healthyAfterMs,
  };
}

/**
 * The wait before reconnect attempt `attempt` (1 for the first): `initialDelayMs * factor^(attempt-1)`,
 * capped at `maxDelayMs`; with jitter, uniformly in [d/2, d] so many clients dropped together do not
 * return in lockstep, while no wait is ever shorter than half the nominal one.
 *
 * @param random - a source of numbers in [0, 1) (injectable for tests).
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(attempt));
  const nominal = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** (n - 1));
  if (!policy.jitter) return nominal;
  const r = Math.min(1, Math.max(0, random()));
  return nominal / 2 + r * (nominal / 2);
}

function validNumber(value: unknown, min: number): number | undefined {
  return typeof value === 'number' && !Number.isNaN(value) && value >= min ? value : undefined;
}
