/**
 * Number formatting of the task components: durations and file sizes, localised through `Intl` and the
 * components' labels.
 * @packageDocumentation
 */
import type { TaskLabels } from './labels.js';

/**
 * A duration in milliseconds as the labels say it (`"1 min 5 s"`), in whole seconds: rounded down for
 * time spent, up for time left (`'up'`), so "about 0 s left" is never said while the model still runs.
 */
export function formatDuration(ms: number, labels: TaskLabels, round: 'down' | 'up' = 'down'): string {
  const total = Math.max(0, round === 'up' ? Math.ceil(ms / 1000) : Math.floor(ms / 1000));
  return labels.duration(Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60);
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** A size in bytes with a 1024-based unit and at most one decimal (`"197.7 KB"`). */
export function formatBytes(bytes: number, labels: TaskLabels, locale?: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 ? 0 : 1;
  const text = new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  return labels.size(text, UNITS[unit] as string);
}

/** A figure with at most one decimal, in the locale. */
export function formatFigure(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
}
