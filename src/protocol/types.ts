/**
 * Wire types of Wiro's agent WebSocket, as the decoder hands them on.
 *
 * The decoder normalises what the server sends loosely (numbers as strings,
 * missing arrays) so everything past `decodeFrame` can trust these shapes.
 * @packageDocumentation
 */
import type { TaskServerFrame } from './task-types.js';

/** Where a stream is in its lifecycle, as this kit tracks it. */
export type AgentStatus =
  | 'idle'
  | 'subscribing'
  | 'agent_queue'
  | 'agent_start'
  | 'agent_output'
  | 'agent_end'
  | 'agent_error'
  | 'agent_cancel'
  | 'unknown';

/** The `status` values an `agent_subscribed` frame may carry. */
export type SubscribedStatus =
  'agent_queue' | 'agent_start' | 'agent_output' | 'agent_end' | 'agent_error' | 'agent_cancel' | 'unknown';

/** Statuses after which no further frame changes a stream. */
export type TerminalStatus = 'agent_end' | 'agent_error' | 'agent_cancel' | 'unknown';

/** Live generation figures. Every field is `null` when the server did not send it or sent it unreadable. */
export interface AgentMetrics {
  /** Generation speed, in `speedType` units (words per second for agents). */
  speed: number | null;
  /** Unit of `speed`, `"words/s"` for agents. */
  speedType: string | null;
  /** Wall-clock time since generation started, in milliseconds (the wire sends `"2.4s"`). */
  elapsedMs: number | null;
  /** Tokens generated so far. */
  tokenCount: number | null;
  /** Words in the accumulated answer so far. */
  wordCount: number | null;
}

/** One run of text in reply order: a thinking block or an answer block. */
export interface StreamSegment {
  kind: 'thinking' | 'answer';
  text: string;
}

/** A `progressGenerate` message, normalised. */
export interface AgentProgress {
  /** The full accumulated output, `<think>` tags included. */
  raw: string;
  /** Thinking blocks, in order. `thinking[i]` comes before `answer[i]`. */
  thinking: string[];
  /** Answer blocks, in order. */
  answer: string[];
  /** Thinking and answer blocks interleaved in reply order, empty blocks left out. */
  segments: StreamSegment[];
  /** `true` while the model is inside an unclosed `<think>` block. */
  isThinking: boolean;
  metrics: AgentMetrics;
}

/** Server welcome, once per connection. */
export interface ConnectedFrame {
  type: 'connected';
  version: string | null;
}

/** Server rejection of a malformed subscribe; carries no agenttoken. */
export interface ServerErrorFrame {
  type: 'error';
  message: string;
  result: false;
}

interface LifecycleBase {
  agenttoken: string;
  result: boolean;
}

/** Subscription acknowledged, with a snapshot of the text so far. */
export interface AgentSubscribedFrame extends LifecycleBase {
  type: 'agent_subscribed';
  status: SubscribedStatus;
  /** Raw accumulated text (with `<think>` tags); `undefined` when the token is unknown. */
  debugoutput: string | undefined;
}

/** The agent began generating. */
export interface AgentStartFrame extends LifecycleBase {
  type: 'agent_start';
}

/** A streaming update carrying the FULL text so far. */
export interface AgentOutputFrame extends LifecycleBase {
  type: 'agent_output';
  message: AgentProgress;
}

/** Terminal success with the final text. */
export interface AgentEndFrame extends LifecycleBase {
  type: 'agent_end';
  message: AgentProgress;
}

/** Terminal failure: a sanitised sentence, or a progress object whose content is a non-response. */
export interface AgentErrorFrame extends LifecycleBase {
  type: 'agent_error';
  message: string | AgentProgress;
}

/** Terminal cancel of an already-running message. */
export interface AgentCancelFrame extends LifecycleBase {
  type: 'agent_cancel';
  message: string;
}

/** Frames that belong to one agenttoken. */
export type AgentLifecycleFrame =
  AgentSubscribedFrame | AgentStartFrame | AgentOutputFrame | AgentEndFrame | AgentErrorFrame | AgentCancelFrame;

/** Every frame the decoder accepts: the welcome, server errors, agent frames and model-run (task) frames. */
export type ServerFrame = ConnectedFrame | ServerErrorFrame | AgentLifecycleFrame | TaskServerFrame;

/** A frame the decoder refused. Reported through `onProtocolError`, never thrown. */
export interface ProtocolError {
  type: 'protocol_error';
  /** What was wrong, for people: `"not JSON"`, `"binary frame"`, `"agent_output.message.raw must be a string"`. */
  error: string;
  /** What arrived (the string, or the parsed value). */
  data: unknown;
  /** The frame's agenttoken, when it had a readable one. */
  agenttoken?: string;
  /** A task frame's tasktoken, when it had a readable one (never part of `error`). */
  tasktoken?: string;
}

/** Frame the client sends to subscribe to a token. */
export interface AgentInfoFrame {
  type: 'agent_info';
  agenttoken: string;
}
