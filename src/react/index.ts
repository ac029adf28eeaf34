/**
 * The React bindings: `AgentSocketProvider` shares one socket with its subtree; the hooks read the
 * store through `useSyncExternalStore`. Thin by design: all behaviour lives in `connection/` and `store/`.
 * @packageDocumentation
 */
export { AgentSocketProvider } from './provider';
export type { AgentSocketProviderProps } from './provider';
export { useAgentStream } from './use-agent-stream';
export type { EqualityFn } from './use-agent-stream';
export { useAgentConnection } from './use-agent-connection';
export { useAgentSocket } from './use-agent-socket';
export { AgentSocketContext } from './context';
