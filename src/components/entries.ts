/**
 * Shallow equality of two records, for props users write inline (`labels={{ send: 'Go' }}`,
 * `[plugin, { option }]`): a new object with the same entries is the same value.
 * @packageDocumentation
 */

/** `true` when `a` and `b` are the same record or have the same keys with identical values. */
export function sameEntries<T extends object>(a: T | undefined, b: T | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a) as (keyof T)[];
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
