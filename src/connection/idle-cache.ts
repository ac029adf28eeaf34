/**
 * Stable placeholder values for tokens the store has nothing for: one object per token, so a render that
 * reads a token before its effect subscribed gets the same snapshot every time (`useSyncExternalStore`
 * needs that). Bounded: past `limit` placeholders, those of tokens nobody holds are forgotten, oldest first.
 */
export interface IdleCache<V> {
  /** The placeholder of `token`, made on first use. */
  get(token: string): V;
  /** Forget `token`'s placeholder (it has a stored value now, or nobody follows it any more). */
  delete(token: string): void;
  /** Forget every placeholder of a token nobody holds. */
  clearUnheld(): void;
}

/**
 * Create an {@link IdleCache}. `make(token)` builds a placeholder; `isHeld(token)` says whether someone
 * follows the token (its placeholder is then kept, whatever the limit).
 */
export function createIdleCache<V>(
  make: (token: string) => V,
  limit: number,
  isHeld: (token: string) => boolean,
): IdleCache<V> {
  const values = new Map<string, V>();
  let threshold = limit;

  /** Forget the oldest placeholders of tokens nobody holds; amortised O(1) per placeholder made. */
  function trim(): void {
    for (const token of values.keys()) {
      if (values.size <= limit) break;
      if (!isHeld(token)) values.delete(token);
    }
    threshold = Math.max(limit, values.size * 2);
  }

  return {
    get(token) {
      let value = values.get(token);
      if (value === undefined) {
        values.set(token, (value = make(token)));
        if (values.size > threshold) trim();
      }
      return value;
    },
    delete(token) {
      values.delete(token);
    },
    clearUnheld() {
      for (const token of values.keys()) if (!isHeld(token)) values.delete(token);
    },
  };
}
