/**
 * `wiro-agent-react`: React hooks and components for streaming Wiro AI-agent replies over one
 * shared WebSocket.
 *
 * Layers, from the bottom up (each usable without the ones above it):
 * - **protocol**: `decodeFrame`, `splitThinking`: the wire format, typed.
 * - **store**: `reduceStream`, `createAgentStore`: a pure reducer and a zustand vanilla store.
 * - **connection**: `createAgentSocket`: one socket, many tokens, reconnect and recovery.
 * - **api**: `createAgentApi`: the REST client (point it at your proxy; see `wiro-agent-react/server`).
 * - **react**: `AgentSocketProvider`, `useAgentStream`, `useAgentConnection`, `useAgentSocket`.
 * - **components**: `AgentMessage`, `ThinkingBlock`, `StreamMetrics`, `StreamingMarkdown`.
 * - **chat**: `useAgentChat` and the drop-in `AgentChat` widget.
 *
 * Server-only code (the API-key proxy) lives in `wiro-agent-react/server`; mocks for tests and
 * Storybook in `wiro-agent-react/testing`, `/testing/msw` and `/testing/node`.
 * @packageDocumentation
 */
export * from './protocol';
export * from './store';
export * from './connection';
export * from './api';
export * from './react';
export * from './components';
export * from './chat';
export * from './components/chat';
