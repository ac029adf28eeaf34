/**
 * `createAgentSocket`: one WebSocket carrying many agent streams, with reference-counted subscriptions,
 * reconnect with backoff, recovery from snapshots and frame-aligned store updates. Browser and Node.
 * @packageDocumentation
 */
export { createAgentSocket, DEFAULT_SOCKET_URL } from './socket';
export { backoffDelay, resolveBackoff, DEFAULT_BACKOFF } from './backoff';
export type { BackoffPolicy } from './backoff';
export type * from './types';
