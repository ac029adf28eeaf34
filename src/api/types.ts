/**
 * Request and result types of Wiro's agent messaging REST API (`/UserAgent/Message/*`).
 *
 * Field names are the documented wire names (lower-case, no camel-casing) so the Wiro docs can be read
 * side by side with this code. Values are normalised to their documented types.
 * @packageDocumentation
 */
import type { TaskApi } from './task-types.js';

/** The six agent messaging endpoints, by the last segment of their path. */
export type AgentEndpoint = 'Send' | 'Detail' | 'History' | 'Sessions' | 'DeleteSession' | 'Cancel';

/** Every {@link AgentEndpoint}, in documentation order. */
export const AGENT_ENDPOINTS: readonly AgentEndpoint[] = [
  'Send',
  'Detail',
  'History',
  'Sessions',
  'DeleteSession',
  'Cancel',
];

/** Per-call options accepted by every API method. */
export interface AgentRequestOptions {
  /** Aborts the request; the method then rejects with the `AbortError` (a `DOMException`). */
  signal?: AbortSignal;
}

/** Parameters of `send`. */
export interface SendParams {
  /**
   * The agent instance. Required when the client talks to Wiro directly (it has an `apiKey`); optional
   * through a proxy, which injects its configured agent. Falls back to the client's `useragentguid`.
   */
  useragentguid?: string;
  /** The user's text. Required unless `attachments` are given. */
  message?: string;
  /** Conversation thread; Wiro uses `"default"` when omitted. */
  sessionkey?: string;
  /** Webhook Wiro POSTs the final response to. (The server proxy drops it: set it in the proxy instead.) */
  callbackurl?: string;
  /** Files for the agent. Their presence switches the request to `multipart/form-data` (`attachments[]`). */
  attachments?: readonly Blob[];
}

/** Identifies one message: by its GUID or by its agenttoken. */
export type MessageRef =
  { messageguid: string; agenttoken?: undefined } | { agenttoken: string; messageguid?: undefined };

/** Parameters of `history`. */
export interface HistoryParams {
  /** See {@link SendParams.useragentguid}. */
  useragentguid?: string;
  /** Wiro uses `"default"` when omitted. */
  sessionkey?: string;
  /** Page size; Wiro's default is 50, its maximum 200. */
  limit?: number;
  /** Cursor: a message GUID; only older messages are returned. */
  before?: string;
}

/** Parameters of `sessions`. */
export interface SessionsParams {
  /** See {@link SendParams.useragentguid}. */
  useragentguid?: string;
}

/** Parameters of `deleteSession`. */
export interface DeleteSessionParams {
  /** See {@link SendParams.useragentguid}. */
  useragentguid?: string;
  /** The session to delete (only the calling account's messages in it are removed). */
  sessionkey: string;
}

/** Result of `send`: the message was accepted and queued (not yet processed). */
export interface SendResult {
  messageguid: string;
  /** Subscribe to the agent WebSocket with it. A secret: anyone holding it can read the reply. */
  agenttoken: string;
  /** `"agent_queue"` on success. */
  status: string;
}

/** Statuses a stored message can have. */
export type MessageStatus =
  'agent_queue' | 'agent_start' | 'agent_output' | 'agent_end' | 'agent_error' | 'agent_cancel';

/**
 * A message's `metadata`: the bridge's final progress object on `agent_end`, `{}` otherwise.
 *
 * Only fields with their documented type are kept (a mistyped field is dropped, never coerced);
 * unknown extra fields pass through untouched.
 */
export interface MessageMetadata {
  /** Always `"progressGenerate"` when present (not the message status). */
  type?: string;
  task?: string;
  /** Words per second; the docs show both `14.2` and `"14.2"`, so both are kept as sent. */
  speed?: number | string;
  speedType?: string;
  /** Human string with its unit, e.g. `"8.1s"`. */
  elapsedTime?: string;
  tokenCount?: number;
  wordCount?: number;
  /** The full reply with `<think>` tags. */
  raw?: string;
  thinking?: string[];
  answer?: string[];
  isThinking?: boolean;
  [field: string]: unknown;
}

/** A file attached to a message, already resolved by Wiro. */
export interface MessageAttachment {
  url: string;
  /** `""` when the server sent none. */
  name: string;
  /** MIME type; `""` when the server sent none. */
  type: string;
  /** Bytes; `null` when absent or unreadable. */
  size: number | null;
}

/** One stored message, as `detail` returns it and as `history` lists it. */
export interface AgentMessageRecord {
  guid: string;
  /** Account UUID of the sender (Detail only; `undefined` in History rows). */
  uuid?: string;
  /** Session of the message (Detail only; `undefined` in History rows). */
  sessionkey?: string;
  /** The user's message. */
  content: string;
  /** The final reply; `""` until `agent_end`. */
  response: string;
  /** Accumulated output (with `<think>` tags); the abort or error reason on cancel and error. */
  debugoutput: string;
  /** A {@link MessageStatus}, typed open so an unknown future status does not break callers. */
  status: MessageStatus | (string & {});
  /** Parsed and checked; `{}` when absent, empty, or unreadable. */
  metadata: MessageMetadata;
  /** Parsed and checked; `[]` when absent or unreadable. */
  attachments: MessageAttachment[];
  deletestatus: number;
  /** Unix timestamp in seconds, as a string (documented so). */
  createdat: string;
  /** Unix timestamp string; `undefined` when the server left it out. */
  startedat?: string;
  /** Unix timestamp string; may be `""` for a cancelled message, `undefined` when left out. */
  endedat?: string;
}

/** One page of `history`, newest message first. */
export interface HistoryPage {
  messages: AgentMessageRecord[];
  /** Messages in this page. */
  count: number;
  /** `true` when older messages exist: pass the last message's `guid` as `before`. */
  hasmore: boolean;
}

/** One session, as `sessions` lists it (newest first). Wiro sends the numbers as strings; here they are parsed. */
export interface SessionSummary {
  sessionkey: string;
  /** Messages in the session; `0` when unreadable. */
  messagecount: number;
  /** Last activity, Unix seconds; `null` when unreadable. */
  updatedat: number | null;
  /** The most recent message's content (the user's message); `""` when absent. */
  lastmessage: string;
}

/** One entry of the server's `errors` array. */
export interface WiroErrorItem {
  /** The server's code, when it gave one (numbers from Wiro, strings from this kit's proxy). */
  code?: number | string;
  message: string;
}

/** The client returned by `createAgentApi`: agent messaging, and model runs ({@link TaskApi}). */
export interface AgentApi extends TaskApi {
  /** Send a user message; resolves once Wiro has queued it. */
  send(params: SendParams, options?: AgentRequestOptions): Promise<SendResult>;
  /** Status and content of one message. */
  detail(ref: MessageRef, options?: AgentRequestOptions): Promise<AgentMessageRecord>;
  /** One page of a session's messages, newest first. */
  history(params?: HistoryParams, options?: AgentRequestOptions): Promise<HistoryPage>;
  /** The agent's sessions for the calling account, newest first. */
  sessions(params?: SessionsParams, options?: AgentRequestOptions): Promise<SessionSummary[]>;
  /** Delete the calling account's messages in a session. Cannot be undone. */
  deleteSession(params: DeleteSessionParams, options?: AgentRequestOptions): Promise<void>;
  /** Cancel a queued or running message. */
  cancel(ref: MessageRef, options?: AgentRequestOptions): Promise<void>;
}
