/**
 * Small pieces both mock backends (agent replies and model runs) use to read requests and answer them
 * the way Wiro does.
 * @packageDocumentation
 */

/** A refused call, as Wiro answers one: `result: false` with the reason. */
export function failure(code: number, message: string): { result: false; errors: { code: number; message: string }[] } {
  return { result: false, errors: [{ code, message }] };
}

/** `value` when it is a plain object, else an empty one (a request body may be anything). */
export function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** `value` when it is a string with something besides spaces, else `null`. */
export function nonEmpty(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** Call a subscriber: one broken subscriber must not stop the script for the others. */
export function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // Ignored on purpose (see above).
  }
}
