import type { ProtocolError, ServerFrame } from '../protocol/types.js';
import type { TaskEvent, TaskStream } from '../store/task-types.js';
import type { AgentStoreState, AgentStream, ConnectionState, ReadonlyStore, StreamEvent } from '../store/types.js';
import type { TaskRecoveryApi } from './task-recovery.js';

export type { TaskRecoveryApi } from './task-recovery.js';

/**
 * A WebSocket event handler property. Declared as a method signature so parameters compare bivariantly:
 * the browser's `WebSocket`, msw's interceptor and the `ws` package each type their events differently,
 * and all of them must be assignable here without casts.
 */
type SocketHandler<E> = { bivarianceHack(event: E): void }['bivarianceHack'] | null;

/** Minimal WebSocket surface the socket uses: the browser's, Node 22's, `ws`, or msw's interceptor. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: SocketHandler<unknown>;
  onclose: SocketHandler<{ code?: number; reason?: string; wasClean?: boolean }>;
  onerror: SocketHandler<unknown>;
  onmessage: SocketHandler<{ data: unknown }>;
}

/**
 * A WebSocket constructor: `globalThis.WebSocket` (browsers, Node 22, msw's interceptor) or the `ws`
 * package's default export, passed as they are.
 */
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** Reconnect policy after an unexpected close. */
export interface ReconnectOptions {
  /** First delay. Default 1000 ms. */
  initialDelayMs?: number;
  /** Cap on the delay. Default 30000 ms. */
  maxDelayMs?: number;
  /** Growth per attempt. Default 2. */
  factor?: number;
  /** Randomise each delay (full jitter between half and the whole delay). Default `true`. */
  jitter?: boolean;
  /**
   * Give up after this many failed attempts in a row; streams then carry a `connection` error. Default
   * `Infinity`. An attempt that opened but was never healthy (see `healthyAfterMs`) still counts as
   * failed, so a server that accepts the upgrade and closes at once is given up on too.
   */
  maxAttempts?: number;
  /**
   * When a connection counts as healthy: once the server's `connected` welcome or any readable frame
   * arrives on it, or once it has stayed open this long. Default 10000 ms.
   *
   * Guarantee: until a connection is healthy, `attempt` and the delay before the next attempt keep
   * growing (an open alone resets nothing), so a server or load balancer that accepts each upgrade and
   * then closes gets `initialDelayMs`, twice that, … up to `maxDelayMs` between attempts, never a
   * reconnect every second, and `maxAttempts` applies. Only a healthy connection resets `attempt` to 0.
   */
  healthyAfterMs?: number;
}

/** Options of {@link createAgentSocket}. */
export interface AgentSocketOptions {
  /** Socket URL. Default `wss://socket.wiro.ai/v1`. */
  url?: string;
  /**
   * WebSocket constructor. Default: `globalThis.WebSocket`, read when a connection opens (so msw's
   * interceptor, installed later, is honoured). Pass `ws`'s `WebSocket` on Node 20.
   */
  WebSocket?: WebSocketConstructor;
  /** Reconnect policy, or `false` to never reconnect. */
  reconnect?: ReconnectOptions | false;
  /** Close the socket this long after the last live subscription ends. Default 10000 ms. */
  idleTimeoutMs?: number;
  /** How long to wait for the server's `connected` welcome before subscribing anyway. Default 1500 ms. */
  welcomeTimeoutMs?: number;
  /**
   * Evict a stream nobody holds this long after it finished (or after it was released, when that came
   * later). Default 60000 ms.
   *
   * Guarantee: a finished, released stream leaves the store on its own timer whatever else is live, so
   * a long-lived page that streams one reply after another holds only the streams that are held or
   * finished within the last `evictAfterMs`. A late frame for an evicted token is ignored (it is not
   * reported: the token was this socket's). Holding it again brings its final text back from the server:
   * over the open connection when that never subscribed it, otherwise (the server answers a repeated
   * subscribe on one connection with nothing) over a short-lived second connection that closes once the
   * snapshot arrived. A released stream that has not finished keeps following its reply while the
   * connection that subscribed it is open, so a remount shows the current text at once.
   */
  evictAfterMs?: number;
  /**
   * Called once for every frame that could not be read, or that the server sent as `error`.
   * The frame is skipped; other streams are untouched. Never called with a whole agenttoken in `error`.
   * A frame for a token this socket never subscribed is reported once per token; the socket remembers
   * the last 1,024 such tokens only, so a flood of strangers costs no memory (a stranger seen again
   * after 1,024 others may be reported again).
   */
  onProtocolError?: (error: ProtocolError) => void;
  /**
   * Called for every decoded frame, in arrival order, before coalescing (for logging). Model-run frames
   * (`task_*`) are decoded, and reach it, once `withTasks` attached runs to the socket; before that they
   * are reported through `onProtocolError` as unknown frames (a server sends them only for a `task_info`).
   */
  onEvent?: (frame: ServerFrame) => void;
  /**
   * A REST client to recover model runs with: `createAgentApi(…)`'s client (pointed at your proxy), or
   * any object with its `taskDetail` method. Read once runs are followed (`withTasks`, `useTaskStream`,
   * `useRunModel`), and takes precedence over a client given there (`withTasks(socket, { api })`,
   * `useRunModel({ api })`). Without any, runs follow the socket only.
   *
   * Wiro's socket replays nothing for tasks, so what a run did while no connection followed it is known
   * only from Task/Detail. With `api`, each `task_info` the socket sends (the first subscribe, and the
   * re-subscribe of a running run after a reconnect) is followed by one Task/Detail, whose record is
   * applied through `reduceTask` (`local_task_recovered`): the stage, the logs or LLM text, and the result
   * with its outputs when the run ended meanwhile. A result frame without `pexit` is followed by one
   * Task/Detail to learn whether the run succeeded. Nothing is guessed: without an answer, a run keeps
   * what the socket said. A Task/Detail that gets no answer (network, timeout, 5xx, 429) is asked again
   * after 0.5, 1, 2, 4 and 8 s while someone holds the run. Task/Detail answering that it does not know
   * the run makes it `unknown`.
   *
   * Why the client and not a function: it is the object an app already has (the one `useRunModel`
   * runs with), and `taskDetail` keeps its own typing, abort signal and error model.
   */
  api?: TaskRecoveryApi;
  /**
   * How store updates are batched. Default: one per animation frame in browsers (with a timer fallback
   * for hidden tabs), one per microtask elsewhere. `'sync'` applies every frame at once (tests, debugging).
   */
  schedule?: 'animation-frame' | 'microtask' | 'sync' | ((flush: () => void) => void);
}

/** Listener of {@link AgentSocket.watchStream}: the token's stream after a change. */
export type StreamWatcher = (stream: AgentStream) => void;

/** Listener of {@link AgentSocket.watchTask}: the run after a change. */
export type TaskWatcher = (task: TaskStream) => void;

/** Listener of {@link AgentSocket.watchConnection}: the connection state after a change. */
export type ConnectionWatcher = (connection: ConnectionState) => void;

/**
 * One shared WebSocket carrying many agent streams, and model runs (tasks) once `withTasks` attached
 * them. Create with {@link createAgentSocket}.
 */
export interface AgentSocket {
  /**
   * Start following a token. Opens the socket if needed. Reference counted: the subscription
   * (and the stream in the store) stays live until every returned release function has been called.
   * Releasing twice is harmless.
   */
  subscribe(agenttoken: string): () => void;
  /**
   * The current stream of a token (an idle stream when nothing is known yet). The same object until the
   * stream changes, so it can be a `useSyncExternalStore` snapshot. Any string is a token, including
   * `constructor` or `__proto__`.
   */
  getStream(agenttoken: string): AgentStream;
  /**
   * Be told when one token's stream changes: `listener` gets {@link AgentSocket.getStream}'s new value,
   * after the change is visible there. Called once per change that reached this token (one per flush,
   * however many frames the flush applied), never for other tokens' frames, and not for the connection.
   * Its cost does not grow with the number of streams the socket holds. Does not subscribe the token
   * (see {@link AgentSocket.subscribe}); a stream that is evicted calls it once more with the idle stream.
   * A listener that throws does not stop the others (its error is rethrown on a later microtask).
   *
   * @returns the function that stops watching (calling it twice is harmless).
   * @example
   * const release = socket.subscribe(token);
   * const unwatch = socket.watchStream(token, (stream) => render(stream.answer));
   */
  watchStream(agenttoken: string, listener: StreamWatcher): () => void;
  /**
   * Be told when the connection state changes (status, attempt, lastError, nextRetryAt), with the new
   * state; never on stream frames. A listener that throws does not stop the others.
   *
   * @returns the function that stops watching.
   */
  watchConnection(listener: ConnectionWatcher): () => void;
  /**
   * Every stream, every run (`tasks`, empty until `withTasks` attached runs) and the connection state,
   * read-only: `getState()` and `subscribe(listener)`, for devtools and code that wants everything.
   * Streams change only through the socket (frames, `ingest`), so nothing outside can corrupt them.
   *
   * `getState().streams` is built when first read after a change (a frozen record with no prototype,
   * so a token named `constructor` is just a key): reading it costs O(streams), publishing does not.
   * A `subscribe` listener runs on EVERY change of any stream or the connection; to follow one reply
   * use {@link AgentSocket.watchStream}, for the connection {@link AgentSocket.watchConnection}.
   */
  readonly store: ReadonlyStore<AgentStoreState>;
  /** Current connection state (also in `store.getState().connection`). */
  readonly connection: ConnectionState;
  /**
   * Feed an event from another source (polling through Message/Detail, a queued cancel confirmed
   * over REST). Goes through the same reducer and terminal rules as socket frames.
   *
   * Guarantee: the event is checked here, at the call. Anything the reducer could not apply (a wire
   * frame that did not go through `decodeFrame`, a missing field, an unknown type) throws a `TypeError`
   * at once and is not queued, so a later batched flush never throws and never drops another token's
   * event.
   *
   * @throws TypeError when `event` is not a valid {@link StreamEvent}.
   */
  ingest(event: StreamEvent): void;
  /** Reconnect now instead of waiting for the backoff (e.g. when the user clicks "retry"). */
  reconnectNow(): void;
  /**
   * Close the connection now and cancel any pending reconnect; status becomes `closed`. Streams keep
   * their last state. A later `subscribe` opens a fresh connection and re-subscribes every token still held.
   */
  close(): void;
}

/**
 * The model-run (task) methods `withTasks(socket)` adds to a socket: runs follow the same connection,
 * flush, eviction and fault handling as the agent streams.
 */
export interface TaskSocketMethods {
  /**
   * Start following a model run by its tasktoken (Run's `socketaccesstoken`), on the same connection as
   * the agent streams. Opens the socket if needed. Reference counted like `AgentSocket.subscribe`:
   * one `task_info` per token per connection, sent again after a reconnect while the run is not finished;
   * the run stays in the store until every release was called (and then as agent streams do, see
   * `evictAfterMs`). With a REST client (the socket's `api` option, or `withTasks(socket, { api })`),
   * each `task_info` is followed by one Task/Detail (see `AgentSocketOptions.api`).
   *
   * @throws TypeError when `tasktoken` is not a non-empty string; Error when the runtime has no WebSocket.
   * @example
   * const socket = withTasks(createAgentSocket(), { api });
   * const { tasktoken } = await api.run('wiro/flux-dev', { prompt: 'a lighthouse at dusk' });
   * const release = socket.subscribeTask(tasktoken);
   * const unwatch = socket.watchTask(tasktoken, (task) => console.info(task.status, task.progress.percentage));
   */
  subscribeTask(tasktoken: string): () => void;
  /**
   * The current state of a run (an idle run when nothing is known yet). The same object until it changes,
   * so it can be a `useSyncExternalStore` snapshot.
   */
  getTask(tasktoken: string): TaskStream;
  /**
   * Be told when one run changes, with {@link TaskSocketMethods.getTask}'s new value: once per flush that
   * changed it, never for other runs or agent streams. Same guarantees as `AgentSocket.watchStream`; does
   * not subscribe the run.
   *
   * @returns the function that stops watching (calling it twice is harmless).
   */
  watchTask(tasktoken: string, listener: TaskWatcher): () => void;
  /**
   * Feed a run an event from another source (a Task/Detail record you fetched, as
   * `{ type: 'local_task_recovered', tasktoken, record }`). Same reducer and rules as socket frames.
   *
   * @throws TypeError when `event` is not a valid `TaskEvent` (checked at the call, never at a flush).
   */
  ingestTask(event: TaskEvent): void;
}

/** A socket that follows model runs too: what `withTasks(socket)` returns. */
export type TaskSocket = AgentSocket & TaskSocketMethods;
