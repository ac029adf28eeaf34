import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF, resolveBackoff, type BackoffPolicy } from '../../src/connection/backoff';

const noJitter: BackoffPolicy = { ...DEFAULT_BACKOFF, jitter: false };

describe('backoffDelay', () => {
  it('starts at 1 s and doubles up to the 30 s cap', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => backoffDelay(attempt, noJitter));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('with jitter, spreads each delay uniformly over [d/2, d]', () => {
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0)).toBe(500);
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0.5)).toBe(750);
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 1)).toBe(1000);
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0.25)).toBe(2500);
    expect(backoffDelay(10, DEFAULT_BACKOFF, () => 0)).toBe(15000);
    expect(backoffDelay(10, DEFAULT_BACKOFF, () => 0.999)).toBeLessThanOrEqual(30000);
  });

  it('clamps a misbehaving random source and treats attempt < 1 as the first', () => {
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 7)).toBe(1000);
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => -1)).toBe(500);
    expect(backoffDelay(0, noJitter)).toBe(1000);
  });

  it('honours a custom factor and cap', () => {
    const policy = { ...noJitter, initialDelayMs: 100, factor: 3, maxDelayMs: 1000 };
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, policy))).toEqual([100, 300, 900, 1000]);
  });
});

describe('resolveBackoff', () => {
  it('fills in the documented defaults', () => {
    expect(resolveBackoff(undefined)).toEqual({
      initialDelayMs: 1000,
      maxDelayMs: 30000,
      factor: 2,
      jitter: true,
      maxAttempts: Number.POSITIVE_INFINITY,
      healthyAfterMs: 10_000,
    });
  });

  it('returns null when reconnecting is disabled', () => {
    expect(resolveBackoff(false)).toBeNull();
  });

  it('falls back to defaults for unreadable values instead of looping fast', () => {
    const policy = resolveBackoff({ initialDelayMs: -5, factor: 0.5, maxDelayMs: Number.NaN, maxAttempts: -1 });
    expect(policy).toEqual({ ...DEFAULT_BACKOFF });
  });

  it('never caps below the first delay', () => {
    expect(resolveBackoff({ initialDelayMs: 5000, maxDelayMs: 10 })?.maxDelayMs).toBe(5000);
  });
});
