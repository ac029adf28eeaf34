/**
 * Shared pieces of the React binding tests (test/dom/react-*.test.tsx): options for sockets that talk to
 * the real mock server over `ws`, frame counting on the server side, an error boundary that records what
 * it caught, and a socket wrapper that logs subscribe/release.
 */
import { cleanup } from '@testing-library/react';
import { Component, type ReactNode } from 'react';
import { afterEach, beforeEach } from 'vitest';
import WebSocket from 'ws';
import {
  withTasks,
  type AgentSocket,
  type AgentSocketOptions,
  type TaskSocket,
  type WebSocketConstructor,
} from 'wiro-agent-react/core';
import { wireProgress } from 'wiro-agent-react/testing';
import { startMockAgentServer, type MockAgentServer } from 'wiro-agent-react/testing/node';

/** The `ws` client: jsdom's own WebSocket would work too, but `ws` is what the Node tests use. */
export const NodeWebSocket: WebSocketConstructor = WebSocket;

/** Generous waits: these files run in parallel with the rest of the suite on two cores. */
export const WAIT = { timeout: 10_000, interval: 5 } as const;

/**
 * Options for a socket on `server`: `ws` as the constructor, one store flush per microtask (so a test's
 * `waitFor` sees each frame without depending on jsdom's 60 Hz animation-frame timer), quick reconnects.
 */
export function serverOptions(server: MockAgentServer, extra: AgentSocketOptions = {}): AgentSocketOptions {
  return {
    url: server.url,
    WebSocket: NodeWebSocket,
    schedule: 'microtask',
    reconnect: { initialDelayMs: 5, maxDelayMs: 20, jitter: false },
    ...extra,
  };
}

/** `agent_info` frames the server received, as `[connection, token]` pairs, optionally for one token. */
export function agentInfos(server: MockAgentServer, token?: string): [number, string][] {
  return server
    .received()
    .filter((r) => (r.frame as { type?: unknown }).type === 'agent_info')
    .map((r): [number, string] => [r.connection, (r.frame as { agenttoken: string }).agenttoken])
    .filter(([, t]) => token === undefined || t === token);
}

/** A wire `agent_output` frame carrying the full text so far, as Wiro sends it. */
export function outputFrame(agenttoken: string, raw: string): string {
  return JSON.stringify({ type: 'agent_output', agenttoken, message: wireProgress(raw, 100), result: true });
}

/** An error boundary that records every error it caught (the tests assert it caught none). */
export class RecordingBoundary extends Component<{ caught: unknown[]; children?: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override componentDidCatch(error: unknown): void {
    this.props.caught.push(error);
  }
  override render(): ReactNode {
    return this.state.failed ? <p role="alert">boundary caught an error</p> : this.props.children;
  }
}

/** What a {@link loggingSocket} saw: `+token` for a subscribe, `-token` for a release. */
export type SubscriptionLog = string[];

/**
 * Wrap a socket so every subscribe and release is logged. The wrapper is what the provider gets, so the
 * log is exactly what the React layer asked of the socket. It has task methods of its own (logging
 * `+task:` / `-task:`), so `withTasks` uses it as it is; they follow runs on the wrapped socket.
 */
export function loggingSocket(plain: AgentSocket, log: SubscriptionLog): TaskSocket {
  const socket = withTasks(plain);
  return {
    store: socket.store,
    get connection() {
      return socket.connection;
    },
    subscribe(token) {
      log.push(`+${token}`);
      const release = socket.subscribe(token);
      return () => {
        log.push(`-${token}`);
        release();
      };
    },
    getStream: (token) => socket.getStream(token),
    watchStream: (token, listener) => socket.watchStream(token, listener),
    watchConnection: (listener) => socket.watchConnection(listener),
    ingest: (event) => socket.ingest(event),
    subscribeTask(token) {
      log.push(`+task:${token}`);
      const release = socket.subscribeTask(token);
      return () => {
        log.push(`-task:${token}`);
        release();
      };
    },
    getTask: (token) => socket.getTask(token),
    watchTask: (token, listener) => socket.watchTask(token, listener),
    ingestTask: (event) => socket.ingestTask(event),
    reconnectNow: () => socket.reconnectNow(),
    close: () => socket.close(),
  };
}

/** Tokens held right now according to a {@link SubscriptionLog} (subscribes minus releases). */
export function heldTokens(log: SubscriptionLog): Map<string, number> {
  const held = new Map<string, number>();
  for (const entry of log) {
    const token = entry.slice(1);
    const n = (held.get(token) ?? 0) + (entry.startsWith('+') ? 1 : -1);
    if (n === 0) held.delete(token);
    else held.set(token, n);
  }
  return held;
}

/**
 * A `ws` constructor that counts the connections it opened: the client's own view of "one socket",
 * which also counts a connection that was closed before it could send anything.
 */
export function countingWebSocket(): { WebSocket: WebSocketConstructor; opened: () => number; messages: () => number } {
  let opened = 0;
  let messages = 0;
  class Counting extends WebSocket {
    constructor(url: string) {
      super(url);
      opened++;
      // A listener beside the socket's own `onmessage`: counts every frame that reached the client.
      this.on('message', () => {
        messages++;
      });
    }
  }
  return { WebSocket: Counting, opened: () => opened, messages: () => messages };
}

/** Poll `check` on real timers until it is true; fails after `timeoutMs` (a wait for a state, not a timing goal). */
export async function until(check: () => boolean, what: string, timeoutMs = WAIT.timeout): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/**
 * A fresh mock agent server for every test of the calling file, handed to `use`. After each test the
 * tree is unmounted first, so sockets closing with the server update nothing still mounted.
 */
export function mockServerPerTest(use: (server: MockAgentServer) => void): void {
  let server: MockAgentServer | undefined;
  beforeEach(async () => {
    server = await startMockAgentServer();
    use(server);
  });
  afterEach(async () => {
    cleanup();
    await server?.close();
  });
}
