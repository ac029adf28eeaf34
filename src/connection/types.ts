import type { ProtocolError, ServerFrame } from '../protocol/types.js';
import type { AgentStoreState, AgentStream, ConnectionState, ReadonlyStore, StreamEvent } from '../store/types.js';

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
  /** Give up after this many failed attempts in a row; streams then carry a `connection` error. Default `Infinity`. */
  maxAttempts?: number;
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
  /** Keep a finished stream nobody holds for this long before evicting it from the store. Default 60000 ms. */
  evictAfterMs?: number;
  /**
   * Called once for every frame that could not be read, or that the server sent as `error`.
   * The frame is skipped; other streams are untouched. Never called with a whole agenttoken in `error`.
   */
  onProtocolError?: (error: ProtocolError) => void;
  /** Called for every decoded frame, in arrival order, before coalescing (for logging or task frames). */
  onEvent?: (frame: ServerFrame) => void;
  /**
   * How store updates are batched. Default: one per animation frame in browsers (with a timer fallback
   * for hidden tabs), one per microtask elsewhere. `'sync'` applies every frame at once (tests, debugging).
   */
  schedule?: 'animation-frame' | 'microtask' | 'sync' | ((flush: () => void) => void);
}

/** One shared WebSocket carrying many agent streams. Create with {@link createAgentSocket}. */
export interface AgentSocket {
  /**
   * Start following a token. Opens the socket if needed. Reference counted: the subscription
   * (and the stream in the store) stays live until every returned release function has been called.
   * Releasing twice is harmless.
   */
  subscribe(agenttoken: string): () => void;
  /** The current stream of a token (an idle stream when nothing is known yet). */
  getStream(agenttoken: string): AgentStream;
  /**
   * Every stream and the connection state, read-only: `getState()` and `subscribe(listener)`. Streams
   * change only through the socket (frames, `ingest`), so nothing outside can corrupt them.
   */
  readonly store: ReadonlyStore<AgentStoreState>;
  /** Current connection state (also in `store.getState().connection`). */
  readonly connection: ConnectionState;
  /**
   * Feed an event from another source (polling through Message/Detail, a queued cancel confirmed
   * over REST). Goes through the same reducer and terminal rules as socket frames.
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
