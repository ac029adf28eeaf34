/**
 * Types of the conversations list: an agent's sessions (Message/Sessions), deleting one
 * (Message/DeleteSession), and new conversations that exist once their first message is sent.
 * @packageDocumentation
 */
import type { AgentApi, SessionSummary } from '../api/types.js';

/** What the sessions list needs of the REST client: `sessions` and `deleteSession` of `createAgentApi`. */
export type SessionsApi = Pick<AgentApi, 'sessions' | 'deleteSession'>;

/**
 * One conversation, newest first in the list. The fields of Message/Sessions, parsed (`messagecount` a
 * number, `updatedat` Unix seconds or `null`), plus `isNew`.
 */
export interface AgentSession extends SessionSummary {
  /**
   * `true` for a conversation made with `create()` whose first message has not been sent: Wiro does
   * not know it yet (it is kept in memory only, and gone after a reload). Shown as "New chat".
   */
  isNew: boolean;
}

/** What went wrong with the list, for people. */
export interface AgentSessionsError {
  /** `load`: Message/Sessions failed (the last list is kept). `delete`: a delete failed (the row is back). */
  kind: 'load' | 'delete';
  /** A sentence fit to show (with the server's reason when it gave one). */
  message: string;
  /** The conversation a failed delete concerned. */
  sessionkey?: string;
  /** The underlying error (e.g. a `WiroApiError`), for logging. */
  cause?: unknown;
}

/** Options of `useAgentSessions`. */
export interface UseAgentSessionsOptions {
  /**
   * The REST client (`createAgentApi({ baseUrl: '/api/wiro' })`, pointing at your proxy). Read when a
   * request is made: a new object does not reload the list.
   */
  api: SessionsApi;
  /** The agent instance GUID. Changing it loads that agent's list. */
  useragentguid: string;
  /**
   * Prefix of the keys `create()` makes (e.g. `"user-42:"` when your proxy binds each user to a
   * `sessionPrefix`). Default `""`.
   */
  sessionKeyPrefix?: string;
  /** Called for every error, besides it being state. Must not throw (if it does, that is ignored). */
  onError?: (error: AgentSessionsError) => void;
}

/** What `useAgentSessions` returns. Functions keep their identity while the agent stays the same. */
export interface UseAgentSessionsResult {
  /** Newest first: conversations made with `create()` and not sent yet at the top, then Wiro's list. */
  sessions: readonly AgentSession[];
  /** `true` while Message/Sessions is loading (the first time and on `refresh`). */
  isLoading: boolean;
  /** `true` once the list was loaded at least once (tells "empty" from "not loaded yet"). */
  hasLoaded: boolean;
  /** The latest error not yet cleared. */
  error: AgentSessionsError | null;
  /** Load the list again (a refresh in flight is replaced). Never rejects. */
  refresh: () => Promise<void>;
  /**
   * Delete a conversation through Message/DeleteSession. It leaves the list at once; if the server
   * refuses, it comes back in its place and `error` says why. Resolves `true` once deleted. A
   * conversation still `isNew` is only dropped from the list (there is nothing on the server). Never rejects.
   */
  remove: (sessionkey: string) => Promise<boolean>;
  /**
   * Start a conversation: a new unique key (`sessionKeyPrefix` + a random id), listed at once as a
   * "New chat" (`isNew`). Wiro creates it when its first message is sent; call `markSent` then. Pass a
   * key made beforehand (with `createSessionKey`) to list that one; a key already listed is left as it is.
   */
  create: (sessionkey?: string) => string;
  /**
   * Tell the list a message was sent in a conversation (after Message/Send resolved): it moves to the
   * top with that text as its last message and one more message, and stops being `isNew`, without
   * waiting for a refresh. The next refresh brings the server's figures.
   */
  markSent: (sessionkey: string, text: string) => void;
  /** Clear `error` (e.g. when the user dismisses it). */
  clearError: () => void;
}
