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
  const policy: BackoffPolicy = { ...DEFAULT_BACKOFF, jitter: options?.jitter ?? DEFAULT_BACKOFF.jitter };
  for (const key of ['initialDelayMs', 'maxDelayMs', 'factor', 'maxAttempts', 'healthyAfterMs'] as const) {
    const value = options?.[key];
    // NaN fails the comparison too; a factor below 1 would shrink the waits.
    if (typeof value === 'number' && value >= (key === 'factor' ? 1 : 0)) policy[key] = value;
  }
  policy.maxDelayMs = Math.max(policy.maxDelayMs, policy.initialDelayMs);
  return policy;
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
