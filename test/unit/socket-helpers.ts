/**
 * Shared helpers of the socket tests: condition waits for real-socket tests and an in-process fake
 * WebSocket for tests that drive timers by hand.
 */
import WebSocket from 'ws';
import {
  createAgentSocket,
  type AgentSocket,
  type AgentSocketOptions,
  type WebSocketConstructor,
  type WebSocketLike,
  type ProtocolError,
  type AgentStoreState,
  type AgentStream,
} from 'wiro-agent-react/core';
import type { MockAgentServer } from 'wiro-agent-react/testing/node';

/** The `ws` client as the socket's constructor. */
export const NodeWebSocket: WebSocketConstructor = WebSocket;

/** Poll `check` (real timers) until it returns a value other than `undefined`/`false`, or fail after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs = 4000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Wait until the store holds a stream for `token` that satisfies `predicate`. */
export function waitForStream(
  socket: AgentSocket,
  token: string,
  predicate: (stream: AgentStream) => boolean,
  what = 'the stream',
): Promise<AgentStream> {
  return waitFor(() => {
    const stream = socket.store.getState().streams[token];
    return stream !== undefined && predicate(stream) ? stream : undefined;
  }, what);
}

/** A socket against a mock server, collecting protocol errors. */
export function socketFor(
  server: MockAgentServer,
  options: AgentSocketOptions = {},
): { socket: AgentSocket; errors: ProtocolError[] } {
  const errors: ProtocolError[] = [];
  const socket = createAgentSocket({
    url: server.url,
    WebSocket: NodeWebSocket,
    reconnect: { initialDelayMs: 5, maxDelayMs: 20 },
    onProtocolError: (error) => errors.push(error),
    ...options,
  });
  return { socket, errors };
}

/** Every answer a token's stream showed, one per store update that changed it. */
export function recordAnswers(socket: AgentSocket, token: string): string[] {
  const seen: string[] = [];
  socket.store.subscribe((state: AgentStoreState, previous: AgentStoreState) => {
    const stream = state.streams[token];
    if (stream !== undefined && stream !== previous.streams[token]) seen.push(stream.answer);
  });
  return seen;
}

/** `agent_info` frames the server received, as `[connection, token]` pairs. */
export function subscribesReceived(server: MockAgentServer): [number, string][] {
  return server
    .received()
    .filter((r) => (r.frame as { type?: unknown }).type === 'agent_info')
    .map((r) => [r.connection, (r.frame as { agenttoken: string }).agenttoken]);
}

/** An in-process WebSocket the test drives by hand: open it, push frames, close it, read what was sent. */
export class FakeWebSocket implements WebSocketLike {
  /** Every instance, in creation order. */
  static instances: FakeWebSocket[] = [];
  static reset(): void {
    FakeWebSocket.instances = [];
  }
  static last(): FakeWebSocket {
    const ws = FakeWebSocket.instances[FakeWebSocket.instances.length - 1];
    if (ws === undefined) throw new Error('no FakeWebSocket was created');
    return ws;
  }

  readyState = 0;
  readonly sent: unknown[] = [];
  closedByClient = false;
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: { code?: number; reason?: string; wasClean?: boolean }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;

  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this);
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data) as unknown);
  }

  close(): void {
    this.closedByClient = true;
    this.readyState = 3;
  }

  /** Tokens subscribed through this socket. */
  subscribed(): string[] {
    return this.sent
      .filter((f) => (f as { type?: unknown }).type === 'agent_info')
      .map((f) => (f as { agenttoken: string }).agenttoken);
  }

  open(welcome = true): void {
    this.readyState = 1;
    this.onopen?.({});
    if (welcome) this.receive({ type: 'connected', version: '1.0' });
  }

  receive(frame: unknown): void {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }

  /** The server or network ends the connection. */
  drop(code = 1006): void {
    this.readyState = 3;
    this.onerror?.({});
    this.onclose?.({ code, reason: '', wasClean: false });
  }
}

/** A wire `agent_output` frame with the full text so far. */
export function outputFrame(agenttoken: string, raw: string): Record<string, unknown> {
  return {
    type: 'agent_output',
    agenttoken,
    message: {
      type: 'progressGenerate',
      raw,
      thinking: [],
      answer: [raw],
      isThinking: false,
      speed: '10.0',
      elapsedTime: '1.0s',
    },
    result: true,
  };
}
