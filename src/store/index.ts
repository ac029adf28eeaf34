/**
 * Stream state: the pure `reduceStream` and the zustand vanilla store that holds every stream and the
 * connection state. No React, no network.
 * @packageDocumentation
 */
export { createStream, reduceStream, isTerminalStatus } from './reduce';
export { createAgentStore, IDLE_CONNECTION } from './store';
export type * from './types';
