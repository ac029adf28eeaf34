export { createStream, reduceStream, isTerminalStatus } from './reduce';
export { createAgentStore, IDLE_CONNECTION } from './store';
export type * from './types';
