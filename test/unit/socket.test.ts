/**
 * createAgentSocket against the real mock agent server on 127.0.0.1 (the `ws` client as WebSocket).
 * Short real intervals; every wait is for a condition, never a fixed sleep.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgentSocket, ServerFrame } from 'wiro-agent-react/core';
import { startMockAgentServer, type MockAgentServer } from 'wiro-agent-react/testing/node';
import { recordAnswers, socketFor, subscribesReceived, waitFor, waitForStream } from './socket-helpers';

let server: MockAgentServer;
const sockets: AgentSocket[] = [];

function open(...args: Parameters<typeof socketFor>[1][]): ReturnType<typeof socketFor> {
  const made = socketFor(server, args[0]);
  sockets.push(made.socket);
  return made;
}

beforeEach(async () => {
  server = await startMockAgentServer();
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await server.close();
});

const fast = { intervalMs: 2, queueMs: 2, chunkChars: 7 };

describe('streaming over one socket', () => {
  it('streams a reply with thinking to its exact final text', async () => {
    const text = 'Here is **the answer**.\n\nIt has two paragraphs.';
    const { agenttoken } = server.createMessage({ ...fast, text, thinking: 'Let me think about it.' });
    const { socket, errors } = open();
    socket.subscribe(agenttoken);

    const done = await waitForStream(socket, agenttoken, (s) => s.isDone);
    expect(done.status).toBe('agent_end');
    expect(done.answer).toBe(text);
    expect(done.thinking).toEqual(['Let me think about it.']);
    expect(done.metrics.speedType).toBe('words/s');
    expect(errors).toEqual([]);
  });

  it('routes interleaved streams of several tokens on one connection, one agent_info each', async () => {
    const texts = ['alpha '.repeat(20), 'beta '.repeat(30), 'gamma '.repeat(10), 'delta '.repeat(25)];
    const tokens = texts.map(
      (text, i) => server.createMessage({ ...fast, text, intervalMs: 1 + i, chunkChars: 3 + i }).agenttoken,
    );
    const { socket, errors } = open();
    for (const token of tokens) socket.subscribe(token);

    await waitFor(() => tokens.every((t) => socket.getStream(t).isDone), 'every stream to finish');
    tokens.forEach((token, i) => expect(socket.getStream(token).answer).toBe(texts[i]));
    expect(subscribesReceived(server)).toEqual(tokens.map((t) => [1, t]));
    expect(server.connectionCount()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('sends one agent_info per token however many components hold it', async () => {
    const { agenttoken } = server.createMessage({ ...fast, text: 'shared reply '.repeat(10) });
    const { socket } = open();
    const releaseA = socket.subscribe(agenttoken);
    const releaseB = socket.subscribe(agenttoken);
    await waitForStream(socket, agenttoken, (s) => s.answer.length > 0, 'first text');
    releaseA();
    releaseA(); // idempotent: B still holds it
    const third = socket.subscribe(agenttoken);
    await waitForStream(socket, agenttoken, (s) => s.isDone);
    expect(subscribesReceived(server)).toEqual([[1, agenttoken]]);
    releaseB();
    third();
  });

  it('keeps updating a stream nobody holds any more, so a remount shows the current text at once', async () => {
    const text = 'still streaming while unmounted '.repeat(5);
    const { agenttoken } = server.createMessage({ ...fast, text });
    const keepAlive = server.createMessage({ ...fast, queueMs: 60_000, text: 'x' }).agenttoken;
    const { socket } = open();
    socket.subscribe(keepAlive);
    const release = socket.subscribe(agenttoken);
    await waitForStream(socket, agenttoken, (s) => s.answer.length > 0, 'first text');
    release();
    const done = await waitForStream(socket, agenttoken, (s) => s.isDone);
    expect(done.answer).toBe(text);
  });
});

describe('welcome frame', () => {
  it('subscribes after the welcome timeout when the server sends none', async () => {
    await server.close();
    server = await startMockAgentServer({ welcome: false });
    const { agenttoken } = server.createMessage({ ...fast, text: 'no welcome here' });
    const { socket } = open({ welcomeTimeoutMs: 20 });
    socket.subscribe(agenttoken);
    const done = await waitForStream(socket, agenttoken, (s) => s.isDone);
    expect(done.answer).toBe('no welcome here');
  });
});

describe('recovery', () => {
  it('reconnects after a drop mid-stream and ends with the exact text, nothing lost or doubled', async () => {
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(8).trim();
    const { agenttoken } = server.createMessage({ ...fast, text, dropConnectionAt: 60 });
    const { socket, errors } = open();
    const statuses: string[] = [];
    socket.store.subscribe((s, p) => {
      if (s.connection !== p.connection) statuses.push(s.connection.status);
    });
    const answers = recordAnswers(socket, agenttoken);
    socket.subscribe(agenttoken);

    const done = await waitForStream(socket, agenttoken, (s) => s.isDone);
    expect(done.status).toBe('agent_end');
    expect(done.answer).toBe(text);
    for (const answer of answers) expect(text.startsWith(answer)).toBe(true);
    for (let i = 1; i < answers.length; i++)
      expect((answers[i] as string).length).toBeGreaterThanOrEqual((answers[i - 1] as string).length);
    expect(statuses).toContain('reconnecting');
    expect(subscribesReceived(server)).toEqual([
      [1, agenttoken],
      [2, agenttoken],
    ]);
    expect(socket.connection.attempt).toBe(0);
    expect(errors).toEqual([]);
  });

  it('does not reconnect once nothing is live', async () => {
    const { agenttoken } = server.createMessage({ ...fast, text: 'short' });
    const { socket } = open();
    socket.subscribe(agenttoken);
    await waitForStream(socket, agenttoken, (s) => s.isDone);
    await waitFor(() => socket.connection.status === 'open', 'open');

    server.dropAllConnections();
    await waitFor(() => socket.connection.status !== 'open', 'the drop to be seen');
    expect(socket.connection).toEqual({ status: 'closed', attempt: 0, lastError: null, nextRetryAt: null });
  });

  it('close() then subscribe opens a fresh connection and re-subscribes every token still held', async () => {
    const longText = 'a long running reply '.repeat(60);
    const long = server.createMessage({ ...fast, intervalMs: 4, text: longText });
    const { socket } = open();
    socket.subscribe(long.agenttoken);
    await waitForStream(socket, long.agenttoken, (s) => s.answer.length > 0, 'first text');

    socket.close();
    expect(socket.connection.status).toBe('closed');
    const partial = socket.getStream(long.agenttoken).answer;
    expect(partial.length).toBeGreaterThan(0);

    const other = server.createMessage({ ...fast, text: 'second' });
    socket.subscribe(other.agenttoken);
    await waitFor(
      () => socket.getStream(long.agenttoken).isDone && socket.getStream(other.agenttoken).isDone,
      'both to finish',
    );
    expect(socket.getStream(long.agenttoken).answer).toBe(longText);
    const second = subscribesReceived(server)
      .filter(([c]) => c === 2)
      .map(([, t]) => t);
    expect(second.sort()).toEqual([long.agenttoken, other.agenttoken].sort());
  });
});

describe('bad input', () => {
  it('reports each malformed frame once and leaves other streams intact', async () => {
    const text = 'this stream must survive the garbage '.repeat(4);
    const good = server.createMessage({ ...fast, intervalMs: 4, text });
    const quiet = server.createMessage({ text: 'never starts', queueMs: 60_000 });
    const { socket, errors } = open();
    socket.subscribe(good.agenttoken);
    socket.subscribe(quiet.agenttoken);
    await waitForStream(socket, quiet.agenttoken, (s) => s.status === 'agent_queue', 'quiet stream queued');
    await waitForStream(socket, good.agenttoken, (s) => s.answer.length > 0, 'first text');

    server.broadcastRaw('this is not json');
    server.broadcastRaw(new Uint8Array([1, 2, 3]));
    server.broadcastRaw(JSON.stringify({ type: 'agent_teleport', agenttoken: quiet.agenttoken }));
    server.broadcastRaw(
      JSON.stringify({ type: 'agent_output', agenttoken: quiet.agenttoken, message: { raw: 42 }, result: true }),
    );
    server.broadcastRaw(JSON.stringify({ agenttoken: quiet.agenttoken, type: 'agent_start', result: 'yes' }));
    const stranger = 'ZZZZstrangerTokenNobodyAskedFor';
    server.broadcastRaw(JSON.stringify({ type: 'agent_start', agenttoken: stranger, message: '', result: true }));
    server.broadcastRaw(
      JSON.stringify({ type: 'agent_output', agenttoken: stranger, message: { raw: 'x' }, result: true }),
    );

    const done = await waitForStream(socket, good.agenttoken, (s) => s.isDone);
    await waitFor(() => errors.length >= 6, 'six reports');
    expect(done.answer).toBe(text);
    // Sorted: an agent_output is only fully read at the flush, so its report comes after the others'.
    expect(errors.map((e) => e.error).sort()).toEqual(
      [
        'not JSON',
        'binary frame',
        'unknown frame type "agent_teleport"',
        'agent_output.message.raw must be a string (got number)',
        'agent_start.result must be a boolean (got string)',
        'frame for a token this socket did not subscribe (ZZZZ…(31))',
      ].sort(),
    );
    expect(errors.some((e) => e.error.includes(stranger))).toBe(false);
    expect(socket.store.getState().streams[stranger]).toBeUndefined();
    expect(socket.getStream(quiet.agenttoken).status).toBe('agent_queue');
  });

  it('reports the server error frame and keeps the connection', async () => {
    const { socket, errors } = open();
    const { agenttoken } = server.createMessage({ ...fast, text: 'fine' });
    socket.subscribe(agenttoken);
    await waitForStream(socket, agenttoken, (s) => s.isDone);
    server.broadcastRaw(JSON.stringify({ type: 'error', message: 'agenttoken-required', result: false }));
    await waitFor(() => errors.length === 1, 'the report');
    expect(errors[0]?.error).toBe('server error: agenttoken-required');
    expect(socket.connection.status).toBe('open');
  });

  it('survives callbacks that throw', async () => {
    const { agenttoken } = server.createMessage({ ...fast, text: 'callbacks may throw' });
    const seen: ServerFrame['type'][] = [];
    const { socket } = open({
      onEvent: (frame) => {
        seen.push(frame.type);
        throw new Error('user bug in onEvent');
      },
      onProtocolError: () => {
        throw new Error('user bug in onProtocolError');
      },
    });
    socket.subscribe(agenttoken);
    await waitFor(() => socket.connection.status === 'open', 'open');
    server.broadcastRaw('garbage');
    const done = await waitForStream(socket, agenttoken, (s) => s.isDone);
    expect(done.answer).toBe('callbacks may throw');
    expect(seen[0]).toBe('connected');
    expect(seen.at(-1)).toBe('agent_end');
  });

  it('throws a TypeError for an empty or non-string token, synchronously', () => {
    const { socket } = open();
    expect(() => socket.subscribe('')).toThrow(TypeError);
    expect(() => socket.subscribe('   ')).toThrow(/non-empty string/);
    expect(() => socket.subscribe(42 as unknown as string)).toThrow(TypeError);
    expect(socket.connection.status).toBe('idle');
  });

  it('tells the user to pass ws when the runtime has no WebSocket', () => {
    vi.stubGlobal('WebSocket', undefined);
    try {
      const { socket } = open({ WebSocket: undefined });
      expect(() => socket.subscribe('aB3xK9mR2pLqWzVn7tYhCd5sFgJkNb')).toThrow(/no global WebSocket.*ws/);
      expect(socket.connection.status).toBe('idle');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('terminal outcomes', () => {
  it('cancel while streaming: agent_cancel, partial text kept', async () => {
    const text = 'a reply that will be cut short '.repeat(40);
    const { agenttoken, messageguid } = server.createMessage({ ...fast, intervalMs: 5, text });
    const { socket } = open();
    socket.subscribe(agenttoken);
    await waitForStream(socket, agenttoken, (s) => s.answer.length > 20, 'some text');

    const res = await post('Cancel', { messageguid });
    expect(res).toEqual({ result: true, errors: [] });
    const done = await waitForStream(socket, agenttoken, (s) => s.isDone);
    expect(done.status).toBe('agent_cancel');
    expect(done.answer.length).toBeGreaterThan(20);
    expect(text.startsWith(done.answer)).toBe(true);
    expect(done.answer.length).toBeLessThan(text.length);
  });

  it('cancel while queued: no socket event; Detail says agent_cancel', async () => {
    const queued = server.createMessage({ text: 'never runs', queueMs: 60_000 });
    const frames: ServerFrame[] = [];
    const { socket } = open({ onEvent: (f) => frames.push(f) });
    socket.subscribe(queued.agenttoken);
    await waitForStream(socket, queued.agenttoken, (s) => s.status === 'agent_queue', 'queued');

    expect(await post('Cancel', { agenttoken: queued.agenttoken })).toEqual({ result: true, errors: [] });
    // Frames on one connection arrive in order: once a later snapshot is here, any cancel frame would be too.
    const later = server.createMessage({ text: 'later', queueMs: 60_000 });
    socket.subscribe(later.agenttoken);
    await waitForStream(socket, later.agenttoken, (s) => s.status === 'agent_queue', 'later snapshot');

    expect(frames.some((f) => f.type === 'agent_cancel')).toBe(false);
    expect(socket.getStream(queued.agenttoken).status).toBe('agent_queue');
    const detail = (await post('Detail', { agenttoken: queued.agenttoken })) as {
      data: { status: string; debugoutput: string };
    };
    expect(detail.data.status).toBe('agent_cancel');
    expect(detail.data.debugoutput).toBe('');
  });

  it('string error keeps the partial text and shows the sanitised sentence', async () => {
    const { agenttoken } = server.createMessage({ ...fast, text: 'partial answer', fail: 'string' });
    const { socket } = open();
    socket.subscribe(agenttoken);
    const done = await waitForStream(socket, agenttoken, (s) => s.isDone);
    expect(done.status).toBe('agent_error');
    expect(done.error).toEqual({
      kind: 'agent',
      message: 'Agent is temporarily unavailable. Please try again shortly.',
    });
    expect(done.answer).toBe('partial answer');
  });

  it('object error keeps the non-response as text', async () => {
    const { agenttoken } = server.createMessage({ ...fast, text: '...', fail: 'object' });
    const { socket } = open();
    socket.subscribe(agenttoken);
    const done = await waitForStream(socket, agenttoken, (s) => s.isDone);
    expect(done.status).toBe('agent_error');
    expect(done.error).toEqual({ kind: 'response', message: '...' });
    expect(done.answer).toBe('...');
  });

  it('an unknown token ends as unknown-token', async () => {
    const { agenttoken } = server.createMessage({ text: 'x', unknown: true });
    const { socket } = open();
    socket.subscribe(agenttoken);
    const done = await waitForStream(socket, agenttoken, (s) => s.isDone);
    expect(done.status).toBe('unknown');
    expect(done.error?.kind).toBe('unknown-token');
  });
});

describe('idle close and eviction', () => {
  it('closes the connection idleTimeoutMs after nothing is live, then evicts streams nobody holds', async () => {
    const { agenttoken } = server.createMessage({ ...fast, text: 'done soon' });
    const { socket } = open({ idleTimeoutMs: 15, evictAfterMs: 15 });
    const release = socket.subscribe(agenttoken);
    await waitForStream(socket, agenttoken, (s) => s.isDone);
    await waitFor(() => socket.connection.status === 'closed', 'idle close');
    await waitFor(() => server.connectionCount() === 0, 'server to see the close');
    expect(socket.connection.lastError).toBeNull();
    // Still held: kept.
    expect(socket.store.getState().streams[agenttoken]?.answer).toBe('done soon');
    release();
    await waitFor(() => socket.store.getState().streams[agenttoken] === undefined, 'eviction');
    expect(socket.getStream(agenttoken).status).toBe('idle');
  });
});

async function post(endpoint: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${server.httpUrl}/UserAgent/Message/${endpoint}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return res.json();
}
