import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AgentStoreState, ConnectionState } from './types.js';

/** The connection state of a socket that has not opened yet. */
export const IDLE_CONNECTION: ConnectionState = /* @__PURE__ */ Object.freeze({
  status: 'idle',
  attempt: 0,
  lastError: null,
  nextRetryAt: null,
});

/**
 * A zustand vanilla store for streams and connection state. Framework-free: React reads it through
 * `useSyncExternalStore`, other code through `getState`/`subscribe`.
 */
export function createAgentStore(): StoreApi<AgentStoreState> {
  return createStore<AgentStoreState>()(() => ({ streams: {}, tasks: {}, connection: IDLE_CONNECTION }));
}
