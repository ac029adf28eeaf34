'use client';

import { useCallback, useMemo, useSyncExternalStore, type ReactElement } from 'react';
import { rootClass } from '../kit.js';
import { wakeAt } from './clock.js';
import { formatRelativeTime } from './relative-time.js';

/** What {@link useRelativeTime} returns. */
export interface RelativeTimeValue {
  /** `"5 minutes ago"`; `""` during server rendering and hydration (the server's "now" is not the reader's). */
  relative: string;
  /** The exact date and time in the locale, for a tooltip. */
  exact: string;
  /** ISO 8601, for `<time dateTime>`. */
  iso: string;
}

const serverSnapshot = (): string => '';

/**
 * `timestamp` (ms since the epoch) relative to now, kept current: the component re-renders when its own
 * text changes ("4 minutes ago" → "5 minutes ago") and not otherwise. Every use on the page shares one
 * timer (see `clock.ts`), so a long conversation with a time on each turn costs no timer per turn.
 */
export function useRelativeTime(timestamp: number, locale?: string): RelativeTimeValue {
  const subscribe = useCallback(
    (notify: () => void) => {
      let cancel = (): void => {};
      const arm = (): void => {
        cancel = wakeAt(formatRelativeTime(timestamp, { locale }).nextChangeAt, () => {
          notify();
          arm();
        });
      };
      arm();
      return () => cancel();
    },
    [timestamp, locale],
  );
  const relative = useSyncExternalStore(
    subscribe,
    () => formatRelativeTime(timestamp, { locale }).relative,
    serverSnapshot,
  );
  const { exact, iso } = useMemo(() => formatRelativeTime(timestamp, { locale }), [timestamp, locale]);
  return { relative, exact, iso };
}

/** Props of {@link RelativeTime}. */
export interface RelativeTimeProps {
  /** When, in ms since the epoch (`ChatMessage.createdAt`; a session's `updatedat * 1000`). */
  timestamp: number;
  /** BCP 47 locale. Default: the runtime's. */
  locale?: string;
  className?: string;
  /** Render without the kit's class name. Default `false`. */
  unstyled?: boolean;
}

/**
 * A `<time>` saying how long ago `timestamp` was ("5 minutes ago", "yesterday"), with the exact date
 * and time as its tooltip and machine-readable `dateTime`. Updates itself (see {@link useRelativeTime}).
 */
export function RelativeTime(props: RelativeTimeProps): ReactElement | null {
  const { relative, exact, iso } = useRelativeTime(props.timestamp, props.locale);
  if (iso === '') return null;
  return (
    <time className={rootClass(props.unstyled ?? false, 'wiro-time', props.className)} dateTime={iso} title={exact}>
      {relative}
    </time>
  );
}
