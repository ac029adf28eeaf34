/**
 * Argument checks and error helpers shared by the REST client's methods.
 * @packageDocumentation
 */
import { WiroApiError } from './errors.js';
import type { WiroEndpoint } from './errors.js';

/** The value if it is a non-empty string; a TypeError naming the field otherwise (never echoing the value). */
export function requireString(method: string, field: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(
      `${method}: ${field} must be a non-empty string (got ${value === '' ? 'an empty string' : typeof value})`,
    );
  }
  return value;
}

/** A 2xx answer that lacks what the endpoint documents. */
export function badResponse(endpoint: WiroEndpoint, status: number, what: string): WiroApiError {
  return new WiroApiError(`Wiro ${endpoint} returned an unexpected response: ${what}`, {
    code: 'bad_response',
    endpoint,
    status,
  });
}

/** Throw in expression position (`parse(x) ?? throwIt(error)`). */
export function throwIt(error: Error): never {
  throw error;
}

/** A file's name for a multipart part; `"attachment"` for a nameless Blob. */
export function fileName(file: Blob): string {
  const name = (file as { name?: unknown }).name;
  return typeof name === 'string' && name !== '' ? name : 'attachment';
}
