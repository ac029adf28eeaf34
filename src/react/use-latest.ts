'use client';

import { useInsertionEffect, useRef, type RefObject } from 'react';

/**
 * A ref that holds the latest committed `value`, for callbacks and effects that must see the newest props
 * without being re-created (and without re-running effects) when those props change identity.
 *
 * Updated in an insertion effect, before any layout effect or event handler of the same commit can run,
 * never during render: a render React throws away must not leak its props into live callbacks. Read it
 * in effects and event handlers, not while rendering.
 */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useInsertionEffect(() => {
    ref.current = value;
  });
  return ref;
}
