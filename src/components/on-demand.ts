'use client';

/**
 * Parts of the widget that only some pages use (the sessions sidebar, the virtualised rows) are
 * loaded on demand through a dynamic `import()`, so bundlers that split code put them in their own
 * chunk and a page that never asks for them never fetches them.
 * @packageDocumentation
 */
import { useEffect, useState } from 'react';

/** A part loaded once per page, on first demand. */
export interface OnDemand<T> {
  /** The part, if it has already been loaded in this page. */
  readonly loaded: () => T | null;
  /** Load the part (once per page). Rejects when its chunk cannot be fetched; a later call tries again. */
  readonly load: () => Promise<T>;
}

/**
 * Wrap a dynamic import. The `import()` must stay written out in the caller's closure: bundlers only
 * split on an import they can see.
 */
export function onDemand<T>(importPart: () => Promise<T>): OnDemand<T> {
  let loaded: T | null = null;
  let loading: Promise<T> | null = null;
  return {
    loaded: () => loaded,
    load: () => {
      loading ??= importPart().then(
        (part) => (loaded = part),
        (error: unknown) => {
          loading = null;
          throw error;
        },
      );
      return loading;
    },
  };
}

/**
 * The part once loaded: `null` while loading (or while not `wanted`), `'failed'` when its chunk could
 * not be fetched, so the caller can fall back to rendering without it.
 */
export function useOnDemand<T>(part: OnDemand<T>, wanted = true): T | 'failed' | null {
  const [value, setValue] = useState<T | 'failed' | null>(part.loaded);
  useEffect(() => {
    if (!wanted || value !== null) return;
    let live = true;
    part.load().then(
      (loaded) => live && setValue(() => loaded),
      () => live && setValue('failed'),
    );
    return () => {
      live = false;
    };
  }, [part, wanted, value]);
  return value;
}
