/**
 * Types of the chat layer: one conversation with one agent session, built over the REST API (send,
 * history, detail, cancel) and the shared socket (live replies).
 * @packageDocumentation
 */
import type { AgentStream } from '../store/types.js';
import type { ChatApi, ChatRecord } from './api-types.js';
import type { ChatStorage } from './pending-store.js';

export type { ChatApi, ChatRecord };

/** A file sent with a message, as the chat shows it. */
export interface ChatAttachment {
  /** File name. */
  name: string;
  /** MIME type, `''` when unknown. */
  type: string;
  /** Size in bytes, `null` when unknown. */
  size: number | null;
  /** Where the server keeps it (history rows), `null` for a file just picked. */
  url: string | null;
}

/**
 * Where a turn is:
 * - `sending`: the user's text is shown; the Send request is in flight.
 * - `send-failed`: Send failed; nothing reached the agent. `retry(id)` sends it again in place.
 * - `queued`: accepted; the agent has not started (also while (re)subscribing).
 * - `streaming`: the agent is producing the reply.
 * - `done`: the reply finished.
 * - `error`: the agent failed, or the server does not know the reply's token.
 * - `cancelled`: cancelled; any partial text stays.
 */
export type ChatMessageStatus = 'sending' | 'send-failed' | 'queued' | 'streaming' | 'done' | 'error' | 'cancelled';

/** What went wrong, for people. */
export interface ChatError {
  /**
   * - `send`: a message could not be sent (also on the turn itself).
   * - `history`: the conversation could not be loaded.
   * - `cancel`: a cancel was refused or failed.
   * - `poll`: following a reply over REST failed (polling goes on).
   * - `storage`: pending replies could not be saved or read (reload resume may not work).
   */
  kind: 'send' | 'history' | 'cancel' | 'poll' | 'storage';
  /** A sentence fit to show. Never contains an agenttoken. */
  message: string;
  /** The turn it concerns, when there is one. */
  messageId?: string;
  /** The underlying error (e.g. a `WiroApiError`), for logging. */
  cause?: unknown;
}

/**
 * One turn of the conversation: what the user sent and the agent's reply to it.
 *
 * The reply is found in one of two places:
 * - `stream` is set: the chat holds the reply itself (a history row, or a reply followed without a
 *   socket). Render it with `<AgentMessage stream={message.stream} />`.
 * - `stream` is `null` and `agenttoken` is set: the reply lives in the socket store and streams live.
 *   Render it with `<AgentMessage agenttoken={message.agenttoken} />`.
 * - both `null`: nothing to show yet (`sending`, `send-failed`).
 *
 * Objects are immutable: a turn is a new object only when it changed, so `React.memo` rows work.
 */
export interface ChatMessage {
  /**
   * Stable identity for React keys and for `retry`/`cancel`. A turn sent from this hook keeps its
   * local id for its whole life (also once history lists it); history rows use their `messageguid`.
   */
  id: string;
  /** What the user wrote. */
  content: string;
  /** Files sent with it. */
  attachments: readonly ChatAttachment[];
  /** When it was sent (`Date.now()` ms; from the server's `createdat` for history rows). */
  createdAt: number;
  status: ChatMessageStatus;
  /** The message's GUID, once Send has returned (history rows always have one). */
  messageguid: string | null;
  /** The reply's token, once known. A secret: never log it whole. History rows usually have none. */
  agenttoken: string | null;
  /** The reply when the chat holds it (see above), else `null`. */
  stream: AgentStream | null;
  /** Why Send failed (`send-failed`), else `null`. The reply's own errors are in its stream. */
  error: ChatError | null;
  /** `true` once `cancel` was asked for this turn and it has not ended yet. */
  cancelRequested: boolean;
  /**
   * - `local`: sent from this hook.
   * - `history`: loaded from Message/History.
   * - `resumed`: a reply that was running before a reload, resumed from storage.
   */
  origin: 'local' | 'history' | 'resumed';
  /**
   * Set on a turn that has other versions (made by `regenerate` or `edit`): which one this is and how
   * many there are. Only the version chosen with `selectVersion` is in `messages`. Versions live as long
   * as the page: after a reload the history lists every one of them as a turn of its own, as Wiro stored
   * them.
   */
  versions?: ChatTurnVersions;
  /** The user's rating of the reply (`rate`), when they gave one. */
  feedback?: ChatFeedback;
  /**
   * Files of the message this turn regenerates or edits that were not sent again: the chat no longer
   * holds their bytes (a turn loaded from history, or sent before a reload). Absent when none were left out.
   */
  filesNotResent?: readonly ChatAttachment[];
}

/** Where a turn stands among its versions. */
export interface ChatTurnVersions {
  /** The shown version's position, from 0 (the original message) to `count - 1` (the newest). */
  index: number;
  /** How many versions the turn has (2 or more). */
  count: number;
  /**
   * The versions' turn ids, oldest first. The first is the same for every version: a stable key for
   * the turn's row while its versions are switched.
   */
  ids: readonly string[];
}

/** A rating of a reply. */
export type ChatFeedbackValue = 'up' | 'down';

/** The user's rating of one reply, as the chat keeps it. */
export interface ChatFeedback {
  value: ChatFeedbackValue;
  /** What the user wrote with it; `''` when nothing. */
  comment: string;
}

/** What `onFeedback` is told when the user rates a reply. */
export interface ChatFeedbackEvent {
  /** The rated message's GUID. */
  messageguid: string;
  /** The reply's token when the chat knows it (history rows usually have none). A secret: never log it whole. */
  agenttoken: string | null;
  /** The conversation. */
  sessionkey: string;
  value: ChatFeedbackValue;
  /**
   * `undefined` when the value was just chosen; the user's text when they then added a comment (the
   * same message is reported again, with the same value: store it as an update).
   */
  comment?: string;
}

/** What `onMessageSent` is told once Message/Send accepted a message. */
export interface ChatSentEvent {
  /** The conversation it was sent in (which may no longer be the one shown). */
  sessionkey: string;
  /** The turn's id. */
  id: string;
  /** What the user wrote. */
  content: string;
  messageguid: string;
}

/**
 * The chat as a whole:
 * - `loading`: the first history page is loading and there is nothing to show yet.
 * - `idle`: nothing in flight.
 * - `sending`: a Send request is in flight, no reply is running.
 * - `streaming`: at least one reply is queued or running.
 */
export type ChatStatus = 'loading' | 'idle' | 'sending' | 'streaming';

/** Options of {@link useAgentChat}. */
export interface UseAgentChatOptions {
  /**
   * The REST client, usually `createAgentApi({ baseUrl: '/api/wiro' })` pointing at your proxy (never
   * put an API key in browser code). Read when a request is made: a new object does not reload history.
   */
  api: ChatApi;
  /** The agent instance GUID. Changing it starts over with that agent's history. */
  useragentguid: string;
  /** The conversation. Default `"default"`. Changing it starts over with that session's history. */
  sessionkey?: string;
  /**
   * Where running replies are remembered across reloads. Default: the tab's `sessionStorage`.
   * `null` disables it. Read once per session (on mount and when the agent or session changes).
   */
  storage?: ChatStorage | null;
  /** How often a reply is polled through Message/Detail when the socket cannot connect. Default 1500 ms. */
  pollIntervalMs?: number;
  /** Messages per history page. Default 20 (the API allows up to 200). */
  historyPageSize?: number;
  /** Called for every error, besides it being state. Must not throw (if it does, the error is ignored). */
  onError?: (error: ChatError) => void;
  /**
   * Called once Message/Send accepted a message (e.g. to move its conversation to the top of a list
   * with `useAgentSessions().markSent`). Also for sessions no longer shown. Must not throw.
   */
  onMessageSent?: (event: ChatSentEvent) => void;
  /**
   * Called when the user rates a reply (`rate`), and again when they add a comment. Wiro stores no
   * feedback: this is where your app records it. Must not throw.
   */
  onFeedback?: (event: ChatFeedbackEvent) => void;
  /**
   * Where the ratings given in this session are remembered, so a reload shows them again. Default: the
   * `storage` of the reload resume (the tab's `sessionStorage` unless you changed it); `null` keeps them
   * in memory only. Holds message GUIDs and ratings, never tokens.
   */
  feedbackStorage?: ChatStorage | null;
}

/** What {@link useAgentChat} returns. Functions keep their identity across renders. */
export interface UseAgentChatResult {
  /** The conversation, oldest first. */
  messages: readonly ChatMessage[];
  /**
   * Send a message (text, files or both). The turn appears at once as `sending`. Resolves to the
   * turn's id, or `null` when there was nothing to send or the chat is not mounted. Never rejects:
   * failures end up on the turn (`send-failed`) and in `error`.
   */
  send: (text: string, files?: readonly File[]) => Promise<string | null>;
  /**
   * Cancel one turn's reply, or by default every turn still sending, queued or streaming. A turn
   * still sending is cancelled as soon as Send returns. A reply cancelled while queued gets no socket
   * event: the chat confirms it through Message/Detail. Never rejects.
   */
  cancel: (id?: string) => Promise<void>;
  /**
   * Try a failed turn again. A `send-failed` turn is sent again in place (same turn). A reply that
   * ended in `error` or `cancelled` is sent again as a NEW turn at the end with the same text (and the
   * same files, when this hook still has them): the failed turn stays, as it does in the server's
   * history, so the conversation looks the same after a reload. Resolves to the id of the turn being
   * sent, or `null` when the turn cannot be retried.
   */
  retry: (id: string) => Promise<string | null>;
  status: ChatStatus;
  /** The latest error not yet cleared, for a banner. */
  error: ChatError | null;
  /** Clear `error` (e.g. when the user dismisses the banner). */
  clearError: () => void;
  /** Load the page of history before the oldest loaded turn (or retry the first page after a failure). */
  loadOlder: () => Promise<void>;
  /** `true` when older messages can be loaded. */
  hasOlder: boolean;
  /** `true` while a history page is loading. */
  isLoadingHistory: boolean;
  /** `true` while replies are followed by polling Message/Detail because the socket cannot connect. */
  isPolling: boolean;
  /**
   * Ask again for the last turn's reply, once it is done, failed or was cancelled: the same message is
   * sent again (with its files while this page still holds them; otherwise the new turn lists them in
   * `filesNotResent`) and the new reply streams in. The new turn takes the old one's place in
   * `messages` as its newest version (`versions`); `selectVersion` shows the others. Wiro keeps a
   * linear history: both messages stay in it (and in the agent's context), and after a reload both are
   * listed as turns of their own. Resolves to the new turn's id, or `null` when the last turn cannot be
   * regenerated. Never rejects.
   */
  regenerate: () => Promise<string | null>;
  /**
   * Change the last turn's message: its reply is cancelled if it is still running, `text` is sent as a
   * new message (with the same files, as for `regenerate`), and the new turn is shown in place of the
   * old one, as its newest version. Only the last turn can be edited (Wiro's history is linear).
   * Resolves to the new turn's id, or `null` when `id` is not the last turn or `text` is empty.
   */
  edit: (id: string, text: string) => Promise<string | null>;
  /** Show another version of a turn (`index` from 0 to `versions.count - 1`). */
  selectVersion: (id: string, index: number) => void;
  /**
   * Rate a finished reply: kept on the turn (`feedback`, remembered in `feedbackStorage`) and reported
   * through `onFeedback`. Call it again with a `comment` when the user adds one. Ignored for a turn
   * without a message GUID.
   */
  rate: (id: string, value: ChatFeedbackValue, comment?: string) => void;
}
