/**
 * Issue 11, socket items 5–9, reproduced against the real mock server on 127.0.0.1 (`ws` client):
 * backoff that never grows when the server accepts and closes, finished streams never evicted while
 * another is live, `ingest` of an undecoded event, and tokens named like `Object.prototype` members.
 * (Unbounded per-token bookkeeping, item 7, needs a heap measured with `--expose-gc`: test/faults/.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentSocket, AgentSocketOptions, StreamEvent } from 'wiro-agent-react/core';
import { startMockAgentServer, type MockAgentServer } from 'wiro-agent-react/testing/node';
import { socketFor, waitFor, waitForStream } from './socket-helpers';

let server: MockAgentServer | null = null;
const sockets: AgentSocket[] = [];

async function serve(options: Parameters<typeof startMockAgentServer>[0] = {}): Promise<MockAgentServer> {
  server = await startMockAgentServer(options);
  return server;
}

function open(on: MockAgentServer, options: AgentSocketOptions = {}): ReturnType<typeof socketFor> {
  const made = socketFor(on, options);
  sockets.push(made.socket);
  return made;
}

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await server?.close();
  server = null;
});

const fast = { intervalMs: 2, queueMs: 2, chunkChars: 9 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('backoff against a server that accepts the upgrade and then closes (item 5)', () => {
  it('keeps counting attempts across opens, so maxAttempts applies and the socket gives up', async () => {
    const s = await serve({ faults: { acceptThenClose: true } });
    const { socket } = open(s, { reconnect: { initialDelayMs: 10, maxDelayMs: 40, jitter: false, maxAttempts: 3 } });
    socket.subscribe('aB3xK9mR2pLqWzVn7tYhCd5sFgJkNb');

    await waitFor(() => socket.connection.status === 'closed', 'the socket to give up', 3000).catch(() => undefined);
    // The first connection plus three retries, then nothing more.
    expect(s.acceptedConnections()).toBe(4);
    expect(socket.connection.status).toBe('closed');
    expect(socket.connection.lastError).toMatch(/connection closed \(code 1011\)/);
    expect(socket.getStream('aB3xK9mR2pLqWzVn7tYhCd5sFgJkNb').error?.kind).toBe('connection');
    await sleep(200);
    expect(s.acceptedConnections()).toBe(4);
  });

  it('grows the delay on every failed attempt, even when each attempt opened', async () => {
    const s = await serve({ faults: { acceptThenClose: true } });
    const { socket } = open(s, { reconnect: { initialDelayMs: 10, maxDelayMs: 10_000, jitter: false } });
    socket.subscribe('aB3xK9mR2pLqWzVn7tYhCd5sFgJkNb');
    await sleep(1000);
    // Waits of 10, 20, 40, 80, 160, 320 ms fit in a second: at most 7 connections (a reset backoff makes ~60).
    expect(s.acceptedConnections()).toBeLessThanOrEqual(7);
    expect(socket.connection.attempt).toBeGreaterThanOrEqual(5);
  });

  it('counts a connection healthy once the server welcomes it, and starts over after a later drop', async () => {
    const s = await serve();
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(6).trim();
    const { agenttoken } = s.createMessage({ ...fast, text, dropConnectionAt: 40 });
    const { socket } = open(s, { reconnect: { initialDelayMs: 5, maxDelayMs: 20, jitter: false, maxAttempts: 1 } });
    socket.subscribe(agenttoken);
    const done = await waitForStream(socket, agenttoken, (stream) => stream.isDone);
    expect(done.answer).toBe(text);
    expect(socket.connection.attempt).toBe(0);
  });

  it('counts a connection healthy after healthyAfterMs open when the server says nothing at all', async () => {
    const s = await serve({ faults: { silent: true } });
    const { socket } = open(s, {
      welcomeTimeoutMs: 10,
      reconnect: { initialDelayMs: 5, maxDelayMs: 20, jitter: false, healthyAfterMs: 50 },
    });
    socket.subscribe('aB3xK9mR2pLqWzVn7tYhCd5sFgJkNb');
    await waitFor(() => socket.connection.status === 'open', 'open');
    await sleep(300);
    expect(s.acceptedConnections()).toBe(1);
    expect(socket.connection).toMatchObject({ status: 'open', attempt: 0, lastError: null });
  });
});

describe('eviction of finished, released streams while another stream is live (item 6)', () => {
  it('evicts them on their own timer; a late frame is ignored; a re-subscribe gets the snapshot', async () => {
    const s = await serve();
    const live = s.createMessage({ text: 'never starts', queueMs: 60_000 }).agenttoken;
    const replies = Array.from({ length: 20 }, (_, i) => {
      const text = Array.from({ length: 3 }, () => `finished reply number ${i}`).join(' ');
      return { text, token: s.createMessage({ ...fast, text }).agenttoken };
    });
    const { socket, errors } = open(s, { evictAfterMs: 30, idleTimeoutMs: 60_000 });
    socket.subscribe(live);
    for (const reply of replies) {
      const release = socket.subscribe(reply.token);
      await waitForStream(socket, reply.token, (stream) => stream.isDone, 'a reply to finish');
      release();
    }
    await waitFor(() => Object.keys(socket.store.getState().streams).length === 1, 'eviction', 3000).catch(
      () => undefined,
    );
    expect(Object.keys(socket.store.getState().streams)).toEqual([live]);
    expect(socket.connection.status).toBe('open');

    // A late frame for an evicted token: ignored, not reported, nothing stored.
    const evicted = replies[3] as { text: string; token: string };
    s.broadcastRaw(JSON.stringify({ type: 'agent_start', agenttoken: evicted.token, message: '', result: true }));
    const probe = s.createMessage({ ...fast, text: 'probe' }).agenttoken;
    socket.subscribe(probe);
    await waitForStream(socket, probe, (stream) => stream.isDone, 'the probe (frames arrive in order)');
    expect(socket.store.getState().streams[evicted.token]).toBeUndefined();
    expect(errors).toEqual([]);

    // Held again: its final text comes back from the server.
    socket.subscribe(evicted.token);
    const back = await waitForStream(socket, evicted.token, (stream) => stream.isDone, 'the snapshot');
    expect(back.status).toBe('agent_end');
    expect(back.answer).toBe(evicted.text);
    expect(socket.getStream(live).status).toBe('agent_queue');
  });
});

describe('ingest validates its input (item 8)', () => {
  const T = 'aB3xK9mR2pLqWzVn7tYhCd5sFgJkNb';
  const U = 'uV7yQ2wE4rT6yU8iO0pA1sD3fG5hJk';

  it('throws a TypeError at the call for an event that was not decoded, and loses no other event', async () => {
    const s = await serve();
    const { socket } = open(s, { schedule: 'microtask' });
    socket.ingest({ type: 'agent_cancel', agenttoken: U, message: 'AbortError', result: false });
    const wire = { type: 'agent_output', agenttoken: T, message: { raw: 'a wire frame, not decoded' }, result: true };
    expect(() => socket.ingest(wire as unknown as StreamEvent)).toThrow(TypeError);
    expect(() => socket.ingest(wire as unknown as StreamEvent)).toThrow(/decodeFrame/);
    expect(() => socket.ingest(null as unknown as StreamEvent)).toThrow(TypeError);
    expect(() => socket.ingest({ type: 'agent_start', agenttoken: '' } as unknown as StreamEvent)).toThrow(TypeError);
    expect(() => socket.ingest({ type: 'agent_teleport', agenttoken: T } as unknown as StreamEvent)).toThrow(TypeError);
    await sleep(0);
    expect(socket.getStream(U).status).toBe('agent_cancel');
    expect(socket.getStream(T).status).toBe('idle');
  });
});

describe('tokens named like Object.prototype members (item 9)', () => {
  const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

  it('are ordinary tokens: idle until subscribed, then streamed to their exact text', async () => {
    const s = await serve();
    const { socket, errors } = open(s);
    for (const name of names) {
      expect(socket.getStream(name)).toMatchObject({ agenttoken: name, status: 'idle', answer: '' });
      expect(socket.store.getState().streams[name]).toBeUndefined();
    }
    for (const name of names) {
      s.createMessage({ ...fast, text: `the reply of ${name}` }, { agenttoken: name });
      socket.subscribe(name);
    }
    for (const name of names) {
      const done = await waitForStream(socket, name, (stream) => stream.isDone, name);
      expect(done.answer).toBe(`the reply of ${name}`);
    }
    expect(Object.keys(socket.store.getState().streams).sort()).toEqual([...names].sort());
    expect(({} as Record<string, unknown>).answer).toBeUndefined();
    expect(typeof Object.prototype.toString).toBe('function');
    expect(errors).toEqual([]);
  });
});
