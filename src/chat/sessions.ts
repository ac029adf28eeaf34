/**
 * The conversations list without React: loading Message/Sessions, optimistic deletes with rollback,
 * and conversations created here that Wiro does not know yet. `useAgentSessions` is a thin hook over it.
 * @packageDocumentation
 */
import { isAbortError } from '../api/errors.js';
import type { SessionSummary } from '../api/types.js';
import { describeError } from './describe-error.js';
import { createSessionKey } from './session-key.js';
import type { AgentSession, AgentSessionsError, SessionsApi } from './sessions-types.js';

/** What the controller reads when it makes a request (the latest props). */
export interface SessionsSettings {
  api: SessionsApi;
  sessionKeyPrefix: string;
  onError: ((error: AgentSessionsError) => void) | undefined;
}

/** The list's observable state. A new object on every change. */
export interface SessionsState {
  sessions: readonly AgentSession[];
  isLoading: boolean;
  hasLoaded: boolean;
  error: AgentSessionsError | null;
}

/** Before anything loaded (also what server rendering sees). */
export const INITIAL_SESSIONS_STATE: SessionsState = /* @__PURE__ */ Object.freeze({
  sessions: /* @__PURE__ */ Object.freeze([]),
  isLoading: true,
  hasLoaded: false,
  error: null,
});

/**
 * One agent's conversations list. Creating it does nothing; `start` loads the list, `stop` aborts every
 * request in flight (a stopped controller may be started again, as React's StrictMode does).
 */
export class SessionsController {
  private state: SessionsState = INITIAL_SESSIONS_STATE;
  private readonly listeners = new Set<() => void>();
  private active = false;
  private abort: AbortController | null = null;
  /** The last list from the server, newest first (with `markSent` applied until the next load). */
  private listed: AgentSession[] = [];
  /** Conversations the server has not listed yet: made by `create`, or `markSent` before a refresh. */
  private local: AgentSession[] = [];
  /** Deletes in flight, by key: hidden from the list until they settle. */
  private readonly deleting = new Map<string, Promise<boolean>>();
  /**
   * Keys deleted, with the number of the last refresh started before the delete ended: a list from that
   * refresh or an older one may still hold them and must not bring them back.
   */
  private readonly deleted = new Map<string, number>();
  /** Order of `markSent` calls since the last listing: breaks ties between equal `updatedat` seconds. */
  private readonly sentOrder = new Map<string, number>();
  private sends = 0;
  private refreshes = 0;
  private loadingRequest = 0;
  private hasLoaded = false;
  private isLoading = true;
  private error: AgentSessionsError | null = null;

  constructor(
    private readonly useragentguid: string,
    private readonly settings: () => SessionsSettings,
  ) {}

  /** Subscribe to changes (for `useSyncExternalStore`). */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The current state; the same object until something changes. */
  readonly getState = (): SessionsState => this.state;

  /** Load the list. */
  start(): void {
    if (this.active) return;
    this.active = true;
    this.abort = new AbortController();
    void this.refresh();
  }

  /** Abort what is in flight; nothing more is loaded or reported until started again. */
  stop(): void {
    if (!this.active) return;
    this.active = false;
    this.abort?.abort();
    this.abort = null;
    this.deleting.clear();
  }

  /** Load Message/Sessions again; a load in flight is superseded (its answer is dropped). Never rejects. */
  async refresh(): Promise<void> {
    if (!this.active || this.abort === null) return;
    const signal = this.abort.signal;
    const request = ++this.loadingRequest;
    const started = ++this.refreshes;
    this.isLoading = true;
    this.publish();
    const { api } = this.settings();
    try {
      const listed = await api.sessions({ useragentguid: this.useragentguid }, { signal });
      if (!this.active || request !== this.loadingRequest) return;
      this.applyListing(Array.isArray(listed) ? listed : [], started);
      this.hasLoaded = true;
      if (this.error?.kind === 'load') this.error = null;
    } catch (error) {
      if (!this.active || request !== this.loadingRequest || isAbortError(error)) return;
      this.report({
        kind: 'load',
        message: describeError(error, 'The conversations could not be loaded.'),
        cause: error,
      });
    } finally {
      if (this.active && request === this.loadingRequest) {
        this.isLoading = false;
        this.publish();
      }
    }
  }

  /** Delete a conversation, optimistically (see `UseAgentSessionsResult.remove`). Never rejects. */
  remove(sessionkey: string): Promise<boolean> {
    const inFlight = this.deleting.get(sessionkey);
    if (inFlight) return inFlight;
    const localIndex = this.local.findIndex((s) => s.sessionkey === sessionkey);
    const local = this.local[localIndex];
    if (local?.isNew) {
      // Nothing was ever sent in it: there is nothing to delete on the server.
      this.local.splice(localIndex, 1);
      this.publish();
      return Promise.resolve(true);
    }
    if (!this.active || this.abort === null) return Promise.resolve(false);
    const signal = this.abort.signal;
    const promise = this.deleteOnServer(sessionkey, signal);
    this.deleting.set(sessionkey, promise);
    this.publish();
    return promise;
  }

  private async deleteOnServer(sessionkey: string, signal: AbortSignal): Promise<boolean> {
    const { api } = this.settings();
    try {
      await api.deleteSession({ useragentguid: this.useragentguid, sessionkey }, { signal });
      if (!this.active || this.deleting.get(sessionkey) === undefined) return false;
      this.deleting.delete(sessionkey);
      this.deleted.set(sessionkey, this.refreshes);
      this.listed = this.listed.filter((s) => s.sessionkey !== sessionkey);
      this.local = this.local.filter((s) => s.sessionkey !== sessionkey);
      this.publish();
      return true;
    } catch (error) {
      if (!this.active || isAbortError(error)) return false;
      // Un-hiding puts the row back exactly where it was.
      this.deleting.delete(sessionkey);
      this.report({
        kind: 'delete',
        message: describeError(error, 'The conversation could not be deleted.'),
        sessionkey,
        cause: error,
      });
      this.publish();
      return false;
    }
  }

  /** A new conversation, listed at once as new (see `UseAgentSessionsResult.create`). */
  create(key?: string): string {
    if (typeof key === 'string' && key !== '' && this.has(key)) return key;
    const { sessionKeyPrefix } = this.settings();
    let sessionkey = typeof key === 'string' && key !== '' ? key : createSessionKey(sessionKeyPrefix);
    while (this.has(sessionkey)) sessionkey = createSessionKey(sessionKeyPrefix);
    this.local.unshift({
      sessionkey,
      messagecount: 0,
      updatedat: Math.floor(Date.now() / 1000),
      lastmessage: '',
      isNew: true,
    });
    this.publish();
    return sessionkey;
  }

  /** A message was sent in `sessionkey` (see `UseAgentSessionsResult.markSent`). */
  markSent(sessionkey: string, text: string): void {
    const updatedat = Math.floor(Date.now() / 1000);
    const listedIndex = this.listed.findIndex((s) => s.sessionkey === sessionkey);
    const listed = this.listed[listedIndex];
    if (listed !== undefined) {
      this.listed.splice(listedIndex, 1);
      this.listed.unshift({ ...listed, messagecount: listed.messagecount + 1, updatedat, lastmessage: text });
    } else {
      const localIndex = this.local.findIndex((s) => s.sessionkey === sessionkey);
      const local = this.local[localIndex];
      if (localIndex !== -1) this.local.splice(localIndex, 1);
      this.local.unshift({
        sessionkey,
        messagecount: (local?.messagecount ?? 0) + 1,
        updatedat,
        lastmessage: text,
        isNew: false,
      });
    }
    this.deleted.delete(sessionkey);
    this.sentOrder.set(sessionkey, ++this.sends);
    this.publish();
  }

  clearError(): void {
    if (this.error === null) return;
    this.error = null;
    this.publish();
  }

  private has(sessionkey: string): boolean {
    return this.listed.some((s) => s.sessionkey === sessionkey) || this.local.some((s) => s.sessionkey === sessionkey);
  }

  /** Take a fresh list from refresh number `started`. */
  private applyListing(listed: readonly SessionSummary[], started: number): void {
    const rows: AgentSession[] = [];
    const seen = new Set<string>();
    for (const row of listed) {
      if (typeof row?.sessionkey !== 'string' || seen.has(row.sessionkey)) continue;
      const deletedAfter = this.deleted.get(row.sessionkey);
      if (deletedAfter !== undefined && started <= deletedAfter) continue;
      seen.add(row.sessionkey);
      rows.push({
        sessionkey: row.sessionkey,
        messagecount: row.messagecount,
        updatedat: row.updatedat,
        lastmessage: row.lastmessage,
        isNew: false,
      });
    }
    this.listed = rows;
    this.sentOrder.clear();
    // The server now knows these: its figures replace the local guesses.
    this.local = this.local.filter((s) => !seen.has(s.sessionkey));
    for (const [key, deletedAfter] of this.deleted) if (started > deletedAfter) this.deleted.delete(key);
  }

  private report(error: AgentSessionsError): void {
    this.error = error;
    try {
      this.settings().onError?.(error);
    } catch {
      // A throwing onError must not break the list.
    }
  }

  private publish(): void {
    const shown = (s: AgentSession): boolean => !this.deleting.has(s.sessionkey);
    // New conversations first (newest first), then the rest by last activity; ties keep their order.
    const fresh = this.local.filter((s) => s.isNew && shown(s));
    const rest = [...this.local.filter((s) => !s.isNew && shown(s)), ...this.listed.filter(shown)];
    const sent = (s: AgentSession): number => this.sentOrder.get(s.sessionkey) ?? 0;
    rest.sort((a, b) => (b.updatedat ?? -Infinity) - (a.updatedat ?? -Infinity) || sent(b) - sent(a) || 0);
    const sessions = [...fresh, ...rest];
    this.state = { sessions, isLoading: this.isLoading, hasLoaded: this.hasLoaded, error: this.error };
    for (const listener of [...this.listeners]) listener();
  }
}
