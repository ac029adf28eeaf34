/**
 * createAgentSocket driven by an in-process fake WebSocket and vitest fake timers: welcome timing,
 * backoff, give-up, online, idle close, eviction and coalescing, with no network involved.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createAgentSocket,
  type AgentSocketOptions,
  type WebSocketConstructor,
  type ProtocolError,
  type ServerFrame,
  type AgentProgress,
} from 'wiro-agent-react/core';
import { FakeWebSocket, outputFrame } from './socket-helpers';

const T = 'aB3xK9mR2pLqWzVn7tYhCd5sFgJkNb';
const U = 'uV7yQ2wE4rT6yU8iO0pA1sD3fG5hJk';

function make(options: AgentSocketOptions = {}) {
  const errors: ProtocolError[] = [];
  const socket = createAgentSocket({
    url: 'ws://fake/v1',
    WebSocket: FakeWebSocket as unknown as WebSocketConstructor,
    schedule: 'sync',
    reconnect: { initialDelayMs: 1000, maxDelayMs: 30_000, jitter: false },
    onProtocolError: (e) => errors.push(e),
    ...options,
  });
  return { socket, errors };
}

beforeEach(() => {
  FakeWebSocket.reset();
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('opening and subscribing', () => {
  it('opens lazily and waits for the welcome before sending agent_info', () => {
    const { socket } = make();
    expect(FakeWebSocket.instances).toHaveLength(0);
    socket.subscribe(T);
    const ws = FakeWebSocket.last();
    expect(socket.connection.status).toBe('connecting');
    ws.open(false);
    expect(socket.connection.status).toBe('open');
    expect(ws.sent).toEqual([]);
    ws.receive({ type: 'connected', version: '1.0' });
    expect(ws.sent).toEqual([{ type: 'agent_info', agenttoken: T }]);
    expect(socket.getStream(T).status).toBe('subscribing');
  });

  it('subscribes anyway after welcomeTimeoutMs when no welcome comes', () => {
    const { socket } = make({ welcomeTimeoutMs: 300 });
    socket.subscribe(T);
    const ws = FakeWebSocket.last();
    ws.open(false);
    vi.advanceTimersByTime(299);
    expect(ws.subscribed()).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(ws.subscribed()).toEqual([T]);
    // A late welcome changes nothing.
    ws.receive({ type: 'connected', version: '1.0' });
    expect(ws.subscribed()).toEqual([T]);
  });

  it('reads the global WebSocket when the connection opens, not when the socket is created', () => {
    const socket = createAgentSocket({ url: 'ws://fake/v1', schedule: 'sync' });
    vi.stubGlobal('WebSocket', FakeWebSocket);
    socket.subscribe(T);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('sends agent_info once per token per connection, and again on the next connection', () => {
    const { socket } = make();
    const a = socket.subscribe(T);
    socket.subscribe(T);
    const ws = FakeWebSocket.last();
    ws.open();
    a();
    socket.subscribe(T);
    socket.subscribe(U);
    expect(ws.subscribed()).toEqual([T, U]);

    ws.drop();
    vi.advanceTimersByTime(1000);
    const next = FakeWebSocket.last();
    expect(next).not.toBe(ws);
    next.open();
    expect(next.subscribed().sort()).toEqual([T, U].sort());
  });

  it('returns the same idle stream object for an unknown token on every call', () => {
    const { socket } = make();
    const first = socket.getStream(T);
    expect(first.status).toBe('idle');
    expect(socket.getStream(T)).toBe(first);
  });
});

describe('reconnecting', () => {
  it('backs off 1 s doubling to the cap, counting attempts, and resets after a successful open', () => {
    const { socket } = make({ reconnect: { initialDelayMs: 1000, maxDelayMs: 4000, jitter: false } });
    socket.subscribe(T);
    FakeWebSocket.last().open();
    FakeWebSocket.last().drop();

    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const c = socket.connection;
      expect(c.status).toBe('reconnecting');
      expect(c.attempt).toBe(i + 1);
      waits.push((c.nextRetryAt as number) - Date.now());
      const before = FakeWebSocket.instances.length;
      vi.advanceTimersByTime((c.nextRetryAt as number) - Date.now() - 1);
      expect(FakeWebSocket.instances.length).toBe(before);
      vi.advanceTimersByTime(1);
      expect(FakeWebSocket.instances.length).toBe(before + 1);
      FakeWebSocket.last().drop(); // fails before opening
    }
    expect(waits).toEqual([1000, 2000, 4000, 4000]);

    vi.advanceTimersByTime(4000);
    FakeWebSocket.last().open();
    expect(socket.connection).toEqual({ status: 'open', attempt: 0, lastError: null, nextRetryAt: null });
  });

  it('gives up after maxAttempts: streams carry a connection error and status is closed', () => {
    const { socket } = make({ reconnect: { initialDelayMs: 10, maxAttempts: 2, jitter: false } });
    socket.subscribe(T);
    FakeWebSocket.last().open();
    FakeWebSocket.last().receive(outputFrame(T, 'partial'));
    FakeWebSocket.last().drop();
    vi.advanceTimersByTime(10);
    FakeWebSocket.last().drop();
    vi.advanceTimersByTime(20);
    FakeWebSocket.last().drop();

    expect(socket.connection.status).toBe('closed');
    expect(socket.connection.lastError).toMatch(/could not connect/);
    const stream = socket.getStream(T);
    expect(stream.error?.kind).toBe('connection');
    expect(stream.answer).toBe('partial');
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.instances).toHaveLength(3);

    // A user's retry starts over and clears the error once subscribed.
    socket.reconnectNow();
    FakeWebSocket.last().open();
    expect(FakeWebSocket.instances).toHaveLength(4);
    expect(socket.getStream(T).error).toBeNull();
  });

  it('reconnect: false closes with the error instead of retrying', () => {
    const { socket } = make({ reconnect: false });
    socket.subscribe(T);
    FakeWebSocket.last().open();
    FakeWebSocket.last().drop();
    expect(socket.connection.status).toBe('closed');
    expect(socket.getStream(T).error?.kind).toBe('connection');
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('reconnectNow skips the wait', () => {
    const { socket } = make();
    socket.subscribe(T);
    FakeWebSocket.last().open();
    FakeWebSocket.last().drop();
    expect(FakeWebSocket.instances).toHaveLength(1);
    socket.reconnectNow();
    expect(FakeWebSocket.instances).toHaveLength(2);
    expect(socket.connection.nextRetryAt).toBeNull();
  });

  it("reconnects at once on the browser's online event, and stops listening on close", () => {
    const target = new EventTarget();
    vi.stubGlobal('window', target);
    const { socket } = make();
    socket.subscribe(T);
    FakeWebSocket.last().open();
    FakeWebSocket.last().drop();
    target.dispatchEvent(new Event('online'));
    expect(FakeWebSocket.instances).toHaveLength(2);

    FakeWebSocket.last().drop();
    socket.close();
    target.dispatchEvent(new Event('online'));
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  it('stops reconnecting when nothing is live any more', () => {
    const { socket } = make();
    const release = socket.subscribe(T);
    FakeWebSocket.last().open();
    FakeWebSocket.last().drop();
    expect(socket.connection.status).toBe('reconnecting');
    release();
    expect(socket.connection).toEqual({ status: 'closed', attempt: 0, lastError: null, nextRetryAt: null });
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('recovers text from the agent_subscribed snapshot without doubling it', () => {
    const { socket } = make();
    socket.subscribe(T);
    FakeWebSocket.last().open();
    FakeWebSocket.last().receive(outputFrame(T, 'Hello wor'));
    FakeWebSocket.last().drop();
    vi.advanceTimersByTime(1000);
    const ws = FakeWebSocket.last();
    ws.open();
    ws.receive({
      type: 'agent_subscribed',
      agenttoken: T,
      status: 'agent_output',
      debugoutput: 'Hello world, again',
      result: true,
    });
    expect(socket.getStream(T).answer).toBe('Hello world, again');
    ws.receive(outputFrame(T, 'Hello world, again and more'));
    expect(socket.getStream(T).answer).toBe('Hello world, again and more');
  });
});

describe('idle close and eviction', () => {
  it('closes idleTimeoutMs after the last live stream is released', () => {
    const { socket } = make({ idleTimeoutMs: 500 });
    const release = socket.subscribe(T);
    const ws = FakeWebSocket.last();
    ws.open();
    release();
    vi.advanceTimersByTime(499);
    expect(ws.closedByClient).toBe(false);
    // Held again in time: the timer is cancelled.
    const again = socket.subscribe(T);
    vi.advanceTimersByTime(1000);
    expect(ws.closedByClient).toBe(false);
    again();
    vi.advanceTimersByTime(500);
    expect(ws.closedByClient).toBe(true);
    expect(socket.connection.status).toBe('closed');
    expect(socket.connection.lastError).toBeNull();
  });

  it('closes when a held stream finishes (finished streams are not live)', () => {
    const { socket } = make({ idleTimeoutMs: 100 });
    socket.subscribe(T);
    const ws = FakeWebSocket.last();
    ws.open();
    ws.receive({ type: 'agent_cancel', agenttoken: T, message: 'AbortError', result: false });
    vi.advanceTimersByTime(100);
    expect(ws.closedByClient).toBe(true);
  });

  it('evicts a finished, released stream on its own timer while the connection stays open for another', () => {
    const { socket, errors } = make({ evictAfterMs: 1000, idleTimeoutMs: 60_000 });
    const release = socket.subscribe(T);
    socket.subscribe(U); // keeps the connection live
    const ws = FakeWebSocket.last();
    ws.open();
    ws.receive({ type: 'agent_end', agenttoken: T, message: { raw: 'final' }, result: true });
    release();
    vi.advanceTimersByTime(999);
    expect(socket.store.getState().streams[T]?.answer).toBe('final');
    vi.advanceTimersByTime(1);
    expect(socket.store.getState().streams[T]).toBeUndefined();
    // Still held: subscribed on the open connection, waiting for its first frame.
    expect(socket.store.getState().streams[U]).toMatchObject({ agenttoken: U, status: 'subscribing', isDone: false });
    expect(socket.connection.status).toBe('open');

    // A late frame for the evicted token is ignored and not reported.
    ws.receive({ type: 'agent_end', agenttoken: T, message: { raw: 'late' }, result: true });
    expect(socket.store.getState().streams[T]).toBeUndefined();
    expect(errors).toEqual([]);

    // Held again: the open connection cannot answer (the server de-duplicates), a second one fetches it.
    socket.subscribe(T);
    expect(ws.subscribed()).toEqual([T, U]);
    expect(socket.getStream(T).status).toBe('subscribing');
    const fetch = FakeWebSocket.last();
    expect(fetch).not.toBe(ws);
    fetch.open();
    expect(fetch.subscribed()).toEqual([T]);
    fetch.receive({ type: 'agent_subscribed', agenttoken: T, status: 'agent_end', debugoutput: 'final', result: true });
    expect(socket.getStream(T)).toMatchObject({ status: 'agent_end', answer: 'final' });
    expect(fetch.closedByClient).toBe(true);
    expect(ws.closedByClient).toBe(false);
  });

  it('a fetch that fails leaves the stream with a connection error, not waiting forever', () => {
    const { socket } = make({ evictAfterMs: 10, idleTimeoutMs: 60_000 });
    const release = socket.subscribe(T);
    socket.subscribe(U);
    const ws = FakeWebSocket.last();
    ws.open();
    ws.receive({ type: 'agent_cancel', agenttoken: T, message: 'AbortError', result: false });
    release();
    vi.advanceTimersByTime(10);
    socket.subscribe(T);
    FakeWebSocket.last().drop();
    expect(socket.getStream(T).error?.kind).toBe('connection');
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  it('keeps a released stream that is still running on the open connection, and evicts it after close', () => {
    const { socket } = make({ evictAfterMs: 1000, idleTimeoutMs: 60_000 });
    const release = socket.subscribe(T);
    socket.subscribe(U);
    const ws = FakeWebSocket.last();
    ws.open();
    ws.receive(outputFrame(T, 'running'));
    release();
    vi.advanceTimersByTime(5000);
    ws.receive(outputFrame(T, 'running on'));
    expect(socket.store.getState().streams[T]?.answer).toBe('running on');

    socket.close();
    vi.advanceTimersByTime(999);
    expect(socket.store.getState().streams[T]).toMatchObject({ agenttoken: T, answer: 'running on' });
    vi.advanceTimersByTime(1);
    expect(socket.store.getState().streams[T]).toBeUndefined();
    // Still held: its record outlives the closed connection.
    expect(socket.store.getState().streams[U]).toMatchObject({ agenttoken: U, isDone: false });
  });

  it('does not evict a stream that is held again before the grace period ends', () => {
    const { socket } = make({ evictAfterMs: 1000 });
    socket.ingest({ type: 'agent_cancel', agenttoken: T, message: 'AbortError', result: false });
    expect(socket.getStream(T).status).toBe('agent_cancel');
    vi.advanceTimersByTime(900);
    const release = socket.subscribe(T);
    vi.advanceTimersByTime(5000);
    expect(socket.store.getState().streams[T]?.status).toBe('agent_cancel');
    // Finished already: holding it needs no connection.
    expect(FakeWebSocket.instances).toHaveLength(0);
    release();
    vi.advanceTimersByTime(1000);
    expect(socket.store.getState().streams[T]).toBeUndefined();
  });

  it('close() keeps streams, and a later subscribe reopens and re-subscribes every held token', () => {
    const { socket } = make();
    socket.subscribe(T);
    FakeWebSocket.last().open();
    FakeWebSocket.last().receive(outputFrame(T, 'so far'));
    socket.close();
    expect(FakeWebSocket.last().closedByClient).toBe(true);
    expect(socket.getStream(T).answer).toBe('so far');

    socket.subscribe(U);
    const next = FakeWebSocket.last();
    next.open();
    expect(next.subscribed().sort()).toEqual([T, U].sort());
  });
});

describe('coalescing', () => {
  function manual() {
    const flushes: (() => void)[] = [];
    const made = make({ schedule: (flush) => flushes.push(flush) });
    let updates = 0;
    made.socket.store.subscribe(() => updates++);
    const runFlushes = (): void => {
      for (const flush of flushes.splice(0)) flush();
    };
    return { ...made, flushes, runFlushes, updates: () => updates };
  }

  it('applies many outputs as one store update with the newest text', () => {
    const { socket, flushes, runFlushes, updates } = manual();
    socket.subscribe(T);
    const ws = FakeWebSocket.last();
    ws.open();
    runFlushes();
    const before = updates();
    let text = '';
    for (let i = 0; i < 50; i++) {
      text += `word${i} `;
      ws.receive(outputFrame(T, text));
    }
    expect(flushes).toHaveLength(1);
    expect(socket.getStream(T).answer).toBe('');
    runFlushes();
    expect(updates() - before).toBe(1);
    expect(socket.getStream(T).answer).toBe(text);
  });

  it('keeps lifecycle frames in order around coalesced outputs', () => {
    const { socket, runFlushes } = manual();
    socket.subscribe(T);
    socket.subscribe(U);
    const ws = FakeWebSocket.last();
    ws.open();
    ws.receive({ type: 'agent_subscribed', agenttoken: T, status: 'agent_queue', debugoutput: '', result: true });
    ws.receive({ type: 'agent_start', agenttoken: T, message: '', result: true });
    ws.receive(outputFrame(T, 'one'));
    ws.receive(outputFrame(U, 'other stream'));
    ws.receive(outputFrame(T, 'one two'));
    ws.receive({ type: 'agent_cancel', agenttoken: T, message: 'AbortError', result: false });
    ws.receive(outputFrame(T, 'one two three (after the cancel: ignored)'));
    runFlushes();
    const t = socket.getStream(T);
    expect(t.status).toBe('agent_cancel');
    expect(t.answer).toBe('one two');
    expect(socket.getStream(U).answer).toBe('other stream');
  });

  it('calls onEvent for every frame even when outputs are coalesced', () => {
    const seen: ServerFrame[] = [];
    const flushes: (() => void)[] = [];
    const { socket } = make({ schedule: (f) => flushes.push(f), onEvent: (f) => seen.push(f) });
    socket.subscribe(T);
    const ws = FakeWebSocket.last();
    ws.open();
    for (let i = 1; i <= 10; i++) ws.receive(outputFrame(T, 'x'.repeat(i)));
    expect(seen.filter((f) => f.type === 'agent_output')).toHaveLength(10);
    for (const flush of flushes.splice(0)) flush();
    expect(socket.getStream(T).raw).toBe('x'.repeat(10));
  });

  it('drops a malformed output superseded before the flush, and reports one that would be applied', () => {
    const { socket, errors, runFlushes } = manual();
    socket.subscribe(T);
    const ws = FakeWebSocket.last();
    ws.open();
    ws.receive({ type: 'agent_output', agenttoken: T, message: { raw: 1 }, result: true });
    ws.receive(outputFrame(T, 'good'));
    runFlushes();
    expect(errors).toEqual([]);
    expect(socket.getStream(T).answer).toBe('good');

    ws.receive({ type: 'agent_output', agenttoken: T, message: { raw: 1 }, result: true });
    runFlushes();
    expect(errors.map((e) => e.error)).toEqual(['agent_output.message.raw must be a string (got number)']);
    expect(socket.getStream(T).answer).toBe('good');
  });

  it('reports an output cut off in transit even when a newer output supersedes it', () => {
    const { socket, errors, runFlushes } = manual();
    socket.subscribe(T);
    const ws = FakeWebSocket.last();
    ws.open();
    const whole = JSON.stringify(outputFrame(T, 'good so far'));
    ws.receive(whole.slice(0, whole.length - 12));
    ws.receive(outputFrame(T, 'good so far, and more'));
    runFlushes();
    expect(errors).toHaveLength(1);
    expect(errors[0]?.error).toMatch(/JSON/i);
    expect(socket.getStream(T).answer).toBe('good so far, and more');
  });

  it('does not publish a new streams object when nothing changed, and keeps untouched streams', () => {
    const { socket, runFlushes } = manual();
    socket.subscribe(T);
    socket.subscribe(U);
    const ws = FakeWebSocket.last();
    ws.open();
    ws.receive(outputFrame(T, 'a'));
    ws.receive(outputFrame(U, 'b'));
    runFlushes();
    const streams = socket.store.getState().streams;
    ws.receive(outputFrame(T, 'a')); // same text again
    runFlushes();
    expect(socket.store.getState().streams).toBe(streams);
    ws.receive(outputFrame(T, 'ab'));
    runFlushes();
    expect(socket.store.getState().streams[U]).toBe(streams[U]);
  });

  it('ingest goes through the same queue and terminal rules', () => {
    const { socket, runFlushes } = manual();
    socket.ingest({ type: 'agent_end', agenttoken: T, message: progress('final'), result: true });
    socket.ingest({ type: 'agent_output', agenttoken: T, message: progress('late'), result: true });
    expect(socket.getStream(T).status).toBe('idle');
    runFlushes();
    expect(socket.getStream(T).answer).toBe('final');
  });

  it('flushes per microtask by default in Node', async () => {
    vi.useRealTimers();
    const { socket } = make({ schedule: undefined });
    let updates = 0;
    socket.store.subscribe(() => updates++);
    for (let i = 1; i <= 5; i++)
      socket.ingest({ type: 'agent_output', agenttoken: T, message: progress('y'.repeat(i)), result: true });
    expect(updates).toBe(0);
    await Promise.resolve();
    expect(updates).toBe(1);
    expect(socket.getStream(T).raw).toBe('yyyyy');
  });
});

function progress(raw: string): AgentProgress {
  return {
    raw,
    thinking: [],
    answer: [raw],
    segments: [{ kind: 'answer', text: raw }],
    isThinking: false,
    metrics: { speed: null, speedType: null, elapsedMs: null, tokenCount: null, wordCount: null },
  };
}

describe("schedule: 'sync'", () => {
  it('publishes every frame before it returns, in order, replacing only the stream it changed', () => {
    const { socket } = make();
    socket.subscribe(T);
    socket.subscribe(U);
    const ws = FakeWebSocket.last();
    ws.open();
    ws.receive(outputFrame(U, 'other stream'));
    const before = socket.store.getState().streams;
    const other = before[U];
    const seen: string[] = [];
    socket.store.subscribe((s) => seen.push(`${s.streams[T]?.status}:${s.streams[T]?.answer}`));

    ws.receive({ type: 'agent_subscribed', agenttoken: T, status: 'agent_queue', debugoutput: '', result: true });
    ws.receive({ type: 'agent_start', agenttoken: T, message: '', result: true });
    ws.receive(outputFrame(T, 'Hel'));
    ws.receive(outputFrame(T, 'Hel')); // no change: no publish
    ws.receive(outputFrame(T, 'Hello'));
    ws.receive({ type: 'agent_end', agenttoken: T, message: { raw: 'Hello' }, result: true });
    ws.receive(outputFrame(T, 'Hello again (after the end: ignored)'));

    expect(seen).toEqual(['agent_queue:', 'agent_start:', 'agent_output:Hel', 'agent_output:Hello', 'agent_end:Hello']);
    const after = socket.store.getState().streams;
    expect(after).not.toBe(before);
    expect(after[U]).toBe(other);
    // The earlier record was replaced, not changed.
    expect(before[T]?.status).toBe('subscribing');
  });

  it('applies an event a listener ingests during a publish, losing neither update', () => {
    const { socket } = make();
    socket.subscribe(T);
    socket.subscribe(U);
    const ws = FakeWebSocket.last();
    ws.open();
    let ingested = false;
    socket.store.subscribe((s) => {
      if (ingested || s.streams[T]?.status !== 'agent_end') return;
      ingested = true;
      socket.ingest({ type: 'agent_cancel', agenttoken: U, message: '', result: false });
    });
    ws.receive({ type: 'agent_end', agenttoken: T, message: { raw: 'done' }, result: true });
    const streams = socket.store.getState().streams;
    expect(streams[T]?.status).toBe('agent_end');
    expect(streams[U]?.status).toBe('agent_cancel');
  });

  it('reports a bad frame once and publishes nothing for it', () => {
    const { socket, errors } = make();
    socket.subscribe(T);
    const ws = FakeWebSocket.last();
    ws.open();
    ws.receive(outputFrame(T, 'fine'));
    const streams = socket.store.getState().streams;
    ws.receive({ type: 'agent_output', agenttoken: T, message: { raw: 1 }, result: true });
    expect(errors.map((e) => e.error)).toEqual(['agent_output.message.raw must be a string (got number)']);
    expect(socket.store.getState().streams).toBe(streams);
  });
});
