'use client';

/**
 * A value derived from props that keeps its identity while the props it comes from are the same by
 * a comparison of the caller's: labels, components and plugins are usually written inline, and a new
 * object per render would re-render everything below.
 * @packageDocumentation
 */
import { useState } from 'react';

/**
 * `derive(inputs)`, made again only when `same(previous, inputs)` is `false`.
 *
 * The last value is kept as state (React's pattern for information from earlier renders): when the
 * inputs change, it is replaced during render, which costs one immediate re-render of this component only.
 */
export function useDerived<I, V>(inputs: I, same: (previous: I, next: I) => boolean, derive: (inputs: I) => V): V {
  const [kept, setKept] = useState(() => ({ inputs, value: derive(inputs) }));
  if (!same(kept.inputs, inputs)) {
    const next = { inputs, value: derive(inputs) };
    setKept(next);
    return next.value;
  }
  return kept.value;
}
