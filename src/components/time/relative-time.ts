/**
 * "3 minutes ago", "yesterday", "last week": a timestamp said relative to now through
 * `Intl.RelativeTimeFormat` (so in the reader's language), the exact date and time for a tooltip, and
 * when the relative text will next change, so one shared timer can wake each reader only when its own
 * text is stale (see `clock.ts`).
 *
 * Pure: no React, no DOM; `now` is a parameter.
 * @packageDocumentation
 */

/** One timestamp said for people. */
export interface RelativeTimeText {
  /** Relative to now, in the locale: `"now"`, `"5 minutes ago"`, `"yesterday"`, `"last year"`. */
  relative: string;
  /** The exact local date and time, in the locale: `"Dec 2, 2026, 4:42 PM"` (for a tooltip). */
  exact: string;
  /** ISO 8601, for `<time dateTime>`. */
  iso: string;
  /** `Date.now()` at which `relative` next changes (`Infinity` for an unreadable timestamp). */
  nextChangeAt: number;
}

/** Options of {@link formatRelativeTime}. */
export interface RelativeTimeOptions {
  /** BCP 47 locale (`"fr"`, `"de-CH"`). Default: the runtime's. */
  locale?: string;
  /** The current time in ms. Default `Date.now()`. */
  now?: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

/**
 * The steps, finest first: below `below` ms of age the text counts in `unit`s of `size` ms. Under a
 * minute it says "now" (seconds would need a tick a second for no real gain).
 */
interface Step {
  unit: Intl.RelativeTimeFormatUnit;
  size: number;
  below: number;
}
const YEARS: Step = { unit: 'year', size: YEAR, below: Infinity };
const STEPS: readonly Step[] = [
  { unit: 'second', size: MINUTE, below: MINUTE },
  { unit: 'minute', size: MINUTE, below: HOUR },
  { unit: 'hour', size: HOUR, below: DAY },
  { unit: 'day', size: DAY, below: WEEK },
  { unit: 'week', size: WEEK, below: 5 * WEEK },
  { unit: 'month', size: MONTH, below: YEAR },
  YEARS,
];

const relativeFormats = /* @__PURE__ */ new Map<string, Intl.RelativeTimeFormat>();
const exactFormats = /* @__PURE__ */ new Map<string, Intl.DateTimeFormat>();

function relativeFormat(locale: string | undefined): Intl.RelativeTimeFormat {
  const key = locale ?? '';
  let format = relativeFormats.get(key);
  if (format === undefined) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormats.set(key, format);
  }
  return format;
}

function exactFormat(locale: string | undefined): Intl.DateTimeFormat {
  const key = locale ?? '';
  let format = exactFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    exactFormats.set(key, format);
  }
  return format;
}

/**
 * `timestamp` (ms since the epoch) said relative to `now`. A time in the future (clock skew between
 * the server and the browser) reads as "now". An unreadable timestamp gives empty strings.
 *
 * @example
 * formatRelativeTime(Date.now() - 5 * 60_000).relative; // "5 minutes ago"
 * formatRelativeTime(Date.now() - 86_400_000, { locale: 'fr' }).relative; // "hier"
 */
export function formatRelativeTime(timestamp: number, options: RelativeTimeOptions = {}): RelativeTimeText {
  if (!Number.isFinite(timestamp)) return { relative: '', exact: '', iso: '', nextChangeAt: Infinity };
  const now = options.now ?? Date.now();
  const age = Math.max(0, now - timestamp);
  let step = YEARS;
  for (const candidate of STEPS) {
    if (age < candidate.below) {
      step = candidate;
      break;
    }
  }
  const count = step.unit === 'second' ? 0 : Math.floor(age / step.size);
  // The text changes when the count goes up, or when the age reaches the next step, whichever is first.
  const nextChangeAt = timestamp + Math.min((count + 1) * step.size, step.below);
  const date = new Date(timestamp);
  return {
    relative: relativeFormat(options.locale).format(-count, step.unit),
    exact: exactFormat(options.locale).format(date),
    iso: date.toISOString(),
    nextChangeAt,
  };
}

/** A Unix time in seconds (Wiro's `createdat`, `updatedat`) in milliseconds; anything unreadable gives `null`. */
export function unixSecondsToMs(seconds: number | null | undefined): number | null {
  return typeof seconds === 'number' && Number.isFinite(seconds) ? seconds * 1000 : null;
}
