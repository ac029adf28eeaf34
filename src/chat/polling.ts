/**
 * When the chat stops trusting the socket and follows replies through Message/Detail instead.
 * @packageDocumentation
 */
import type { ConnectionState } from '../store/types.js';

/** Reconnect attempts after which the socket counts as blocked rather than briefly down. */
export const POLL_AFTER_ATTEMPTS = 2;

/**
 * `true` when live replies should be polled over REST: the socket gave up (`closed`), or it has
 * failed to reconnect at least {@link POLL_AFTER_ATTEMPTS} times in a row (a strict proxy or a
 * network that blocks WebSockets never lets it open). One failed attempt is a blip the socket
 * recovers from by itself, with the text caught up from `agent_subscribed`.
 *
 * Polling and the socket may both feed a reply for a while; the reducer makes that safe (text never
 * shrinks, a terminal state is final).
 */
export function socketLooksBlocked(connection: ConnectionState): boolean {
  if (connection.status === 'closed') return true;
  return connection.status === 'reconnecting' && connection.attempt >= POLL_AFTER_ATTEMPTS;
}
