/**
 * One run of a chat controller, from `start()` to `stop()`: the requests it made (one abort signal),
 * its socket subscriptions and watches, its poll timer. Every piece of work a run starts checks
 * `active` before it changes the chat, so the late result of a stopped run (a response arriving after
 * StrictMode's simulated unmount, or after the app hid the chat) is dropped instead of landing in the
 * next run.
 * @packageDocumentation
 */
import { isAbortError } from '../api/errors.js';
import type { AgentSocket } from '../connection/types.js';
import { loadHistory } from './history.js';
import type { FeedbackStore } from './feedback.js';
import type { ChatStorage } from './pending-store.js';
import { Poller } from './poller.js';
import { resumeTurn, type PendingTurns } from './resume.js';
import { SocketFollower } from './following.js';
import { isFinished, type ChatAction, type ChatState } from './state.js';
import type { ChatApi, ChatError, ChatFeedbackEvent, ChatMessage, ChatSentEvent } from './types.js';

/** Settings read each time they are used, so the hook can hand over its latest props. */
export interface ChatControllerSettings {
  api: ChatApi;
  storage: ChatStorage | null;
  pollIntervalMs: number;
  historyPageSize: number;
  onError: ((error: ChatError) => void) | undefined;
  onMessageSent?: ((event: ChatSentEvent) => void) | undefined;
  onFeedback?: ((event: ChatFeedbackEvent) => void) | undefined;
  /** Where ratings are remembered; `undefined` uses `storage`. */
  feedbackStorage?: ChatStorage | null | undefined;
}

/** What outlives a run: the conversation itself, owned by the controller. */
export interface ChatRunHost {
  readonly useragentguid: string;
  readonly sessionkey: string;
  /** The provider's socket; `null` follows every reply by polling. */
  readonly socket: AgentSocket | null;
  settings(): ChatControllerSettings;
  state(): ChatState;
  dispatch(action: ChatAction): void;
  /** Replies still running, remembered for a reload. */
  readonly pending: PendingTurns;
  /** Files of turns sent here, for a retry (they are not part of the state). */
  readonly files: Map<string, readonly File[]>;
  /** The user's ratings, remembered for a reload. */
  readonly feedback: FeedbackStore;
}

/** One run: created by `ChatController.start()`, ended by `stop()`. */
export class ChatRun {
  readonly host: ChatRunHost;
  /** This run's number; the controller's current number moves on when the run stops. */
  readonly generation: number;
  readonly follower: SocketFollower;
  readonly poller: Poller;
  /** Turns the user cancelled while Send was still in flight. */
  readonly cancelAfterSend = new Set<string>();
  /** A history page is loading. */
  historyInFlight = false;
  readonly #abort = new AbortController();
  readonly #currentGeneration: () => number;

  constructor(host: ChatRunHost, generation: number, currentGeneration: () => number) {
    this.host = host;
    this.generation = generation;
    this.#currentGeneration = currentGeneration;
    this.follower = new SocketFollower(this);
    this.poller = new Poller(this);
  }

  /** `true` until the run is stopped: only an active run may change the chat. */
  get active(): boolean {
    return this.#currentGeneration() === this.generation;
  }

  /** Aborts this run's requests when it stops. */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  /**
   * Pick the conversation up where it is: turns an earlier run left behind are followed again, replies
   * remembered before a reload are resumed, and the first history page loads unless it already has.
   */
  begin(): void {
    const settings = this.host.settings();
    this.host.pending.useStorage(settings.storage, (error, message) =>
      this.report({ kind: 'storage', message, cause: error }, false),
    );
    this.host.feedback.useStorage(settings.feedbackStorage === undefined ? settings.storage : settings.feedbackStorage);
    void this.host.feedback.load().then((entries) => {
      if (this.active) this.dispatch({ type: 'feedback-loaded', entries });
    });
    this.follower.begin();
    this.#recoverTurns();
    void this.host.pending.load().then((entries) => {
      if (!this.active) return;
      for (const entry of entries) resumeTurn(this, entry);
    });
    const state = this.state();
    if (!state.historyLoaded) void loadHistory(this, undefined);
    else if (state.isLoadingHistory) this.dispatch({ type: 'history-failed' });
  }

  /** Abort requests, release subscriptions and watches, stop polling. Pending replies stay saved. */
  stop(): void {
    this.#abort.abort();
    this.poller.stop();
    this.follower.stop();
  }

  settings(): ChatControllerSettings {
    return this.host.settings();
  }

  state(): ChatState {
    return this.host.state();
  }

  /** Change the chat, if this run is still the current one. */
  dispatch(action: ChatAction): void {
    if (this.active) this.host.dispatch(action);
  }

  find(id: string): ChatMessage | undefined {
    return this.state().turns.find((turn) => turn.id === id);
  }

  findByGuid(guid: string): ChatMessage | undefined {
    return this.state().turns.find((turn) => turn.messageguid === guid);
  }

  /** The turn a reply token belongs to (a token is only ever on one turn). */
  findByToken(agenttoken: string): ChatMessage | undefined {
    return this.state().turns.find((turn) => turn.agenttoken === agenttoken);
  }

  /** Make an error state (banner) unless told otherwise, and tell `onError`. */
  report(error: ChatError, banner = true): void {
    if (!this.active) return;
    if (banner) this.dispatch({ type: 'error', error });
    try {
      this.settings().onError?.(error);
    } catch {
      // An app's error handler failing must not break the chat.
    }
  }

  /** `true` for the rejection of a request this run aborted (or the caller's abort). */
  aborted(error: unknown): boolean {
    return !this.active || this.#abort.signal.aborted || isAbortError(error);
  }

  /** The agent field of a request; left out when empty, for a proxy that injects its own agent. */
  agent(): { useragentguid?: string } {
    const guid = this.host.useragentguid;
    return typeof guid === 'string' && guid !== '' ? { useragentguid: guid } : {};
  }

  /** Start following a turn's reply: over the socket when it streams there, and let polling pick up the rest. */
  follow(id: string): void {
    const turn = this.find(id);
    if (!turn || !this.active) return;
    this.follower.follow(turn);
    this.poller.update();
  }

  /**
   * Turns an earlier run left in flight: a Send it aborted may or may not have reached the server, so
   * the turn offers Retry; a cancel it aborted is forgotten (Stop works again); every reply the chat
   * follows over the socket is followed again.
   */
  #recoverTurns(): void {
    for (const turn of this.state().turns) {
      if (turn.status === 'sending') {
        this.dispatch({
          type: 'update',
          id: turn.id,
          patch: {
            status: 'send-failed',
            error: { kind: 'send', message: 'The message could not be sent.', messageId: turn.id },
          },
        });
        continue;
      }
      if (turn.status === 'send-failed') continue;
      if (turn.cancelRequested) this.dispatch({ type: 'update', id: turn.id, patch: { cancelRequested: false } });
      if ((turn.agenttoken !== null && turn.stream === null) || !isFinished(turn.status)) this.follow(turn.id);
    }
  }
}
