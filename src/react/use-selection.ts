'use client';

import { useMemo } from 'react';

/** Compares a selector's previous and next result; the hook re-renders only when it returns `false`. */
export type EqualityFn<T> = (a: T, b: T) => boolean;

/**
 * A memoised selection step for a stream hook (`useAgentStream`, `useTaskStream`): returns the previous
 * result while the value object is the same, or while the new result equals the old one, so
 * `useSyncExternalStore` sees a stable snapshot and never loops.
 *
 * A new step is made when the selector or equality function changes identity (an inline selector: every
 * render). That costs one selector call per render; between renders, store updates go through the step
 * of the last render, whose cache holds the value on screen, so equal selections never re-render.
 */
export function useSelection<S, T>(
  selector: ((value: S) => T) | undefined,
  equalityFn: EqualityFn<T>,
): (value: S) => T | S {
  // The step keeps its cache in a closure by design; the React Compiler cannot model that, so it leaves
  // this hook as written (which is what it must do: the memo is what keeps snapshots stable).
  // eslint-disable-next-line react-hooks/preserve-manual-memoization
  return useMemo(() => {
    if (selector === undefined) return (value: S) => value;
    let last: { value: S; selected: T } | null = null;
    return (value: S): T => {
      if (last && last.value === value) return last.selected;
      const selected = selector(value);
      last = { value, selected: last && equalityFn(last.selected, selected) ? last.selected : selected };
      return last.selected;
    };
  }, [selector, equalityFn]);
}
