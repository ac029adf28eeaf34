/**
 * The socket as it was before issue 12 (and issue 11's fixes), kept verbatim for the benchmarks only:
 * one zustand store whose `streams` record is copied on every publish, every listener woken by every
 * frame, attempts reset on every open, finished streams kept while the connection that subscribed them is
 * open. `npm run bench -- engine` and `-- soak` print its figures beside the current socket's, so the
 * gain is measured on the same machine in the same run. Not part of the package.
 *
 * Its only change: it returns the shape it had (no `watchStream`/`watchConnection`), typed as such.
 */
import { isProtocolError } from '../src/protocol/decode.js';
import { decodeFrame } from '../src/protocol/decode-frame.js';
import { redactToken } from '../src/protocol/redact.js';
import type { ProtocolError, ServerFrame } from '../src/protocol/types.js';
import { createStream, reduceStream } from '../src/store/reduce.js';
import { createAgentStore } from '../src/store/store.js';
import type { AgentStoreState, AgentStream, ConnectionState, ReadonlyStore, StreamEvent } from '../src/store/types.js';
import { backoffDelay, resolveBackoff } from '../src/connection/backoff.js';
import { createEventQueue, type QueuedEntry } from '../src/connection/coalesce.js';
import { peekOutputToken } from '../src/connection/peek.js';
import { createFlushScheduler } from '../src/connection/schedule.js';
import { housekeepingTimer, type Timer } from '../src/connection/timers.js';
import type { AgentSocketOptions, WebSocketConstructor, WebSocketLike } from '../src/connection/types.js';
import type { AgentSocket as CurrentAgentSocket } from '../src/connection/types.js';

/** The old socket's surface. */
export type LegacyAgentSocket = Omit<
  CurrentAgentSocket,
  'watchStream' | 'watchConnection' | 'subscribeTask' | 'getTask' | 'watchTask' | 'ingestTask'
>;
type AgentSocket = LegacyAgentSocket;

/** Wiro's agent WebSocket. */
const DEFAULT_SOCKET_URL = 'wss://socket.wiro.ai/v1';

const DEFAULT_IDLE_TIMEOUT_MS = 10_000;
const DEFAULT_WELCOME_TIMEOUT_MS = 1500;
const DEFAULT_EVICT_AFTER_MS = 60_000;
const WS_OPEN = 1;

/** One physical connection; a reconnect makes a new one, so per-connection facts reset by construction. */
interface Connection {
  ws: WebSocketLike;
  /** Tokens an `agent_info` was sent for on this connection (the server de-duplicates per connection). */
  sent: Set<string>;
  /** The socket opened (a close before that is a failed attempt). */
  opened: boolean;
  /** Welcome received (or waited for long enough): subscribes may go out. */
  ready: boolean;
  welcomeTimer: Timer | null;
}

const noop = (): void => {};

/**
 * Create one shared WebSocket carrying many agent streams, with reconnect, recovery and coalesced store
 * updates. Nothing happens until the first `subscribe` (safe to call during server rendering).
 *
 * How frames become state: each frame is decoded on arrival (`onEvent` sees it at once) and queued per
 * token; a queued `agent_output` is replaced by a newer one, since each carries the full text. A flush
 * (per animation frame in browsers, per microtask elsewhere, or as `schedule` says) applies the queue
 * through `reduceStream` in ONE store update. With `schedule: 'sync'` every frame is its own update, and
 * each update copies the `streams` record (O(streams held)); see the engine bench for what that costs.
 *
 * When `onEvent` is not set and `schedule` is not `'sync'`, an `agent_output` frame is recognised by its
 * first keys only and kept as text; it is decoded at the flush if no newer output replaced it. A malformed
 * `agent_output` that a newer one replaces before the flush is therefore dropped without a report (it
 * never reaches the store; the newer one carries the full text anyway). A frame cut off in transit is
 * always reported: only frames ending in `}` take this path. One that is applied is reported through
 * `onProtocolError` as usual.
 *
 * @example
 * import WebSocket from 'ws'; // Node 20 only; browsers and Node 22 have a global WebSocket
 * const socket = createAgentSocket({ WebSocket });
 * const release = socket.subscribe(agenttoken);
 * socket.store.subscribe((s) => console.info(s.streams[agenttoken]?.answer));
 */
export function createLegacyAgentSocket(options: AgentSocketOptions = {}): AgentSocket {
  const url = options.url ?? DEFAULT_SOCKET_URL;
  const policy = resolveBackoff(options.reconnect);
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const welcomeTimeoutMs = options.welcomeTimeoutMs ?? DEFAULT_WELCOME_TIMEOUT_MS;
  const evictAfterMs = options.evictAfterMs ?? DEFAULT_EVICT_AFTER_MS;
  const { onProtocolError, onEvent } = options;
  // Keeping outputs as text only pays when a newer one can replace them before a flush: not when every
  // frame is flushed at once, nor when onEvent promises every frame decoded.
  const sync = options.schedule === 'sync';
  const deferOutputs = onEvent === undefined && !sync;

  const store = createAgentStore();
  const queue = createEventQueue();
  const scheduler = createFlushScheduler(options.schedule, flush);
  const holders = new Map<string, number>();
  const everSubscribed = new Set<string>();
  const reportedStrangers = new Set<string>();
  const idleStreams = new Map<string, AgentStream>();
  const evictTimers = new Map<string, Timer>();
  let conn: Connection | null = null;
  let retryTimer: Timer | null = null;
  let idleTimer: Timer | null = null;
  let onlineTarget: { removeEventListener(type: string, fn: () => void): void } | null = null;

  // ---- state helpers ----

  const connection = (): ConnectionState => store.getState().connection;

  function setConnection(patch: Partial<ConnectionState>): void {
    const current = connection();
    const next = { ...current, ...patch };
    if (
      next.status === current.status &&
      next.attempt === current.attempt &&
      next.lastError === current.lastError &&
      next.nextRetryAt === current.nextRetryAt
    ) {
      return;
    }
    store.setState({ connection: next });
  }

  function idleStream(token: string): AgentStream {
    let stream = idleStreams.get(token);
    if (stream === undefined) idleStreams.set(token, (stream = createStream(token)));
    return stream;
  }

  const storedStream = (token: string): AgentStream | undefined => store.getState().streams[token];

  /** Held and not finished: the socket must keep (or get back) a subscription for it. */
  function isLive(token: string): boolean {
    return (holders.get(token) ?? 0) > 0 && storedStream(token)?.isDone !== true;
  }

  function hasLive(): boolean {
    for (const token of holders.keys()) if (isLive(token)) return true;
    return false;
  }

  function report(error: ProtocolError): void {
    try {
      onProtocolError?.(error);
    } catch {
      // A throwing callback must not break the socket for every other stream.
    }
  }

  function enqueue(token: string, event: StreamEvent): void {
    // Sync mode never queues anything, so no earlier event can be waiting: apply at once and skip the
    // queue's per-token bookkeeping, which is a visible share of a small frame's cost.
    if (sync) return applyNow(token, event);
    queue.push(token, event);
    scheduler.request();
  }

  // ---- flush ----

  function flush(): void {
    if (queue.isEmpty()) return;
    const batches = queue.drain();
    const streams = store.getState().streams;
    const now = Date.now();
    let next: Record<string, AgentStream> | null = null;
    let finished = false;
    const touched: string[] = [];
    for (const [token, entries] of batches) {
      const before = streams[token];
      const start = before ?? idleStream(token);
      let stream = start;
      for (const entry of entries) {
        const event = toEvent(token, entry);
        if (event !== null) stream = reduceStream(stream, event, now);
      }
      if (stream === start) continue;
      next ??= { ...streams };
      next[token] = stream;
      // Only a token new to the store can have an idle placeholder (getStream makes them for absent tokens).
      if (before === undefined) idleStreams.delete(token);
      touched.push(token);
      if (stream.isDone && before?.isDone !== true) finished = true;
    }
    if (next === null) return;
    store.setState({ streams: next });
    for (const token of touched) considerEviction(token);
    if (finished) checkIdle();
  }

  /** {@link flush} for exactly one event: the same steps without building and draining a batch. */
  function applyNow(token: string, event: StreamEvent): void {
    const streams = store.getState().streams;
    const before = streams[token];
    const start = before ?? idleStream(token);
    const stream = reduceStream(start, event, Date.now());
    if (stream === start) return;
    // The one cost that grows with the number of streams: the record must be a new object for selectors to
    // see the change, and a copy of it is most of a sync frame's cost with 100 streams (see bench/engine.ts).
    const next = { ...streams };
    next[token] = stream;
    if (before === undefined) idleStreams.delete(token);
    store.setState({ streams: next });
    considerEviction(token);
    if (stream.isDone && before?.isDone !== true) checkIdle();
  }

  function toEvent(token: string, entry: QueuedEntry): StreamEvent | null {
    if (entry.kind === 'event') return entry.event;
    // Only the newest output of a run reaches this point: decoding it here is the decoder's one full read.
    const decoded = decodeFrame(entry.data);
    if (isProtocolError(decoded)) {
      report(decoded);
      return null;
    }
    if (decoded.type !== 'agent_output' || decoded.agenttoken !== token) {
      report({
        type: 'protocol_error',
        error: `ambiguous frame: its first keys said agent_output for ${redactToken(token)}, a full read disagrees`,
        data: entry.data,
      });
      return null;
    }
    return decoded;
  }

  // ---- incoming frames ----

  function handleData(c: Connection, data: unknown): void {
    if (deferOutputs && typeof data === 'string') {
      const token = peekOutputToken(data);
      if (token !== null) {
        if (!c.sent.has(token)) return strangerFrame(token, data);
        queue.pushRawOutput(token, data);
        scheduler.request();
        return;
      }
    }
    const frame = decodeFrame(data);
    if (isProtocolError(frame)) return report(frame);
    if (onEvent !== undefined) {
      try {
        onEvent(frame);
      } catch {
        // See report(): user callbacks never break the socket.
      }
    }
    routeFrame(c, frame, data);
  }

  function routeFrame(c: Connection, frame: ServerFrame, data: unknown): void {
    switch (frame.type) {
      case 'connected':
        markReady(c);
        return;
      case 'error':
        report({ type: 'protocol_error', error: `server error: ${frame.message.slice(0, 200)}`, data: frame });
        return;
      case 'agent_subscribed':
      case 'agent_start':
      case 'agent_output':
      case 'agent_end':
      case 'agent_error':
      case 'agent_cancel':
        if (!c.sent.has(frame.agenttoken)) return strangerFrame(frame.agenttoken, data);
        enqueue(frame.agenttoken, frame);
        return;
      default:
        // task_* frames share the socket; onEvent has seen them, the agent store has no use for them.
        return;
    }
  }

  /** A frame for a token this connection did not subscribe: report once per token that was never ours. */
  function strangerFrame(token: string, data: unknown): void {
    if (everSubscribed.has(token) || reportedStrangers.has(token)) return;
    reportedStrangers.add(token);
    report({
      type: 'protocol_error',
      error: `frame for a token this socket did not subscribe (${redactToken(token)})`,
      data,
      agenttoken: token,
    });
  }

  // ---- connection lifecycle ----

  function resolveConstructor(): WebSocketConstructor | undefined {
    return options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  }

  function openConnection(): void {
    const Ctor = resolveConstructor();
    if (Ctor === undefined) throw new Error(NO_WEBSOCKET);
    clearRetry();
    const reconnecting = connection().status === 'reconnecting';
    let ws: WebSocketLike;
    try {
      ws = new Ctor(url);
    } catch (err) {
      // A constructor that throws (bad URL, blocked scheme) will throw again: give up instead of looping.
      giveUp(`could not open the socket: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    const c: Connection = { ws, sent: new Set(), opened: false, ready: false, welcomeTimer: null };
    conn = c;
    listenOnline();
    setConnection(
      reconnecting
        ? { status: 'reconnecting', nextRetryAt: null }
        : { status: 'connecting', attempt: 0, nextRetryAt: null },
    );
    ws.onopen = () => {
      if (conn !== c) return;
      c.opened = true;
      setConnection({ status: 'open', attempt: 0, lastError: null, nextRetryAt: null });
      c.welcomeTimer = setTimeout(() => markReady(c), welcomeTimeoutMs);
    };
    ws.onmessage = (event) => {
      if (conn !== c) return;
      try {
        handleData(c, event.data);
      } catch (err) {
        report({
          type: 'protocol_error',
          error: `frame could not be handled: ${err instanceof Error ? err.message : 'unknown error'}`,
          data: event.data,
        });
      }
    };
    // Errors always come with a close, which decides what happens next.
    ws.onerror = noop;
    ws.onclose = (event) => {
      if (conn !== c) return;
      lostConnection(c, describeClose(event, c));
    };
  }

  function markReady(c: Connection): void {
    if (c.ready || conn !== c) return;
    c.ready = true;
    if (c.welcomeTimer !== null) clearTimeout(c.welcomeTimer);
    c.welcomeTimer = null;
    for (const token of holders.keys()) if (isLive(token)) sendSubscribe(c, token);
    checkIdle();
  }

  function sendSubscribe(c: Connection, token: string): void {
    if (c.sent.has(token) || c.ws.readyState !== WS_OPEN) return;
    try {
      c.ws.send(JSON.stringify({ type: 'agent_info', agenttoken: token }));
    } catch {
      return; // The close that follows a failed send triggers the reconnect that re-sends it.
    }
    c.sent.add(token);
    cancelEviction(token);
    enqueue(token, { type: 'local_subscribing', agenttoken: token });
  }

  /** Forget a connection without reacting to its close (ours to end). */
  function detach(c: Connection): void {
    if (c.welcomeTimer !== null) clearTimeout(c.welcomeTimer);
    c.welcomeTimer = null;
    if (conn === c) conn = null;
    // No-op handlers, not null: `ws` emits 'error' when a CONNECTING socket is closed, and an EventEmitter
    // error with no listener would throw out of the library.
    c.ws.onopen = noop;
    c.ws.onmessage = noop;
    c.ws.onclose = noop;
    c.ws.onerror = noop;
  }

  function endConnection(c: Connection): void {
    detach(c);
    try {
      c.ws.close(1000, 'client closed');
    } catch {
      // Already closed or never opened: nothing to end.
    }
  }

  function lostConnection(c: Connection, reason: string): void {
    detach(c);
    flush(); // Frames that arrived before the close count: a stream that ended is not live.
    for (const token of Object.keys(store.getState().streams)) considerEviction(token);
    if (!hasLive()) {
      stopListeningOnline();
      setConnection({ status: 'closed', attempt: 0, lastError: null, nextRetryAt: null });
      return;
    }
    if (policy === null) return giveUp(reason);
    const attempt = connection().attempt;
    if (attempt >= policy.maxAttempts) return giveUp(reason);
    const delay = backoffDelay(attempt + 1, policy);
    retryTimer = setTimeout(retryNow, delay);
    setConnection({ status: 'reconnecting', attempt: attempt + 1, lastError: reason, nextRetryAt: Date.now() + delay });
  }

  function retryNow(): void {
    clearRetry();
    if (!hasLive()) return stopReconnecting();
    try {
      openConnection();
    } catch (err) {
      giveUp(err instanceof Error ? err.message : String(err));
    }
  }

  function giveUp(reason: string): void {
    clearRetry();
    stopListeningOnline();
    const message = `The connection to the agent socket was lost: ${reason}`;
    for (const token of holders.keys()) {
      if (isLive(token)) enqueue(token, { type: 'local_connection_failed', agenttoken: token, message });
    }
    flush();
    setConnection({ status: 'closed', lastError: reason, nextRetryAt: null });
  }

  function stopReconnecting(): void {
    clearRetry();
    stopListeningOnline();
    setConnection({ status: 'closed', attempt: 0, lastError: null, nextRetryAt: null });
  }

  function clearRetry(): void {
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
  }

  /** Close when nothing is live; stop a pending reconnect at once (nothing needs it). */
  function checkIdle(): void {
    if (hasLive()) {
      if (idleTimer !== null) clearTimeout(idleTimer);
      idleTimer = null;
      return;
    }
    if (retryTimer !== null) return stopReconnecting();
    if (conn !== null && idleTimer === null) idleTimer = housekeepingTimer(idleClose, idleTimeoutMs);
  }

  function idleClose(): void {
    idleTimer = null;
    if (hasLive() || conn === null) return;
    endConnection(conn);
    stopListeningOnline();
    setConnection({ status: 'closed', attempt: 0, lastError: null, nextRetryAt: null });
    for (const token of Object.keys(store.getState().streams)) considerEviction(token);
  }

  function listenOnline(): void {
    if (onlineTarget !== null) return;
    if (typeof window === 'undefined' || typeof window.addEventListener !== 'function') return;
    window.addEventListener('online', onOnline);
    onlineTarget = window;
  }

  function stopListeningOnline(): void {
    onlineTarget?.removeEventListener('online', onOnline);
    onlineTarget = null;
  }

  function onOnline(): void {
    if (retryTimer !== null) retryNow();
  }

  // ---- eviction ----

  /**
   * Evict a stream nobody holds once it can no longer change through this socket. A stream whose token is
   * subscribed on the current connection stays: re-subscribing there would get no new snapshot (the
   * server de-duplicates), so dropping it would leave a remounted view empty.
   */
  function considerEviction(token: string): void {
    if (evictTimers.has(token) || !evictable(token)) return;
    evictTimers.set(
      token,
      housekeepingTimer(() => {
        evictTimers.delete(token);
        if (!evictable(token)) return;
        const { [token]: _evicted, ...rest } = store.getState().streams;
        store.setState({ streams: rest });
      }, evictAfterMs),
    );
  }

  function evictable(token: string): boolean {
    return (holders.get(token) ?? 0) === 0 && conn?.sent.has(token) !== true && storedStream(token) !== undefined;
  }

  function cancelEviction(token: string): void {
    const timer = evictTimers.get(token);
    if (timer === undefined) return;
    clearTimeout(timer);
    evictTimers.delete(token);
  }

  // ---- public API ----

  // Read-only by construction, not only by type: streams change through frames and ingest() alone.
  const readonlyStore: ReadonlyStore<AgentStoreState> = Object.freeze({
    getState: store.getState,
    subscribe: store.subscribe,
  });

  return {
    store: readonlyStore,

    get connection() {
      return connection();
    },

    subscribe(agenttoken: string) {
      if (typeof agenttoken !== 'string' || agenttoken.trim() === '') {
        throw new TypeError(
          `AgentSocket.subscribe: agenttoken must be a non-empty string (got ${redactToken(agenttoken)})`,
        );
      }
      const token = agenttoken;
      const terminal = storedStream(token)?.isDone === true;
      const mustOpen = !terminal && conn === null && retryTimer === null;
      if (mustOpen && resolveConstructor() === undefined) throw new Error(NO_WEBSOCKET);

      holders.set(token, (holders.get(token) ?? 0) + 1);
      everSubscribed.add(token);
      cancelEviction(token);
      if (!terminal) {
        if (idleTimer !== null) clearTimeout(idleTimer);
        idleTimer = null;
        if (conn !== null) {
          if (conn.ready) sendSubscribe(conn, token);
        } else if (retryTimer === null) {
          openConnection();
        }
      }

      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (holders.get(token) ?? 1) - 1;
        if (left > 0) {
          holders.set(token, left);
          return;
        }
        holders.delete(token);
        idleStreams.delete(token); // the cache only serves tokens someone follows
        considerEviction(token);
        checkIdle();
      };
    },

    getStream(agenttoken: string) {
      return storedStream(agenttoken) ?? idleStream(agenttoken);
    },

    ingest(event: StreamEvent) {
      const token = (event as { agenttoken?: unknown } | null)?.agenttoken;
      if (typeof token !== 'string' || token === '' || typeof (event as { type?: unknown }).type !== 'string') {
        report({ type: 'protocol_error', error: 'ingest: event needs a string type and agenttoken', data: event });
        return;
      }
      enqueue(token, event);
    },

    reconnectNow() {
      if (conn !== null || !hasLive()) return;
      retryNow();
    },

    close() {
      scheduler.cancel();
      flush();
      clearRetry();
      if (idleTimer !== null) clearTimeout(idleTimer);
      idleTimer = null;
      if (conn !== null) endConnection(conn);
      stopListeningOnline();
      setConnection({ status: 'closed', attempt: 0, lastError: null, nextRetryAt: null });
      for (const token of Object.keys(store.getState().streams)) considerEviction(token);
    },
  };
}

const NO_WEBSOCKET =
  'wiro-agent-react: this runtime has no global WebSocket (Node 20 has none). Pass one: ' +
  "createAgentSocket({ WebSocket }) with `import WebSocket from 'ws'`, or <AgentSocketProvider options={{ WebSocket }}>.";

function describeClose(event: { code?: number; reason?: string } | undefined, c: Connection): string {
  const code = event?.code;
  const reason = typeof event?.reason === 'string' && event.reason !== '' ? `: ${event.reason.slice(0, 120)}` : '';
  const what = c.opened ? 'connection closed' : 'could not connect';
  return code === undefined ? `${what}${reason}` : `${what} (code ${code})${reason}`;
}
