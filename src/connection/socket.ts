import { decodeData, isProtocolError, type OtherFrames } from '../protocol/decode.js';
import { redactToken } from '../protocol/redact.js';
import type { AgentLifecycleFrame, ProtocolError, ServerFrame } from '../protocol/types.js';
import { createAgentState } from '../store/agent-state.js';
import { createStream, reduceStream } from '../store/reduce.js';
import type { AgentStream, ConnectionState, StreamEvent } from '../store/types.js';
import { streamEventProblem } from '../store/validate.js';
import { backoffDelay, DEFAULT_BACKOFF, resolveBackoff } from './backoff.js';
import { createEventQueue, type QueuedEntry } from './coalesce.js';
import { createEvictionQueue } from './eviction.js';
import { createHolders } from './holders.js';
import { createIdleCache } from './idle-cache.js';
import { peekOutputToken } from './peek.js';
import { createRecentSet } from './recent-set.js';
import { createFlushScheduler } from './schedule.js';
import { createSnapshotFetcher } from './snapshot-fetch.js';
import { socketCores, type KindHost, type KindLink, type StreamKind } from './stream-kind.js';
import { housekeepingTimer, type Timer } from './timers.js';
import type { AgentSocket, AgentSocketOptions, WebSocketConstructor, WebSocketLike } from './types.js';

/** Wiro's agent WebSocket. */
export const DEFAULT_SOCKET_URL = 'wss://socket.wiro.ai/v1';

const DEFAULT_IDLE_TIMEOUT_MS = 10_000;
const DEFAULT_WELCOME_TIMEOUT_MS = 1500;
const DEFAULT_EVICT_AFTER_MS = 60_000;
/** How long the second connection that brings back an evicted finished reply may take. */
const SNAPSHOT_FETCH_TIMEOUT_MS = 15_000;
/** Stranger tokens remembered as reported; older ones may be reported again. */
const REPORTED_STRANGERS = 1024;
/** Idle placeholders kept for tokens nobody holds (a render reads one before its effect subscribes). */
const IDLE_PLACEHOLDERS = 1024;
const WS_OPEN = 1;

/** One physical connection; a reconnect makes a new one, so per-connection facts reset by construction. */
interface Connection extends KindLink {
  ws: WebSocketLike;
  /** Tokens an `agent_info` was sent for on this connection and whose stream is still in the store. */
  sent: Set<string>;
  /**
   * Tokens subscribed on this connection whose stream was evicted since: their frames are ignored, and
   * the server would not answer another `agent_info` for them here.
   */
  evicted: Set<string>;
  /** The socket opened (a close before that is a failed attempt). */
  opened: boolean;
  ready: boolean;
  /** The server spoke on it (or it stayed open long enough): only then does the backoff start over. */
  healthy: boolean;
  timers: Timer[];
}

const noop = (): void => {};

/**
 * Create one shared WebSocket carrying many agent streams, with reconnect, recovery and coalesced
 * updates. Nothing happens until the first `subscribe` (safe to call during server rendering). Model runs
 * (tasks) ride on the same connection once `withTasks(socket)` attached them: they share the connection,
 * the flush, eviction and fault handling, and a socket that never follows one never loads their code.
 *
 * How frames become state: each frame is decoded on arrival (`onEvent` sees it at once) and queued per
 * token; a queued `agent_output` is replaced by a newer one, since each carries the full text. A flush
 * (per animation frame in browsers, per microtask elsewhere, or as `schedule` says) applies the queue
 * through `reduceStream` and then tells each changed token's watchers once. A flush that changed k
 * tokens costs O(k), whatever the number of streams held: streams live in a map, a change replaces one
 * entry, and nothing sized by the number of streams is copied (`store.getState().streams` is built only
 * when read). With `schedule: 'sync'` every frame is its own flush.
 *
 * When `onEvent` is not set and `schedule` is not `'sync'`, an `agent_output` frame is recognised by its
 * first keys only and kept as text; it is decoded at the flush if no newer output replaced it. A malformed
 * `agent_output` that a newer one replaces before the flush is therefore dropped without a report (it
 * never reaches the store; the newer one carries the full text anyway). A frame cut off in transit is
 * always reported: only frames ending in `}` take this path. One that is applied is reported through
 * `onProtocolError` as usual.
 *
 * A flush never throws: events are validated when they enter (frames by the decoder, `ingest` at its
 * call), and a listener that throws is rethrown on a later microtask without stopping the others.
 *
 * @example
 * import WebSocket from 'ws'; // Node 20 only; browsers and Node 22 have a global WebSocket
 * const socket = createAgentSocket({ WebSocket });
 * const release = socket.subscribe(agenttoken);
 * const unwatch = socket.watchStream(agenttoken, (stream) => console.info(stream.answer));
 */
export function createAgentSocket(options: AgentSocketOptions = {}): AgentSocket {
  const url = options.url ?? DEFAULT_SOCKET_URL;
  const policy = resolveBackoff(options.reconnect);
  const healthyAfterMs = policy?.healthyAfterMs ?? DEFAULT_BACKOFF.healthyAfterMs;
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const welcomeTimeoutMs = options.welcomeTimeoutMs ?? DEFAULT_WELCOME_TIMEOUT_MS;
  const evictAfterMs = options.evictAfterMs ?? DEFAULT_EVICT_AFTER_MS;
  const { onProtocolError, onEvent } = options;
  // Keeping outputs as text only pays when a newer one can replace them before a flush: not when every
  // frame is flushed at once, nor when onEvent promises every frame decoded.
  const sync = options.schedule === 'sync';
  const deferOutputs = onEvent === undefined && !sync;

  const holders = createHolders();
  /** Held tokens whose stream is not finished: kept beside `holders` so "is anything live" is O(1). */
  const live = new Set<string>();
  // One stable idle stream per token with nothing stored, for snapshot identity.
  const idleStreams = createIdleCache<AgentStream>(createStream, IDLE_PLACEHOLDERS, (token) => holders.has(token));
  const state = createAgentState((token) => idleStreams.get(token));
  const streams = state.streams;
  const queue = createEventQueue();
  const scheduler = createFlushScheduler(options.schedule, flush);
  const reportedStrangers = createRecentSet(REPORTED_STRANGERS);
  /** Stream kinds attached through the extension point (model runs, by `withTasks`). */
  const kinds: StreamKind[] = [];
  const kindFrames: OtherFrames = (type, parsed) => {
    for (const kind of kinds) if (type.startsWith(kind.prefix)) return kind.decode(parsed);
    return undefined;
  };
  const evictions = createEvictionQueue(evictAfterMs, evict);
  const snapshots = createSnapshotFetcher({
    open: () => {
      const Ctor = resolveConstructor();
      if (Ctor === undefined) return null;
      try {
        return new Ctor(url);
      } catch {
        return null;
      }
    },
    welcomeTimeoutMs,
    timeoutMs: SNAPSHOT_FETCH_TIMEOUT_MS,
    deliver: (frame) => {
      notifyEvent(frame);
      enqueue(frame.agenttoken, frame);
    },
    fail: (tokens, reason) => {
      for (const token of tokens) {
        if (live.has(token)) enqueue(token, { type: 'local_connection_failed', agenttoken: token, message: reason });
      }
    },
    report,
  });
  let conn: Connection | null = null;
  let retryTimer: Timer | null = null;
  let idleTimer: Timer | null = null;
  let onlineTarget: { removeEventListener(type: string, fn: () => void): void } | null = null;
  const host: KindHost = {
    options,
    sync,
    evictAfterMs,
    store: (_name, absent) => state.addTaskStore(absent),
    link: () => conn,
    connect() {
      stopIdleTimer();
      if (conn === null && retryTimer === null) openConnection();
    },
    requestFlush: () => scheduler.request(),
    publish: () => void state.publish(),
    report,
    checkIdle: () => checkIdle(),
  };

  // ---- state helpers ----

  const connection = (): ConnectionState => state.connection();

  /** Change the connection state; a patch that changes nothing tells nobody. */
  function setConnection(patch: Partial<ConnectionState>): void {
    const current = connection();
    for (const key in patch) {
      const field = key as keyof ConnectionState;
      if (patch[field] !== current[field]) return state.setConnection({ ...current, ...patch });
    }
  }

  /** Nothing to follow: no reconnect pending, no `online` listener, status `closed` with no error. */
  function closed(): void {
    clearRetry();
    stopListeningOnline();
    setConnection({ status: 'closed', attempt: 0, lastError: null, nextRetryAt: null });
  }

  function stopIdleTimer(): void {
    if (idleTimer !== null) clearTimeout(idleTimer);
    idleTimer = null;
  }

  /** Something held is not finished (here or in an attached kind): the socket must keep a connection. O(1). */
  function hasLive(): boolean {
    return live.size > 0 || kinds.some((kind) => kind.hasLive());
  }

  function report(error: ProtocolError): void {
    try {
      onProtocolError?.(error);
    } catch {
      // A throwing callback must not break the socket for every other stream.
    }
  }

  function notifyEvent(frame: ServerFrame): void {
    if (onEvent === undefined) return;
    try {
      onEvent(frame);
    } catch {
      // See report(): user callbacks never break the socket.
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
    const now = Date.now();
    let finished = false;
    const touched: string[] = [];
    const batches = queue.isEmpty() ? null : queue.drain();
    for (const [token, entries] of batches ?? []) {
      const before = streams.get(token);
      const start = before ?? idleStreams.get(token);
      let stream = start;
      for (const entry of entries) stream = applyEntry(stream, token, entry, now);
      if (stream === start) continue;
      store(token, stream, before);
      touched.push(token);
      if (stream.isDone && before?.isDone !== true) finished = true;
    }
    const afterKinds: (() => void)[] = [];
    for (const kind of kinds) {
      const after = kind.drain(now);
      if (after !== null) afterKinds.push(after);
    }
    if (touched.length === 0 && afterKinds.length === 0) return;
    state.publish();
    for (const token of touched) considerEviction(token);
    for (const after of afterKinds) after();
    if (finished) checkIdle();
  }

  /** Stage a changed stream (published by the caller). */
  function store(token: string, stream: AgentStream, before: AgentStream | undefined): void {
    streams.set(token, stream);
    // Only a token new to the store can have an idle placeholder (getStream makes them for absent tokens).
    if (before === undefined) idleStreams.delete(token);
    if (stream.isDone) live.delete(token);
  }

  /** {@link flush} for exactly one event: the same steps without building and draining a batch. */
  function applyNow(token: string, event: StreamEvent): void {
    const before = streams.get(token);
    const start = before ?? idleStreams.get(token);
    const stream = reduceSafely(start, event, Date.now());
    if (stream === start) return;
    store(token, stream, before);
    state.publish();
    considerEviction(token);
    if (stream.isDone && before?.isDone !== true) checkIdle();
  }

  function applyEntry(stream: AgentStream, token: string, entry: QueuedEntry, now: number): AgentStream {
    const event = toEvent(token, entry);
    return event === null ? stream : reduceSafely(stream, event, now);
  }

  /** The reducer cannot throw on a validated event; if it ever did, one event is skipped, not the flush. */
  function reduceSafely(stream: AgentStream, event: StreamEvent, now: number): AgentStream {
    try {
      return reduceStream(stream, event, now);
    } catch (err) {
      report({
        type: 'protocol_error',
        error: `event could not be applied: ${err instanceof Error ? err.message : 'unknown error'}`,
        data: event,
        agenttoken: stream.agenttoken,
      });
      return stream;
    }
  }

  function toEvent(token: string, entry: QueuedEntry): StreamEvent | null {
    if (entry.kind === 'event') return entry.event;
    // Only the newest output of a reply reaches this point: decoding it here is the decoder's one full read.
    const decoded = decodeData(entry.data);
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
        if (!c.sent.has(token)) return strangerFrame(c, token, data);
        markHealthy(c);
        queue.pushRawOutput(token, data);
        scheduler.request();
        return;
      }
    }
    const frame = decodeData(data, kindFrames);
    if (isProtocolError(frame)) return report(frame);
    markHealthy(c);
    notifyEvent(frame);
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
        routeLifecycle(c, frame, data);
        return;
      default:
        // Another kind's frame (a model run's): decoded by that kind, so it routes it.
        for (const kind of kinds) if (frame.type.startsWith(kind.prefix)) kind.route(c, frame, data);
        return;
    }
  }

  function routeLifecycle(c: Connection, frame: AgentLifecycleFrame, data: unknown): void {
    if (!c.sent.has(frame.agenttoken)) return strangerFrame(c, frame.agenttoken, data);
    enqueue(frame.agenttoken, frame);
  }

  /**
   * A frame for a token this connection did not subscribe (or whose stream it evicted): ignored; reported
   * once per token that was never ours, remembering only recent strangers.
   */
  function strangerFrame(c: Connection, token: string, data: unknown): void {
    if (c.evicted.has(token) || reportedStrangers.has(token)) return;
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
    const c: Connection = {
      ws,
      sent: new Set(),
      evicted: new Set(),
      opened: false,
      ready: false,
      healthy: false,
      timers: [],
      send(text) {
        if (ws.readyState !== WS_OPEN) return false;
        try {
          ws.send(text);
          return true;
        } catch {
          return false; // The close that follows a failed send triggers the reconnect that re-sends it.
        }
      },
    };
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
      // Open is not healthy: `attempt` and `lastError` stay until the server speaks (see markHealthy).
      setConnection({ status: 'open', nextRetryAt: null });
      c.timers.push(setTimeout(() => markReady(c), welcomeTimeoutMs));
      c.timers.push(housekeepingTimer(() => markHealthy(c), healthyAfterMs));
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
    for (const token of live) sendSubscribe(c, token);
    for (const kind of kinds) kind.onReady(c);
    checkIdle();
  }

  /** The backoff starts over only here: after the server spoke on this connection, or it stayed open long enough. */
  function markHealthy(c: Connection): void {
    if (c.healthy || conn !== c || !c.opened) return;
    c.healthy = true;
    setConnection({ attempt: 0, lastError: null });
  }

  function sendSubscribe(c: Connection, token: string): void {
    if (c.sent.has(token) || c.evicted.has(token)) return;
    if (!c.send(JSON.stringify({ type: 'agent_info', agenttoken: token }))) return;
    c.sent.add(token);
    evictions.cancel(token);
    enqueue(token, { type: 'local_subscribing', agenttoken: token });
  }

  /** Forget a connection without reacting to its close (ours to end). */
  function detach(c: Connection): void {
    for (const timer of c.timers) clearTimeout(timer);
    c.timers = [];
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
    considerAllEvictions();
    if (!hasLive()) return closed();
    if (policy === null) return giveUp(reason);
    // A connection that never became healthy leaves the count where it was: the next wait is longer.
    const attempt = connection().attempt;
    if (attempt >= policy.maxAttempts) return giveUp(reason);
    const delay = backoffDelay(attempt + 1, policy);
    retryTimer = setTimeout(retryNow, delay);
    setConnection({ status: 'reconnecting', attempt: attempt + 1, lastError: reason, nextRetryAt: Date.now() + delay });
  }

  function retryNow(): void {
    clearRetry();
    if (!hasLive()) return closed();
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
    for (const token of live) enqueue(token, { type: 'local_connection_failed', agenttoken: token, message });
    for (const kind of kinds) kind.giveUp(message);
    flush();
    setConnection({ status: 'closed', lastError: reason, nextRetryAt: null });
  }

  function clearRetry(): void {
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
  }

  /** Close when nothing is live; stop a pending reconnect at once (nothing needs it). */
  function checkIdle(): void {
    if (hasLive()) return stopIdleTimer();
    if (retryTimer !== null) return closed();
    if (conn !== null && idleTimer === null) idleTimer = housekeepingTimer(idleClose, idleTimeoutMs);
  }

  function idleClose(): void {
    idleTimer = null;
    if (hasLive() || conn === null) return;
    endConnection(conn);
    closed();
    considerAllEvictions();
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

  /** Queue a stream for eviction once nobody holds it and it can no longer change (see `evictAfterMs`). */
  function considerEviction(token: string): void {
    if (evictable(token)) evictions.schedule(token);
  }

  function considerAllEvictions(): void {
    for (const token of streams.keys()) considerEviction(token);
    for (const kind of kinds) kind.considerAllEvictions();
  }

  /**
   * Nobody holds it, and it is finished or no connection follows it. A released stream that is still
   * running on the open connection stays: it keeps following its reply, so a remount shows the current
   * text. Once finished it goes, whatever else is live: its subscription on the connection is spent
   * (the server sends nothing more for a finished reply), and a re-subscribe fetches its snapshot.
   */
  function evictable(token: string): boolean {
    if (holders.has(token)) return false;
    const stream = streams.get(token);
    return stream !== undefined && (stream.isDone || conn === null || !conn.sent.has(token));
  }

  function evict(tokens: string[]): void {
    let evicted = false;
    for (const token of tokens) {
      if (!evictable(token)) continue;
      streams.delete(token);
      if (conn !== null && conn.sent.delete(token)) conn.evicted.add(token);
      evicted = true;
    }
    if (evicted) state.publish();
  }

  // ---- public API ----

  const socket: AgentSocket = {
    store: state.store,

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
      const terminal = streams.get(token)?.isDone === true;
      const mustOpen = !terminal && conn === null && retryTimer === null;
      if (mustOpen && resolveConstructor() === undefined) throw new Error(NO_WEBSOCKET);

      const { wasHeld, release } = holders.hold(token, () => {
        live.delete(token);
        idleStreams.delete(token); // the cache only serves tokens someone follows
        considerEviction(token);
        checkIdle();
      });
      evictions.cancel(token);
      if (!terminal) {
        live.add(token);
        stopIdleTimer();
        if (conn !== null) {
          if (conn.evicted.has(token)) {
            // Subscribed here before and evicted since: this connection cannot bring it back.
            if (!wasHeld) {
              enqueue(token, { type: 'local_subscribing', agenttoken: token });
              snapshots.request(token);
            }
          } else if (conn.ready) sendSubscribe(conn, token);
        } else if (retryTimer === null) {
          openConnection();
        }
      }

      return release;
    },

    getStream(agenttoken: string) {
      return streams.get(agenttoken) ?? idleStreams.get(agenttoken);
    },

    watchStream(agenttoken, listener) {
      return streams.watch(agenttoken, listener);
    },

    watchConnection(listener) {
      return state.watchConnection(listener);
    },

    ingest(event: StreamEvent) {
      const problem = streamEventProblem(event);
      if (problem !== null) {
        throw new TypeError(
          `AgentSocket.ingest: ${problem}. Pass an event the reducer can apply (a frame from the wire goes ` +
            'through decodeFrame first).',
        );
      }
      enqueue(event.agenttoken, event);
    },

    reconnectNow() {
      if (conn !== null || !hasLive()) return;
      retryNow();
    },

    close() {
      scheduler.cancel();
      flush();
      stopIdleTimer();
      if (conn !== null) endConnection(conn);
      snapshots.close();
      for (const kind of kinds) kind.close();
      closed();
      reportedStrangers.clear();
      idleStreams.clearUnheld();
      considerAllEvictions();
    },
  };

  const attached = new Map<string, StreamKind>();
  socketCores.set(socket, {
    attach<K extends StreamKind>(name: string, make: (host: KindHost) => K): K {
      let kind = attached.get(name) as K | undefined;
      if (kind === undefined) {
        attached.set(name, (kind = make(host)));
        kinds.push(kind);
      }
      return kind;
    },
  });
  return socket;
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
