/**
 * The chat's engine, without React: one agent session's turns, kept in step with the REST API and the
 * shared socket. `useAgentChat` creates one per agent, session and socket, and renders its state.
 *
 * The work is split by job: sending (sending.ts), following replies over the socket (following.ts),
 * polling (poller.ts), cancelling (cancelling.ts), history (history.ts), reload resume (resume.ts),
 * versions of the last turn (versions.ts) and ratings (feedback.ts), tied together by one run (run.ts)
 * per `start()`.
 * @packageDocumentation
 */
import type { AgentSocket } from '../connection/types.js';
import { cancelTurn } from './cancelling.js';
import { FeedbackStore, feedbackKey, rateTurn } from './feedback.js';
import { loadHistory } from './history.js';
import { pendingKey } from './pending-store.js';
import { PendingTurns } from './resume.js';
import { ChatRun, type ChatControllerSettings, type ChatRunHost } from './run.js';
import { deliver } from './sending.js';
import { chatReducer, INITIAL_CHAT_STATE, isInFlight, type ChatAction, type ChatState } from './state.js';
import { localId, localTurn } from './turns.js';
import type { ChatFeedbackValue } from './types.js';
import { editLast, regenerateLast, selectVersion } from './versions.js';

export type { ChatControllerSettings };

/** How to build a {@link ChatController}. */
export interface ChatControllerConfig {
  useragentguid: string;
  sessionkey: string;
  /** The provider's socket; `null` follows every reply by polling. */
  socket: AgentSocket | null;
  settings: () => ChatControllerSettings;
}

/**
 * One chat session. Creating one does nothing (safe during render); `start()` loads and follows,
 * `stop()` aborts every request it made and releases its socket subscriptions. It can be started again
 * after a stop (StrictMode does exactly that): the conversation stays, replies are followed again, and
 * anything the stopped run still had in flight is ignored when it arrives. Never throws: failures
 * become state and `onError` calls.
 */
export class ChatController {
  readonly #listeners = new Set<() => void>();
  readonly #host: ChatRunHost;
  #state: ChatState = INITIAL_CHAT_STATE;
  /** Moves on at every start and stop: a run is current while its number is this one. */
  #generation = 0;
  #run: ChatRun | null = null;

  constructor(config: ChatControllerConfig) {
    this.#host = {
      useragentguid: config.useragentguid,
      sessionkey: config.sessionkey,
      socket: config.socket,
      settings: config.settings,
      state: () => this.#state,
      dispatch: (action) => this.#dispatch(action),
      pending: new PendingTurns(pendingKey(config.useragentguid, config.sessionkey)),
      files: new Map(),
      feedback: new FeedbackStore(feedbackKey(config.useragentguid, config.sessionkey)),
    };
  }

  /** The current state (a new object after every change). */
  getState = (): ChatState => this.#state;

  /** Be told after every change. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** `true` between `start()` and `stop()`. */
  get running(): boolean {
    return this.#run !== null;
  }

  /** The conversation this controller holds. */
  get sessionkey(): string {
    return this.#host.sessionkey;
  }

  get useragentguid(): string {
    return this.#host.useragentguid;
  }

  get socket(): AgentSocket | null {
    return this.#host.socket;
  }

  /** `true` while a turn is being sent or its reply is queued or streaming. */
  get busy(): boolean {
    return this.#state.turns.some((turn) => isInFlight(turn.status));
  }

  /** Resume stored replies, load the first history page (unless loaded), and follow the socket. */
  start(): void {
    if (this.#run) return;
    this.#generation += 1;
    const run = new ChatRun(this.#host, this.#generation, () => this.#generation);
    this.#run = run;
    run.begin();
  }

  /** Abort requests, release subscriptions, stop polling. Pending replies stay saved for a later start. */
  stop(): void {
    const run = this.#run;
    if (!run) return;
    this.#run = null;
    this.#generation += 1;
    run.stop();
  }

  /** See `UseAgentChatResult.send`. */
  async send(text: string, files: readonly File[] = []): Promise<string | null> {
    const run = this.#run;
    if (!run) return null;
    // Leading and trailing blank lines are an artefact of typing, not part of the message.
    const content = typeof text === 'string' ? text.trim() : '';
    const list = Array.isArray(files) ? files.filter((file) => typeof file === 'object' && file !== null) : [];
    if (content === '' && list.length === 0) return null;
    const id = localId();
    if (list.length > 0) this.#host.files.set(id, list);
    run.dispatch({ type: 'add', turn: localTurn(id, content, list) });
    await deliver(run, id);
    return id;
  }

  /** See `UseAgentChatResult.retry`. */
  async retry(id: string): Promise<string | null> {
    const run = this.#run;
    const turn = run?.find(id);
    if (!run || !turn) return null;
    if (turn.status === 'send-failed') {
      run.dispatch({ type: 'update', id, patch: { status: 'sending', error: null } });
      await deliver(run, id);
      return id;
    }
    if (turn.status === 'error' || turn.status === 'cancelled') {
      return this.send(turn.content, this.#host.files.get(id) ?? []);
    }
    return null;
  }

  /** See `UseAgentChatResult.cancel`. */
  async cancel(id?: string): Promise<void> {
    const run = this.#run;
    if (!run) return;
    const targets = this.#state.turns.filter(
      (turn) => (id === undefined ? true : turn.id === id) && isInFlight(turn.status),
    );
    await Promise.all(targets.map((turn) => cancelTurn(run, turn.id)));
  }

  /** See `UseAgentChatResult.loadOlder`. */
  async loadOlder(): Promise<void> {
    const run = this.#run;
    if (!run || run.historyInFlight) return;
    if (!this.#state.historyLoaded) return loadHistory(run, undefined);
    if (!this.#state.hasOlder) return;
    const oldest = this.#state.turns.find((turn) => turn.messageguid !== null)?.messageguid;
    if (oldest === undefined || oldest === null) return;
    return loadHistory(run, oldest);
  }

  /** See `UseAgentChatResult.regenerate`. */
  async regenerate(): Promise<string | null> {
    return this.#run ? regenerateLast(this.#run) : null;
  }

  /** See `UseAgentChatResult.edit`. */
  async edit(id: string, text: string): Promise<string | null> {
    return this.#run ? editLast(this.#run, id, text) : null;
  }

  /** See `UseAgentChatResult.selectVersion`. */
  selectVersion(id: string, index: number): void {
    if (this.#run) selectVersion(this.#run, id, index);
  }

  /** See `UseAgentChatResult.rate`. */
  rate(id: string, value: ChatFeedbackValue, comment?: string): void {
    if (this.#run) rateTurn(this.#run, id, value, comment);
  }

  /** See `UseAgentChatResult.clearError`. */
  clearError(): void {
    this.#dispatch({ type: 'error', error: null });
  }

  #dispatch(action: ChatAction): void {
    const next = chatReducer(this.#state, action);
    if (next === this.#state) return;
    this.#state = next;
    for (const listener of [...this.#listeners]) listener();
  }
}
