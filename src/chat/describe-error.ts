/**
 * Sentences for people from the errors the REST client throws.
 * @packageDocumentation
 */
import { isWiroApiError } from '../api/errors.js';

/**
 * A sentence for people: the fallback, plus the server's own explanation when it gave one (Wiro's
 * `errors[].message`, e.g. that the agent is not running). Transport details stay in `cause`.
 */
export function describeError(error: unknown, fallback: string): string {
  if (isWiroApiError(error)) {
    if (error.code === 'timeout') return `${fallback} The server did not answer in time.`;
    if (error.code === 'network') return `${fallback} Check your connection.`;
    const detail = error.errors.find((item) => typeof item.message === 'string' && item.message.trim() !== '')?.message;
    if (detail) return `${fallback} ${sentence(detail)}`;
  }
  return fallback;
}

function sentence(text: string): string {
  const trimmed = text.trim().slice(0, 200);
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
