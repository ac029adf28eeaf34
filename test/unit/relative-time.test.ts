import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatRelativeTime } from 'wiro-agent-react';
import { pendingWakes, wakeAt } from '../../src/components/time/clock';

const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const relative = (ageMs: number, locale = 'en'): string =>
  formatRelativeTime(NOW - ageMs, { now: NOW, locale }).relative;

describe('formatRelativeTime', () => {
  it('says the age in the coarsest sensible unit, in the locale', () => {
    expect(relative(10_000)).toBe('now');
    expect(relative(MIN)).toBe('1 minute ago');
    expect(relative(59 * MIN)).toBe('59 minutes ago');
    expect(relative(2 * HOUR + 5 * MIN)).toBe('2 hours ago');
    expect(relative(DAY + HOUR)).toBe('yesterday');
    expect(relative(3 * DAY)).toBe('3 days ago');
    expect(relative(8 * DAY)).toBe('last week');
    expect(relative(40 * DAY)).toBe('last month');
    expect(relative(800 * DAY)).toBe('2 years ago');
    expect(relative(DAY + HOUR, 'fr')).toBe('hier');
    expect(relative(3 * HOUR, 'de')).toBe('vor 3 Stunden');
  });

  it('reads a time in the future (clock skew) as now, and gives the exact time and ISO form', () => {
    const text = formatRelativeTime(NOW + 5 * MIN, { now: NOW, locale: 'en' });
    expect(text.relative).toBe('now');
    expect(text.iso).toBe('2026-12-02T12:05:00.000Z');
    expect(text.exact).toMatch(/Dec 2, 2026/);
  });

  it('says when the text next changes: at the next whole unit, or where the next unit takes over', () => {
    const at = (ageMs: number): number => formatRelativeTime(NOW - ageMs, { now: NOW }).nextChangeAt - (NOW - ageMs);
    expect(at(10_000)).toBe(MIN);
    expect(at(5 * MIN + 1000)).toBe(6 * MIN);
    expect(at(59 * MIN)).toBe(HOUR);
    expect(at(23 * HOUR + 30 * MIN)).toBe(DAY);
    expect(at(6 * DAY)).toBe(7 * DAY);
    // Five weeks is where months take over, before the sixth week.
    expect(at(4 * 7 * DAY + DAY)).toBe(35 * DAY);
    // And at every boundary the text really is different just after than just before.
    for (const age of [MIN, HOUR, DAY, 7 * DAY, 35 * DAY, 365 * DAY]) {
      const before = formatRelativeTime(NOW - age + 1, { now: NOW, locale: 'en' });
      const after = formatRelativeTime(NOW - age + 1, { now: before.nextChangeAt, locale: 'en' });
      expect(after.relative, `at ${age} ms`).not.toBe(before.relative);
    }
  });

  it('gives empty strings for an unreadable time', () => {
    expect(formatRelativeTime(Number.NaN)).toEqual({ relative: '', exact: '', iso: '', nextChangeAt: Infinity });
  });
});

describe('the shared clock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('serves any number of readers with one timer, waking each only when its own time comes', () => {
    vi.useFakeTimers({ now: NOW });
    const woken: number[] = [];
    const cancels = Array.from({ length: 100 }, (_, i) => wakeAt(NOW + (i + 1) * MIN, () => woken.push(i)));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(MIN + 100);
    expect(woken).toEqual([0]);
    vi.advanceTimersByTime(2 * MIN);
    expect(woken).toEqual([0, 1, 2]);
    expect(vi.getTimerCount()).toBe(1);
    for (const cancel of cancels) cancel();
    expect(pendingWakes()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a cancelled reader is never woken; a reader that throws does not stop the others', () => {
    vi.useFakeTimers({ now: NOW });
    const woken: string[] = [];
    const cancel = wakeAt(NOW + MIN, () => woken.push('cancelled'));
    wakeAt(NOW + MIN, () => {
      throw new Error('broken reader');
    });
    wakeAt(NOW + MIN, () => woken.push('kept'));
    cancel();
    vi.advanceTimersByTime(MIN + 100);
    expect(woken).toEqual(['kept']);
    expect(pendingWakes()).toBe(0);
  });

  it('waits longer than setTimeout can in one go (a year-old label) without firing early', () => {
    vi.useFakeTimers({ now: NOW });
    let woken = false;
    wakeAt(NOW + 40 * DAY, () => (woken = true));
    vi.advanceTimersByTime(30 * DAY);
    expect(woken).toBe(false);
    vi.advanceTimersByTime(10 * DAY + 100);
    expect(woken).toBe(true);
  });
});
