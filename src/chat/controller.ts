/**
 * The chat's engine, without React: one agent session's turns, kept in step with the REST API and the
 * shared socket. `useAgentChat` creates one per mounted session and renders its state.
 * @packageDocumentation
 */
import { isAbortError, isWiroApiError } from '../api/errors.js';
import type { MessageRef } from '../api/types.js';
import type { AgentSocket } from '../connection/types.js';
import { createStream, reduceStream } from '../store/reduce.js';
import type { AgentStream } from '../store/types.js';
import { parsePending, pendingKey, serializePending, type ChatStorage, type PendingTurn } from './pending-store.js';
import { socketLooksBlocked } from './polling.js';
import {
  applyRecord,
  isTerminalRecord,
  recordAttachments,
  recordEvents,
  recordStream,
  recordTime,
  statusOfStream,
} from './records.js';
import { chatReducer, INITIAL_CHAT_STATE, isFinished, isInFlight, type ChatAction, type ChatState } from './state.js';
import type { ChatApi, ChatAttachment, ChatError, ChatMessage, ChatRecord } from './types.js';

/** Settings read each time they are used, so the hook can hand over its latest props. */
export interface ChatControllerSettings {
  api: ChatApi;
  storage: ChatStorage | null;
  pollIntervalMs: number;
  historyPageSize: number;
  onError: ((error: ChatError) => void) | undefined;
}

/** How to build a {@link ChatController}. */
export interface ChatControllerConfig {
  useragentguid: string;
  sessionkey: string;
  /** The provider's socket; `null` follows every reply by polling. */
  socket: AgentSocket | null;
  settings: () => ChatControllerSettings;
}

let sequence = 0;
/** Ids for turns sent here: unique within the page, and unlike any message GUID. */
function localId(): string {
  sequence += 1;
  return `local-${Date.now().toString(36)}-${sequence.toString(36)}`;
}

/**
 * One chat session. Create, `start()`, and `dispose()` when done (which aborts every request it made
 * and releases its socket subscriptions). Never throws: failures become state and `onError` calls.
 */
export class ChatController {
  readonly #config: ChatControllerConfig;
  readonly #abort = new AbortController();
  readonly #listeners = new Set<() => void>();
  #state: ChatState = INITIAL_CHAT_STATE;
  #started = false;
  #disposed = false;
  /** Release functions of the socket subscriptions this chat holds, by agenttoken. */
  readonly #held = new Map<string, () => void>();
  /** Files of turns sent here, for a retry (they are not part of the state). */
  readonly #files = new Map<string, readonly File[]>();
  /** Turns the user cancelled while Send was still in flight. */
  readonly #cancelAfterSend = new Set<string>();
  /** Turns whose polling failure was already reported (reported again only after a success). */
  readonly #pollFailed = new Set<string>();
  #socketBroken = false;
  #pollTimer: ReturnType<typeof setTimeout> | null = null;
  #pollRunning = false;
  /** Whether the socket counted as blocked at the last check (to poll at once when it starts to). */
  #wasBlocked = false;
  #historyInFlight = false;
  #storage: ChatStorage | null = null;
  #pending: PendingTurn[] = [];
  #pendingLoaded = false;
  #saving: Promise<void> = Promise.resolve();
  #unsubscribeStore: (() => void) | null = null;

  constructor(config: ChatControllerConfig) {
    this.#config = config;
  }

  /** The current state (a new object after every change). */
  getState = (): ChatState => this.#state;

  /** Be told after every change. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** Resume stored replies, load the first history page, and start following the socket. */
  start(): void {
    if (this.#started || this.#disposed) return;
    this.#started = true;
    this.#storage = this.#settings().storage;
    const socket = this.#config.socket;
    if (socket) {
      this.#unsubscribeStore = socket.store.subscribe((next, previous) => {
        if (next.streams !== previous.streams) this.#syncStatuses();
        if (next.connection !== previous.connection) this.#updatePolling();
      });
    }
    void this.#loadPending();
    void this.#loadHistory(undefined);
  }

  /** Stop: abort requests, release subscriptions, stop polling. Pending replies stay saved for a later mount. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#abort.abort();
    if (this.#pollTimer !== null) clearTimeout(this.#pollTimer);
    this.#pollTimer = null;
    this.#unsubscribeStore?.();
    this.#unsubscribeStore = null;
    for (const release of this.#held.values()) release();
    this.#held.clear();
    this.#listeners.clear();
  }

  /** See `UseAgentChatResult.send`. */
  async send(text: string, files: readonly File[] = []): Promise<string | null> {
    if (!this.#started || this.#disposed) return null;
    // Leading and trailing blank lines are an artefact of typing, not part of the message.
    const content = typeof text === 'string' ? text.trim() : '';
    const list = Array.isArray(files) ? files.filter((file) => typeof file === 'object' && file !== null) : [];
    if (content === '' && list.length === 0) return null;
    const id = localId();
    if (list.length > 0) this.#files.set(id, list);
    this.#dispatch({
      type: 'add',
      turn: {
        id,
        content,
        attachments: list.map(describeFile),
        createdAt: Date.now(),
        status: 'sending',
        messageguid: null,
        agenttoken: null,
        stream: null,
        error: null,
        cancelRequested: false,
        origin: 'local',
      },
    });
    await this.#deliver(id);
    return id;
  }

  /** See `UseAgentChatResult.retry`. */
  async retry(id: string): Promise<string | null> {
    const turn = this.#find(id);
    if (!turn || this.#disposed) return null;
    if (turn.status === 'send-failed') {
      this.#dispatch({ type: 'update', id, patch: { status: 'sending', error: null } });
      await this.#deliver(id);
      return id;
    }
    if (turn.status === 'error' || turn.status === 'cancelled') {
      return this.send(turn.content, this.#files.get(id) ?? []);
    }
    return null;
  }

  /** See `UseAgentChatResult.cancel`. */
  async cancel(id?: string): Promise<void> {
    if (!this.#started || this.#disposed) return;
    const targets = this.#state.turns.filter(
      (turn) => (id === undefined ? true : turn.id === id) && isInFlight(turn.status),
    );
    await Promise.all(targets.map((turn) => this.#cancelTurn(turn.id)));
  }

  /** See `UseAgentChatResult.loadOlder`. */
  async loadOlder(): Promise<void> {
    if (!this.#started || this.#disposed || this.#historyInFlight) return;
    if (!this.#state.historyLoaded) return this.#loadHistory(undefined);
    if (!this.#state.hasOlder) return;
    const oldest = this.#state.turns.find((turn) => turn.messageguid !== null)?.messageguid;
    if (oldest === undefined || oldest === null) return;
    return this.#loadHistory(oldest);
  }

  /** See `UseAgentChatResult.clearError`. */
  clearError(): void {
    this.#dispatch({ type: 'error', error: null });
  }

  // ---- state --------------------------------------------------------------------------------

  /** The agent field of a request; left out when empty, for a proxy that injects its own agent. */
  #agent(): { useragentguid?: string } {
    const guid = this.#config.useragentguid;
    return typeof guid === 'string' && guid !== '' ? { useragentguid: guid } : {};
  }

  #settings(): ChatControllerSettings {
    return this.#config.settings();
  }

  #dispatch(action: ChatAction): void {
    if (this.#disposed) return;
    const next = chatReducer(this.#state, action);
    if (next === this.#state) return;
    this.#state = next;
    for (const listener of [...this.#listeners]) listener();
  }

  #find(id: string): ChatMessage | undefined {
    return this.#state.turns.find((turn) => turn.id === id);
  }

  #findByGuid(guid: string): ChatMessage | undefined {
    return this.#state.turns.find((turn) => turn.messageguid === guid);
  }

  /** Make an error state (banner) unless told otherwise, and tell `onError`. */
  #report(error: ChatError, banner = true): void {
    if (this.#disposed) return;
    if (banner) this.#dispatch({ type: 'error', error });
    try {
      this.#settings().onError?.(error);
    } catch {
      // An app's error handler failing must not break the chat.
    }
  }

  /** `true` for the rejection of a request this controller aborted (or the caller's abort). */
  #aborted(error: unknown): boolean {
    return this.#disposed || this.#abort.signal.aborted || isAbortError(error);
  }

  // ---- sending ------------------------------------------------------------------------------

  async #deliver(id: string): Promise<void> {
    const turn = this.#find(id);
    if (!turn) return;
    const { sessionkey } = this.#config;
    const files = this.#files.get(id) ?? [];
    try {
      const result = await this.#settings().api.send(
        { ...this.#agent(), sessionkey, message: turn.content, ...(files.length > 0 ? { attachments: files } : {}) },
        { signal: this.#abort.signal },
      );
      if (this.#disposed) return;
      const socket = this.#config.socket;
      this.#dispatch({
        type: 'update',
        id,
        patch: {
          status: 'queued',
          agenttoken: result.agenttoken,
          messageguid: result.messageguid,
          error: null,
          // Without a socket the chat holds the reply itself and polls it.
          stream: socket ? null : startedStream(result.agenttoken),
        },
      });
      this.#remember({
        agenttoken: result.agenttoken,
        messageguid: result.messageguid,
        content: turn.content,
        createdAt: turn.createdAt,
        ...(turn.attachments.length > 0 ? { attachments: [...turn.attachments] } : {}),
      });
      this.#follow(id);
      if (this.#cancelAfterSend.delete(id)) await this.#cancelTurn(id);
    } catch (error) {
      if (this.#aborted(error)) return;
      this.#cancelAfterSend.delete(id);
      const chatError: ChatError = {
        kind: 'send',
        message: describeError(error, 'The message could not be sent.'),
        messageId: id,
        cause: error,
      };
      this.#dispatch({ type: 'update', id, patch: { status: 'send-failed', error: chatError } });
      this.#report(chatError);
    }
  }

  // ---- following replies --------------------------------------------------------------------

  /** Start following a turn's reply: hold its socket subscription, or let polling pick it up. */
  #follow(id: string): void {
    const turn = this.#find(id);
    if (!turn || this.#disposed) return;
    const socket = this.#config.socket;
    if (socket && turn.stream === null && turn.agenttoken !== null) this.#hold(socket, turn.agenttoken);
    this.#syncStatuses();
    this.#updatePolling();
  }

  /**
   * Subscribe to a token for as long as the chat is mounted, finished or not: the store then keeps
   * the reply (an unheld finished stream is evicted after a while), and a live one is re-subscribed
   * after every reconnect by the socket itself.
   */
  #hold(socket: AgentSocket, agenttoken: string): void {
    if (this.#held.has(agenttoken)) return;
    try {
      this.#held.set(agenttoken, socket.subscribe(agenttoken));
    } catch (error) {
      // No WebSocket in this runtime (or it refused the URL): poll instead.
      this.#held.set(agenttoken, () => {});
      this.#socketBroken = true;
      socket.ingest({
        type: 'local_connection_failed',
        agenttoken,
        message: error instanceof Error ? error.message : 'Could not open the agent socket.',
      });
    }
  }

  /** Copy the statuses of socket-followed replies from the store into the turns. */
  #syncStatuses(): void {
    const socket = this.#config.socket;
    if (!socket || this.#disposed) return;
    const streams = socket.store.getState().streams;
    const byToken = new Map<string, ChatMessage['status']>();
    const finished: string[] = [];
    for (const turn of this.#state.turns) {
      if (
        turn.stream !== null ||
        turn.agenttoken === null ||
        turn.status === 'sending' ||
        turn.status === 'send-failed'
      )
        continue;
      const stream = streams[turn.agenttoken];
      if (!stream) continue;
      const status = statusOfStream(stream);
      if (status !== turn.status) byToken.set(turn.agenttoken, status);
      if (isFinished(status) && turn.messageguid !== null) finished.push(turn.messageguid);
    }
    if (byToken.size > 0) this.#dispatch({ type: 'statuses', byToken });
    for (const guid of finished) this.#forget(guid);
  }

  #socketBlocked(): boolean {
    const socket = this.#config.socket;
    if (!socket) return true;
    return this.#socketBroken || socketLooksBlocked(socket.store.getState().connection);
  }

  /** Turns to poll now: replies the chat holds itself, and socket replies while the socket is blocked. */
  #pollTargets(): ChatMessage[] {
    const blocked = this.#socketBlocked();
    return this.#state.turns.filter((turn) => {
      if (turn.status !== 'queued' && turn.status !== 'streaming') return false;
      if (turn.stream !== null) return !turn.stream.isDone && (turn.agenttoken !== null || turn.messageguid !== null);
      return blocked && turn.agenttoken !== null;
    });
  }

  #updatePolling(): void {
    if (this.#disposed) return;
    const blocked = this.#socketBlocked();
    const becameBlocked = blocked && !this.#wasBlocked;
    this.#wasBlocked = blocked;
    const targets = this.#pollTargets();
    const viaSocket = this.#config.socket !== null && !this.#socketBroken;
    // A history row without a token is polled even while the socket is fine; that is not "offline".
    const isPolling = targets.length > 0 && (!viaSocket || blocked);
    this.#dispatch({ type: 'polling', isPolling });
    if (targets.length === 0) return;
    if (becameBlocked && this.#pollTimer !== null) {
      // The socket just gave up: catch up now rather than after a whole interval of silence.
      clearTimeout(this.#pollTimer);
      this.#pollTimer = null;
    }
    this.#schedulePoll(becameBlocked ? 0 : this.#settings().pollIntervalMs);
  }

  #schedulePoll(delayMs: number): void {
    if (this.#disposed || this.#pollTimer !== null || this.#pollRunning) return;
    this.#pollTimer = setTimeout(
      () => {
        this.#pollTimer = null;
        void this.#pollOnce();
      },
      Math.max(0, delayMs),
    );
  }

  async #pollOnce(): Promise<void> {
    if (this.#disposed) return;
    this.#pollRunning = true;
    try {
      await Promise.all(this.#pollTargets().map((turn) => this.#refresh(turn.id)));
    } finally {
      this.#pollRunning = false;
    }
    this.#updatePolling();
  }

  /** Fetch a reply's record and apply it. Resolves to whether the record is final, `null` on failure. */
  async #refresh(id: string): Promise<boolean | null> {
    const turn = this.#find(id);
    const ref = turn ? refOf(turn) : null;
    if (!turn || !ref) return null;
    try {
      const record = await this.#settings().api.detail(ref, { signal: this.#abort.signal });
      if (this.#disposed) return null;
      this.#pollFailed.delete(id);
      this.#applyRecord(id, record);
      return isTerminalRecord(record);
    } catch (error) {
      if (this.#aborted(error)) return null;
      if (!this.#pollFailed.has(id)) {
        this.#pollFailed.add(id);
        // Polling goes on; the banner would only repeat what the connection indicator says.
        this.#report(
          { kind: 'poll', message: describeError(error, 'Could not check on the reply.'), messageId: id, cause: error },
          false,
        );
      }
      return null;
    }
  }

  /** Apply a record to a turn's reply, wherever the reply lives. */
  #applyRecord(id: string, record: ChatRecord): void {
    const turn = this.#find(id);
    if (!turn) return;
    if (turn.stream !== null) {
      const stream = applyRecord(turn.stream, record);
      if (stream !== turn.stream)
        this.#dispatch({ type: 'update', id, patch: { stream, status: statusOfStream(stream) } });
      if (stream.isDone && turn.messageguid !== null) this.#forget(turn.messageguid);
      return;
    }
    const socket = this.#config.socket;
    if (!socket || turn.agenttoken === null) return;
    // A live record clears a socket failure note: the reply is being followed again, by polling.
    if (!isTerminalRecord(record)) socket.ingest({ type: 'local_subscribing', agenttoken: turn.agenttoken });
    for (const event of recordEvents(record, turn.agenttoken)) socket.ingest(event);
  }

  // ---- cancelling ---------------------------------------------------------------------------

  async #cancelTurn(id: string): Promise<void> {
    const turn = this.#find(id);
    if (!turn || !isInFlight(turn.status)) return;
    this.#dispatch({ type: 'update', id, patch: { cancelRequested: true } });
    if (turn.status === 'sending') {
      this.#cancelAfterSend.add(id);
      return;
    }
    const ref = refOf(turn);
    if (!ref) return;
    let failure: unknown = null;
    try {
      await this.#settings().api.cancel(ref, { signal: this.#abort.signal });
    } catch (error) {
      if (this.#aborted(error)) return;
      failure = error;
    }
    // Confirm either way: a reply cancelled while queued gets no socket event, and a refused cancel
    // usually means the reply had just finished.
    const final = await this.#refresh(id);
    if (this.#disposed) return;
    if (failure !== null && final !== true) {
      this.#dispatch({ type: 'update', id, patch: { cancelRequested: false } });
      this.#report({
        kind: 'cancel',
        message: describeError(failure, 'The reply could not be stopped.'),
        messageId: id,
        cause: failure,
      });
    }
  }

  // ---- history ------------------------------------------------------------------------------

  async #loadHistory(before: string | undefined): Promise<void> {
    if (this.#historyInFlight || this.#disposed) return;
    this.#historyInFlight = true;
    this.#dispatch({ type: 'history-loading' });
    const { sessionkey } = this.#config;
    const { api, historyPageSize } = this.#settings();
    try {
      const page = await api.history(
        { ...this.#agent(), sessionkey, limit: historyPageSize, ...(before !== undefined ? { before } : {}) },
        { signal: this.#abort.signal },
      );
      if (this.#disposed) return;
      const rows = [...page.messages].reverse().map((record) => this.#historyTurn(record));
      this.#dispatch({
        type: 'history-page',
        turns: rows,
        hasmore: page.hasmore === true,
        older: before !== undefined,
      });
      for (const row of rows) {
        if (isFinished(row.status) || row.messageguid === null) continue;
        const turn = this.#findByGuid(row.messageguid);
        if (turn) this.#follow(turn.id);
      }
    } catch (error) {
      if (this.#aborted(error)) return;
      this.#dispatch({ type: 'history-failed' });
      this.#report({
        kind: 'history',
        message: describeError(error, 'The conversation could not be loaded.'),
        cause: error,
      });
    } finally {
      this.#historyInFlight = false;
    }
  }

  /** A history row as a turn. A reply still running goes live: over the socket when its token is known. */
  #historyTurn(record: ChatRecord): ChatMessage {
    const guid = record.guid;
    const pending = this.#pending.find((entry) => entry.messageguid === guid);
    const recordToken = (record as { agenttoken?: unknown }).agenttoken;
    const agenttoken =
      typeof recordToken === 'string' && recordToken !== '' ? recordToken : (pending?.agenttoken ?? null);
    const stream = recordStream(record, agenttoken ?? `message:${guid}`);
    const live = !stream.isDone && agenttoken !== null && this.#config.socket !== null;
    return {
      id: guid,
      content: typeof record.content === 'string' ? record.content : '',
      attachments: recordAttachments(record),
      createdAt: recordTime(record.createdat),
      status: statusOfStream(stream),
      messageguid: guid,
      agenttoken,
      // Finished rows, and live rows without a token, are held here; live rows with one stream live.
      stream: live ? null : stream,
      error: null,
      cancelRequested: false,
      origin: 'history',
    };
  }

  // ---- pending replies (reload resume) --------------------------------------------------------

  async #loadPending(): Promise<void> {
    const storage = this.#storage;
    const key = pendingKey(this.#config.useragentguid, this.#config.sessionkey);
    let raw: string | null | undefined = null;
    if (storage) {
      try {
        raw = await storage.load(key);
      } catch (error) {
        this.#report(
          { kind: 'storage', message: 'Replies still running before the reload could not be restored.', cause: error },
          false,
        );
      }
    }
    if (this.#disposed) return;
    const loaded = parsePending(raw);
    const sentMeanwhile = this.#pending;
    this.#pending = [
      ...loaded.filter((entry) => !sentMeanwhile.some((s) => s.messageguid === entry.messageguid)),
      ...sentMeanwhile,
    ];
    this.#pendingLoaded = true;
    for (const entry of loaded) this.#resume(entry);
    if (sentMeanwhile.length > 0) this.#save();
  }

  /** Show a reply that was running before the reload, and follow it again. */
  #resume(entry: PendingTurn): void {
    const socket = this.#config.socket;
    const existing = this.#findByGuid(entry.messageguid);
    if (existing) {
      // History got there first and showed the row without its token: follow it live now.
      if (existing.agenttoken === null && !isFinished(existing.status) && socket) {
        this.#dispatch({ type: 'update', id: existing.id, patch: { agenttoken: entry.agenttoken, stream: null } });
      }
      this.#follow(existing.id);
      return;
    }
    this.#dispatch({
      type: 'add',
      turn: {
        id: entry.messageguid,
        content: entry.content,
        attachments: entry.attachments ?? [],
        createdAt: entry.createdAt,
        status: 'queued',
        messageguid: entry.messageguid,
        agenttoken: entry.agenttoken,
        stream: socket ? null : startedStream(entry.agenttoken),
        error: null,
        cancelRequested: false,
        origin: 'resumed',
      },
    });
    this.#follow(entry.messageguid);
  }

  #remember(entry: PendingTurn): void {
    if (this.#pending.some((p) => p.messageguid === entry.messageguid)) return;
    this.#pending = [...this.#pending, entry];
    this.#save();
  }

  #forget(messageguid: string): void {
    if (!this.#pending.some((p) => p.messageguid === messageguid)) return;
    this.#pending = this.#pending.filter((p) => p.messageguid !== messageguid);
    this.#save();
  }

  /** Write the pending list, in order (a storage may be asynchronous). Not before it was read. */
  #save(): void {
    const storage = this.#storage;
    if (!storage || !this.#pendingLoaded) return;
    const key = pendingKey(this.#config.useragentguid, this.#config.sessionkey);
    const value = serializePending(this.#pending);
    this.#saving = this.#saving
      .then(() => storage.save(key, value))
      .catch((error: unknown) => {
        this.#report(
          { kind: 'storage', message: 'Running replies could not be saved for a reload.', cause: error },
          false,
        );
      });
  }
}

/** How to address a turn's message over REST. */
function refOf(turn: ChatMessage): MessageRef | null {
  if (turn.agenttoken !== null) return { agenttoken: turn.agenttoken };
  if (turn.messageguid !== null) return { messageguid: turn.messageguid };
  return null;
}

/** A reply the chat holds itself, just sent: shown as waiting. */
function startedStream(agenttoken: string): AgentStream {
  return reduceStream(createStream(agenttoken), { type: 'local_subscribing', agenttoken });
}

function describeFile(file: File): ChatAttachment {
  return {
    name: typeof file.name === 'string' ? file.name : 'file',
    type: typeof file.type === 'string' ? file.type : '',
    size: typeof file.size === 'number' ? file.size : null,
    url: null,
  };
}

/**
 * A sentence for people: the fallback, plus the server's own explanation when it gave one (Wiro's
 * `errors[].message`, e.g. that the agent is not running). Transport details stay in `cause`.
 */
function describeError(error: unknown, fallback: string): string {
  if (isWiroApiError(error)) {
    if (error.code === 'timeout') return `${fallback} The server did not answer in time.`;
    if (error.code === 'network') return `${fallback} Check your connection.`;
    const detail = error.errors.find((item) => typeof item.message === 'string' && item.message.trim() !== '')?.message;
    if (detail) return `${fallback} ${sentence(detail)}`;
  }
  return fallback;
}

function sentence(text: string): string {
  const trimmed = text.trim().slice(0, 200);
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
