/**
 * A set that remembers at most `capacity` strings, forgetting the oldest first: for facts that are
 * worth keeping about recent tokens only (which strangers were reported), so hostile traffic with a new
 * token in every frame cannot grow memory without bound.
 */
export interface RecentSet {
  has(value: string): boolean;
  /** Remember `value` (as the newest); forgets the oldest beyond the capacity. */
  add(value: string): void;
  clear(): void;
}

/** Create a {@link RecentSet} holding at most `capacity` values. */
export function createRecentSet(capacity: number): RecentSet {
  const values = new Set<string>();
  return {
    has: (value) => values.has(value),
    add(value) {
      values.delete(value);
      values.add(value);
      if (values.size > capacity) {
        const oldest = values.values().next();
        if (oldest.done !== true) values.delete(oldest.value);
      }
    },
    clear: () => values.clear(),
  };
}
