export { createAgentSocket, DEFAULT_SOCKET_URL } from './socket';
export { backoffDelay, resolveBackoff, DEFAULT_BACKOFF } from './backoff';
export type { BackoffPolicy } from './backoff';
export type * from './types';
