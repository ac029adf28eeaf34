/**
 * Per-token subscriptions (issue 12): `watchStream` hears only its token, `watchConnection` only the
 * connection, and the whole-store view `socket.store` keeps working for code that wants everything.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createAgentSocket,
  type AgentSocketOptions,
  type AgentStoreState,
  type AgentStream,
  type ConnectionState,
  type WebSocketConstructor,
} from 'wiro-agent-react/core';
import { startMockAgentServer, type MockAgentServer } from 'wiro-agent-react/testing/node';
import { FakeWebSocket, outputFrame, socketFor, waitFor } from './socket-helpers';

const T = 'aB3xK9mR2pLqWzVn7tYhCd5sFgJkNb';
const U = 'uV7yQ2wE4rT6yU8iO0pA1sD3fG5hJk';

function make(options: AgentSocketOptions = {}) {
  return createAgentSocket({
    url: 'ws://fake/v1',
    WebSocket: FakeWebSocket as unknown as WebSocketConstructor,
    schedule: 'sync',
    ...options,
  });
}

describe('watchStream and watchConnection (fake socket)', () => {
  beforeEach(() => {
    FakeWebSocket.reset();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it("calls a token's watchers with its new stream, and nobody else's", () => {
    const socket = make();
    socket.subscribe(T);
    socket.subscribe(U);
    const ws = FakeWebSocket.last();
    ws.open();
    const onT: string[] = [];
    const onU: string[] = [];
    const connection: ConnectionState[] = [];
    socket.watchStream(T, (s) => onT.push(s.answer));
    socket.watchStream(U, (s) => onU.push(s.answer));
    socket.watchConnection((c) => connection.push(c));

    ws.receive(outputFrame(T, 'one'));
    ws.receive(outputFrame(T, 'one two'));
    ws.receive(outputFrame(T, 'one two')); // no change: no call
    expect(onT).toEqual(['one', 'one two']);
    expect(onU).toEqual([]);
    expect(connection).toEqual([]);
    expect(socket.getStream(T).answer).toBe('one two');
  });

  it('coalesced: one call per flush however many frames it applied', () => {
    const flushes: (() => void)[] = [];
    const socket = make({ schedule: (flush) => flushes.push(flush) });
    socket.subscribe(T);
    const ws = FakeWebSocket.last();
    ws.open();
    for (const f of flushes.splice(0)) f();
    const seen: AgentStream[] = [];
    socket.watchStream(T, (s) => seen.push(s));
    for (let i = 1; i <= 20; i++) ws.receive(outputFrame(T, 'x'.repeat(i)));
    expect(seen).toEqual([]);
    for (const f of flushes.splice(0)) f();
    expect(seen.map((s) => s.raw)).toEqual(['x'.repeat(20)]);
    expect(seen[0]).toBe(socket.getStream(T));
  });

  it('watchConnection hears every connection change and no frame', () => {
    const socket = make({ reconnect: { initialDelayMs: 100, jitter: false } });
    const seen: string[] = [];
    const stop = socket.watchConnection((c) => seen.push(`${c.status}/${c.attempt}`));
    socket.subscribe(T);
    const ws = FakeWebSocket.last();
    ws.open();
    ws.receive(outputFrame(T, 'text'));
    ws.drop();
    vi.advanceTimersByTime(100);
    FakeWebSocket.last().open();
    expect(seen).toEqual(['connecting/0', 'open/0', 'reconnecting/1', 'reconnecting/1', 'open/1', 'open/0']);
    stop();
    socket.close();
    expect(seen).toHaveLength(6);
  });

  it('an evicted stream calls its watchers once more, with the idle stream', () => {
    const socket = make({ evictAfterMs: 100 });
    const seen: string[] = [];
    socket.watchStream(T, (s) => seen.push(s.status));
    socket.ingest({ type: 'agent_cancel', agenttoken: T, message: 'AbortError', result: false });
    vi.advanceTimersByTime(100);
    expect(seen).toEqual(['agent_cancel', 'idle']);
    expect(socket.getStream(T).status).toBe('idle');
  });

  it('the whole-store view: same streams object while only the connection changes, previous state exact', () => {
    const socket = make();
    const states: [AgentStoreState, AgentStoreState][] = [];
    socket.store.subscribe((state, previous) => states.push([state, previous]));
    socket.subscribe(T);
    const ws = FakeWebSocket.last();
    ws.open();
    ws.receive(outputFrame(T, 'Hel'));
    ws.receive(outputFrame(T, 'Hello'));
    const answers = states.map(([s, p]) => [p.streams[T]?.answer ?? null, s.streams[T]?.answer ?? null]);
    expect(answers).toEqual([
      [null, null], // connecting
      [null, null], // open (healthy at once: attempt was 0 already, so no change to tell)
      [null, ''], // subscribing
      ['', 'Hel'],
      ['Hel', 'Hello'],
    ]);
    const [connecting, open] = states;
    expect(connecting?.[0].streams).toBe(open?.[0].streams);
    expect(socket.store.getState()).toBe(socket.store.getState());
    expect(socket.store.getState().connection).toBe(socket.connection);
  });

  it('a frame for one token of 10,000 watched ones calls one watcher', () => {
    const socket = make();
    const tokens = Array.from({ length: 10_000 }, (_, i) => `token-${String(i).padStart(5, '0')}-padding-padding`);
    let calls = 0;
    for (const token of tokens) {
      socket.subscribe(token);
      socket.watchStream(token, () => calls++);
    }
    const ws = FakeWebSocket.last();
    ws.open();
    calls = 0;
    ws.receive(outputFrame(tokens[1234] as string, 'only me'));
    expect(calls).toBe(1);
  });
});

describe('watchStream over the real mock server', () => {
  let server: MockAgentServer;
  beforeEach(async () => {
    server = await startMockAgentServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('streams to the exact text, each watcher hearing only its reply', async () => {
    const texts = ['first reply streaming here', 'second reply, a different one'];
    const tokens = texts.map(
      (text) => server.createMessage({ text, intervalMs: 2, queueMs: 2, chunkChars: 4 }).agenttoken,
    );
    const { socket } = socketFor(server);
    const heard = tokens.map(() => [] as string[]);
    tokens.forEach((token, i) => {
      socket.watchStream(token, (s) => (heard[i] as string[]).push(s.agenttoken));
      socket.subscribe(token);
    });
    await waitFor(() => tokens.every((t) => socket.getStream(t).isDone), 'both replies');
    tokens.forEach((token, i) => {
      expect(socket.getStream(token).answer).toBe(texts[i]);
      expect(new Set(heard[i])).toEqual(new Set([token]));
    });
    socket.close();
  });
});
