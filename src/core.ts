/**
 * `wiro-agent-react/core`: the framework-free engine. The wire protocol, the stream reducer, the shared
 * socket and the REST client, with no React, no markdown and no `'use client'` anywhere in its import
 * graph: import it from Node scripts, workers, route handlers and React Server Components.
 *
 * Layers, from the bottom up (each usable without the ones above it):
 * - **protocol**: `decodeFrame`, `decodeTaskFrame`, `splitThinking`, `redactToken`: the wire format, typed.
 * - **store**: `reduceStream`, `createStream` (agent replies), `reduceTask`, `createTask` (model runs): the
 *   pure reducers every frame goes through.
 * - **connection**: `createAgentSocket`: one socket, many agent replies, reconnect and recovery; `withTasks`
 *   adds model runs to it (their code is bundled only by apps that call it).
 * - **api**: `createAgentApi`: the REST client (point it at your proxy in a browser; see `wiro-agent-react/server`).
 *
 * The main entry, `wiro-agent-react`, re-exports all of this beside the React hooks and components.
 * @packageDocumentation
 */
export { isProtocolError } from './protocol/decode.js';
export { decodeFrame } from './protocol/decode-frame.js';
export { splitThinking } from './protocol/thinking.js';
export type { ThinkingSplit } from './protocol/thinking.js';
export { redactToken } from './protocol/redact.js';
export type {
  AgentCancelFrame,
  AgentEndFrame,
  AgentErrorFrame,
  AgentInfoFrame,
  AgentLifecycleFrame,
  AgentMetrics,
  AgentOutputFrame,
  AgentProgress,
  AgentStartFrame,
  AgentStatus,
  AgentSubscribedFrame,
  ConnectedFrame,
  ProtocolError,
  ServerErrorFrame,
  ServerFrame,
  StreamSegment,
  SubscribedStatus,
  TerminalStatus,
} from './protocol/types.js';

export { decodeTaskFrame } from './protocol/task-decode.js';
export type {
  TaskCancelFrame,
  TaskCostFrame,
  TaskErrorFrame,
  TaskErrorFullFrame,
  TaskFrameType,
  TaskInfoFrame,
  TaskLifecycleFrame,
  TaskLifecycleType,
  TaskOutputFile,
  TaskOutputFrame,
  TaskOutputFullFrame,
  TaskOutputMessage,
  TaskPostprocessEndFrame,
  TaskProgressFigures,
  TaskProtocolError,
  TaskRawContent,
  TaskRealtimeFrame,
  TaskRealtimeType,
  TaskServerFrame,
} from './protocol/task-types.js';

export { createStream, isTerminalStatus, reduceStream } from './store/reduce.js';
export type {
  AgentStoreState,
  AgentStream,
  AgentStreamError,
  ConnectionState,
  ConnectionStatus,
  LocalStreamEvent,
  ReadonlyStore,
  StreamEvent,
} from './store/types.js';
export { createTask, isTaskTerminalStatus, reduceTask, TASK_LOG_LIMIT } from './store/task-reduce.js';
export type {
  LocalTaskEvent,
  TaskDetailRecord,
  TaskEvent,
  TaskStatus,
  TaskStream,
  TaskStreamError,
  TaskTerminalStatus,
} from './store/task-types.js';

export { createAgentSocket, DEFAULT_SOCKET_URL } from './connection/socket.js';
export { withTasks } from './connection/with-tasks.js';
export type { WithTasksOptions } from './connection/with-tasks.js';
export type {
  AgentSocket,
  AgentSocketOptions,
  ConnectionWatcher,
  ReconnectOptions,
  StreamWatcher,
  TaskRecoveryApi,
  TaskSocket,
  TaskSocketMethods,
  TaskWatcher,
  WebSocketConstructor,
  WebSocketLike,
} from './connection/types.js';

export { createAgentApi, DEFAULT_WIRO_API_URL } from './api/client.js';
export type { AgentApiHeaders, AgentApiOptions, FetchLike } from './api/client.js';
export { isWiroApiError, WiroApiError } from './api/errors.js';
export type { WiroApiErrorCode, WiroApiErrorInit, WiroEndpoint } from './api/errors.js';
export type {
  AgentApi,
  AgentEndpoint,
  AgentMessageRecord,
  AgentRequestOptions,
  DeleteSessionParams,
  HistoryPage,
  HistoryParams,
  MessageAttachment,
  MessageMetadata,
  MessageRef,
  MessageStatus,
  SendParams,
  SendResult,
  SessionsParams,
  SessionSummary,
  WiroErrorItem,
} from './api/types.js';
export { TASK_ENDPOINTS } from './api/task-types.js';
export type {
  RunInputs,
  RunInputValue,
  RunOptions,
  RunResult,
  TaskApi,
  TaskEndpoint,
  TaskRecord,
  TaskRecordFile,
  TaskRecordOutput,
  TaskRecordRaw,
  TaskRecordStatus,
  TaskRef,
} from './api/task-types.js';
