import { decodeData, isProtocolError } from '../protocol/decode.js';
import type { AgentLifecycleFrame, ProtocolError } from '../protocol/types.js';
import { housekeepingTimer, type Timer } from './timers.js';
import type { WebSocketLike } from './types.js';

/**
 * Fetches the snapshot of finished replies whose subscription is spent on the open connection.
 *
 * The server answers a repeated `agent_info` on one connection with nothing (it de-duplicates, and there
 * is no unsubscribe). So when a finished stream was evicted and is held again while the connection that
 * subscribed it is still open, its text can only come back over another connection: this one, opened
 * for the purpose, subscribes the wanted tokens, hands their frames on until each is final, then closes.
 * The main connection and its live streams are not disturbed.
 */
export interface SnapshotFetcher {
  /** Fetch `token`'s snapshot (joins the fetch in progress, or starts one). */
  request(token: string): void;
  /** Stop: close the fetch connection; nothing more is delivered or failed. */
  close(): void;
}

/** What a {@link SnapshotFetcher} needs from its socket. */
export interface SnapshotFetcherOptions {
  /** Open a WebSocket to the socket's URL, or `null` when that is impossible. */
  open(): WebSocketLike | null;
  welcomeTimeoutMs: number;
  /** Give up on tokens still without a final frame after this long. */
  timeoutMs: number;
  /** A lifecycle frame for a requested token. */
  deliver(frame: AgentLifecycleFrame): void;
  /** Tokens whose snapshot could not be fetched, and why. */
  fail(tokens: string[], reason: string): void;
  report(error: ProtocolError): void;
}

const OPEN = 1;
const FINAL_SNAPSHOT = /* @__PURE__ */ new Set(['agent_end', 'agent_error', 'agent_cancel', 'unknown']);

interface Fetch {
  ws: WebSocketLike;
  ready: boolean;
  /** Requested and not final yet. */
  wanted: Set<string>;
  sent: Set<string>;
  timers: Timer[];
}

/** Create a {@link SnapshotFetcher}; it opens nothing until the first request. */
export function createSnapshotFetcher(options: SnapshotFetcherOptions): SnapshotFetcher {
  let active: Fetch | null = null;

  function start(): Fetch | null {
    const ws = options.open();
    if (ws === null) return null;
    const f: Fetch = { ws, ready: false, wanted: new Set(), sent: new Set(), timers: [] };
    const ready = (): void => {
      if (f.ready || active !== f) return;
      f.ready = true;
      for (const token of f.wanted) send(f, token);
    };
    ws.onopen = () => {
      if (active === f) f.timers.push(housekeepingTimer(ready, options.welcomeTimeoutMs));
    };
    ws.onmessage = (event) => {
      if (active !== f) return;
      const frame = decodeData(event.data);
      if (isProtocolError(frame)) return options.report(frame);
      if (frame.type === 'connected') return ready();
      if (!('agenttoken' in frame) || !f.sent.has(frame.agenttoken)) return;
      options.deliver(frame);
      if (isFinal(frame)) {
        f.wanted.delete(frame.agenttoken);
        if (f.wanted.size === 0) finish(f, null);
      }
    };
    ws.onerror = () => {};
    ws.onclose = () => finish(f, 'the connection fetching a finished reply closed');
    f.timers.push(housekeepingTimer(() => finish(f, 'fetching a finished reply timed out'), options.timeoutMs));
    return f;
  }

  function send(f: Fetch, token: string): void {
    if (f.sent.has(token) || f.ws.readyState !== OPEN) return;
    try {
      f.ws.send(JSON.stringify({ type: 'agent_info', agenttoken: token }));
      f.sent.add(token);
    } catch {
      // The close that follows fails the token.
    }
  }

  function finish(f: Fetch, reason: string | null): void {
    if (active !== f) return;
    active = null;
    for (const timer of f.timers) clearTimeout(timer);
    f.ws.onopen = f.ws.onmessage = f.ws.onclose = null;
    f.ws.onerror = () => {};
    try {
      f.ws.close(1000, 'snapshot fetched');
    } catch {
      // Never opened: nothing to close.
    }
    if (reason !== null && f.wanted.size > 0) options.fail([...f.wanted], reason);
  }

  return {
    request(token) {
      active ??= start();
      if (active === null) return options.fail([token], 'could not open a connection to fetch a finished reply');
      active.wanted.add(token);
      if (active.ready) send(active, token);
    },
    close() {
      if (active !== null) {
        active.wanted.clear();
        finish(active, null);
      }
    },
  };
}

function isFinal(frame: AgentLifecycleFrame): boolean {
  if (frame.type === 'agent_subscribed') return FINAL_SNAPSHOT.has(frame.status);
  return frame.type === 'agent_end' || frame.type === 'agent_error' || frame.type === 'agent_cancel';
}
