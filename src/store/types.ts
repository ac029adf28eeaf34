import type { AgentLifecycleFrame, AgentMetrics, AgentStatus, StreamSegment } from '../protocol/types.js';
import type { TaskStream } from './task-types.js';

/** Why a stream failed. */
export interface AgentStreamError {
  /**
   * - `agent`: the agent failed; `message` is the server's sentence (partial text is kept).
   * - `response`: the agent finished but its content is a non-response (e.g. `"..."`); the text is kept.
   * - `unknown-token`: the server does not know the token (typo, expired).
   * - `connection`: the socket could not be (re)opened; the stream may resume when it is.
   * - `protocol`: the server sent something this kit cannot read for this stream.
   */
  kind: 'agent' | 'response' | 'unknown-token' | 'connection' | 'protocol';
  message: string;
}

/** Everything known about one agent reply. Immutable: every change makes a new object. */
export interface AgentStream {
  agenttoken: string;
  status: AgentStatus;
  /** Full accumulated output including `<think>` tags. */
  raw: string;
  /** Answer segments joined: the text to show the user. */
  answer: string;
  /** Thinking blocks, in order. */
  thinking: string[];
  /** Thinking and answer blocks interleaved in reply order. */
  segments: StreamSegment[];
  /** `true` while the model is inside an unclosed `<think>` block. */
  isThinking: boolean;
  metrics: AgentMetrics;
  error: AgentStreamError | null;
  /** Subscribed and not terminal. */
  isStreaming: boolean;
  /** Terminal: end, error, cancel or unknown token. */
  isDone: boolean;
  /** `Date.now()` of the last change; 0 for a stream nothing has happened to. */
  updatedAt: number;
}

/** Events the kit itself feeds the reducer, beside the server's frames. */
export type LocalStreamEvent =
  /** A subscribe was sent (or re-sent after a reconnect). */
  | { type: 'local_subscribing'; agenttoken: string }
  /** The socket gave up reconnecting; the stream keeps its text. */
  | { type: 'local_connection_failed'; agenttoken: string; message: string };

/** What `reduceStream` accepts. */
export type StreamEvent = AgentLifecycleFrame | LocalStreamEvent;

/** State of the one shared socket. */
export type ConnectionStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Observable state of the shared socket. */
export interface ConnectionState {
  status: ConnectionStatus;
  /**
   * Failed connection attempts since a connection was last healthy (0 while healthy). An attempt that
   * opened but closed before the server spoke on it is a failed one (see `reconnect.healthyAfterMs`).
   */
  attempt: number;
  /** Last connection-level error, for display. */
  lastError: string | null;
  /** When the next reconnect attempt is due (`Date.now()` ms), or `null`. */
  nextRetryAt: number | null;
}

/** The zustand vanilla store's state. */
export interface AgentStoreState {
  /**
   * Streams by agenttoken. A token nobody subscribed to has no entry. A frozen record without a
   * prototype, built when first read after a change (see `AgentSocket.store`).
   */
  streams: Readonly<Record<string, AgentStream>>;
  /**
   * Model runs by tasktoken (see `AgentSocket.subscribeTask`), built like `streams`: a frozen record
   * without a prototype, built when first read after a change.
   */
  tasks: Readonly<Record<string, TaskStream>>;
  connection: ConnectionState;
}

/**
 * A read-only view of a store: read the current state, be told of changes. The shape of zustand's
 * vanilla store without `setState`, so zustand's own React and devtools helpers can read it.
 */
export interface ReadonlyStore<T> {
  /** The current state. The same object until something changes. */
  getState(): T;
  /** Called after every change with the new and the previous state; returns the unsubscribe function. */
  subscribe(listener: (state: T, previousState: T) => void): () => void;
}
