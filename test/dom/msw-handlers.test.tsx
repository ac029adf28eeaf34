import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createAgentApi, createAgentSocket, type AgentSocket, type AgentStream } from 'wiro-agent-react/core';
import { agentScenario, createMockAgentBackend, scenarioRaw } from 'wiro-agent-react/testing';
import { agentApiHandlers, agentSocketHandlers, WIRO_SOCKET_URL } from 'wiro-agent-react/testing/msw';

// These run in jsdom: msw intercepts the global WebSocket, which Node 20 lacks.
const server = setupServer();
const sockets: AgentSocket[] = [];

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
  server.resetHandlers();
});
afterAll(() => server.close());

function socket(): AgentSocket {
  const created = createAgentSocket({
    schedule: 'sync',
    reconnect: { initialDelayMs: 5, maxDelayMs: 20, jitter: false },
  });
  sockets.push(created);
  return created;
}

/** Resolves with the token's stream once `done(stream)` holds; rejects with the last state after `ms`. */
function until(s: AgentSocket, token: string, done: (stream: AgentStream) => boolean, ms = 4000): Promise<AgentStream> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const stream = s.getStream(token);
      if (!done(stream)) return false;
      unsubscribe();
      clearTimeout(timer);
      resolve(stream);
      return true;
    };
    const unsubscribe = s.store.subscribe(() => void check());
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out; last state: ${JSON.stringify(s.getStream(token)).slice(0, 300)}`));
    }, ms);
    check();
  });
}

/** A raw client (the page's own WebSocket, as msw sees it) that records every frame it receives. */
function rawClient(url = WIRO_SOCKET_URL): { ws: WebSocket; frames: Record<string, unknown>[]; opened: Promise<void> } {
  const ws = new WebSocket(url);
  const frames: Record<string, unknown>[] = [];
  ws.onmessage = (event) => frames.push(JSON.parse(String(event.data)) as Record<string, unknown>);
  const opened = new Promise<void>((resolve) => ws.addEventListener('open', () => resolve()));
  return { ws, frames, opened };
}

async function condition(check: () => boolean, ms = 4000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('agentSocketHandlers: the wire', () => {
  test('welcome, then the snapshot, then the scripted frames in order, each carrying the full text so far', async () => {
    server.use(...agentSocketHandlers({ text: 'Hello there, friend.', chunkChars: 6, intervalMs: 1, queueMs: 1 }));
    const { ws, frames, opened } = rawClient();
    await opened;
    ws.send(JSON.stringify({ type: 'agent_info', agenttoken: 'tok-1' }));
    await condition(() => frames.some((f) => f.type === 'agent_end'));
    ws.close();

    expect(frames.map((f) => f.type)).toEqual([
      'connected',
      'agent_subscribed',
      'agent_start',
      'agent_output',
      'agent_output',
      'agent_output',
      'agent_output',
      'agent_end',
    ]);
    expect(frames[1]).toMatchObject({ agenttoken: 'tok-1', status: 'agent_queue', result: true });
    const raws = frames.filter((f) => f.type === 'agent_output').map((f) => (f.message as { raw: string }).raw);
    expect(raws).toEqual(['Hello ', 'Hello there,', 'Hello there, frien', 'Hello there, friend.']);
  });

  test('an agent_info without a token gets the server error frame; a repeated one on the same connection is ignored', async () => {
    server.use(...agentSocketHandlers({ text: 'x', intervalMs: 1, queueMs: 1 }));
    const { ws, frames, opened } = rawClient();
    await opened;
    ws.send(JSON.stringify({ type: 'agent_info' }));
    ws.send(JSON.stringify({ type: 'agent_info', agenttoken: 'tok-2' }));
    ws.send(JSON.stringify({ type: 'agent_info', agenttoken: 'tok-2' }));
    ws.send('not json');
    await condition(() => frames.some((f) => f.type === 'agent_end'));
    ws.close();
    expect(frames[1]).toEqual({ type: 'error', message: 'agenttoken-required', result: false });
    expect(frames.filter((f) => f.type === 'agent_subscribed')).toHaveLength(1);
  });

  test('welcome: false imitates a server without the welcome frame', async () => {
    server.use(...agentSocketHandlers('x', { welcome: false }));
    const { ws, frames, opened } = rawClient();
    await opened;
    ws.send(JSON.stringify({ type: 'agent_info', agenttoken: 'tok-3' }));
    await condition(() => frames.length > 0);
    ws.close();
    expect(frames[0]?.type).toBe('agent_subscribed');
  });

  test('only the configured URL is intercepted', async () => {
    server.use(...agentSocketHandlers('x', { url: 'wss://mock.example.test/v1' }));
    const { ws, frames, opened } = rawClient('wss://mock.example.test/v1');
    await opened;
    await condition(() => frames.length > 0);
    ws.close();
    expect(frames[0]?.type).toBe('connected');
  });
});

describe('agentSocketHandlers: scenarios for tokens', () => {
  test('one scenario plays for any token, thinking and answer split as the kit shows them', async () => {
    const scenario = agentScenario({ text: 'Forty-two.', thinking: 'Deep thought.', intervalMs: 1, queueMs: 1 });
    server.use(...agentSocketHandlers(scenario));
    const s = socket();
    s.subscribe('anything');
    const stream = await until(s, 'anything', (x) => x.isDone);
    expect(stream.status).toBe('agent_end');
    expect(stream.answer).toBe('Forty-two.');
    expect(stream.thinking).toEqual(['Deep thought.']);
    expect(stream.raw).toBe(scenarioRaw(scenario));
  });

  test('a token map plays each listed token its own reply; other tokens are unknown', async () => {
    server.use(
      ...agentSocketHandlers({
        first: { text: 'One.', intervalMs: 1, queueMs: 1 },
        second: 'Two.',
      }),
    );
    const s = socket();
    for (const token of ['first', 'second', 'stranger']) s.subscribe(token);
    expect((await until(s, 'first', (x) => x.isDone)).answer).toBe('One.');
    expect((await until(s, 'second', (x) => x.isDone)).answer).toBe('Two.');
    const stranger = await until(s, 'stranger', (x) => x.isDone);
    expect(stranger.status).toBe('unknown');
    expect(stranger.error?.kind).toBe('unknown-token');
  });

  test('a function picks by token; null means unknown', async () => {
    server.use(
      ...agentSocketHandlers((token) =>
        token.startsWith('ok-') ? { text: `Reply to ${token}`, intervalMs: 1 } : null,
      ),
    );
    const s = socket();
    s.subscribe('ok-7');
    s.subscribe('nope');
    expect((await until(s, 'ok-7', (x) => x.isDone)).answer).toBe('Reply to ok-7');
    expect((await until(s, 'nope', (x) => x.isDone)).status).toBe('unknown');
  });

  test('an invalid fixed scenario is reported when the handlers are created, not mid-test', () => {
    expect(() => agentSocketHandlers({ text: 'x', chunkChars: 0 })).toThrow(/chunkChars/);
  });

  test.each([
    ['string', 'agent_error', 'agent'],
    ['object', 'agent_error', 'response'],
  ] as const)('fail: %s ends with %s (error kind %s), keeping the text', async (fail, status, kind) => {
    server.use(...agentSocketHandlers({ text: 'Partial answer', fail, intervalMs: 1, queueMs: 1 }));
    const s = socket();
    s.subscribe('t');
    const stream = await until(s, 't', (x) => x.isDone);
    expect(stream.status).toBe(status);
    expect(stream.error?.kind).toBe(kind);
    expect(stream.answer).toBe('Partial answer');
  });

  test('cancelAt stops the reply with agent_cancel after that much text', async () => {
    server.use(
      ...agentSocketHandlers({
        text: 'abcdefghijklmnopqrstuvwxyz',
        chunkChars: 4,
        cancelAt: 8,
        intervalMs: 1,
        queueMs: 1,
      }),
    );
    const s = socket();
    s.subscribe('t');
    const stream = await until(s, 't', (x) => x.isDone);
    expect(stream.status).toBe('agent_cancel');
    expect(stream.answer).toBe('abcdefgh');
  });
});

describe('agentSocketHandlers: connection trouble', () => {
  test('a dropped connection mid-reply: the kit reconnects and the text completes with nothing lost', async () => {
    const text = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    server.use(...agentSocketHandlers({ text, chunkChars: 7, dropConnectionAt: 60, intervalMs: 2, queueMs: 1 }));
    const s = socket();
    const states: string[] = [];
    s.store.subscribe((state) => states.push(state.connection.status));
    s.subscribe('t');
    const stream = await until(s, 't', (x) => x.isDone);
    expect(states).toContain('reconnecting');
    expect(stream.status).toBe('agent_end');
    expect(stream.answer).toBe(text);
  });

  test('acceptConnection refuses connections: the kit keeps retrying until one is accepted', async () => {
    const seen: number[] = [];
    server.use(
      ...agentSocketHandlers(
        { text: 'Made it.', intervalMs: 1, queueMs: 1 },
        {
          acceptConnection: (n) => {
            seen.push(n);
            return n >= 3;
          },
        },
      ),
    );
    const s = socket();
    s.subscribe('t');
    const stream = await until(s, 't', (x) => x.isDone);
    expect(stream.answer).toBe('Made it.');
    expect(seen).toEqual([1, 2, 3]);
  });
});

describe('agentApiHandlers with agentSocketHandlers over one backend', () => {
  const baseUrl = 'https://app.test/api/wiro';

  test('Send returns a token that streams its scripted reply; Detail and History agree; Cancel reaches the socket', async () => {
    const backend = createMockAgentBackend({
      reply: (text) =>
        text === 'slow'
          ? { text: 'a'.repeat(400), chunkChars: 2, intervalMs: 5, queueMs: 1 }
          : { text: `Echo: ${text}`, intervalMs: 1, queueMs: 1 },
    });
    server.use(...agentApiHandlers({ baseUrl, backend }), ...agentSocketHandlers(null, { backend }));
    const api = createAgentApi({ baseUrl });
    const s = socket();

    const sent = await api.send({ useragentguid: 'agent-1', message: 'hi', sessionkey: 's1' });
    expect(sent.status).toBe('agent_queue');
    s.subscribe(sent.agenttoken);
    expect((await until(s, sent.agenttoken, (x) => x.isDone)).answer).toBe('Echo: hi');

    const detail = await api.detail({ agenttoken: sent.agenttoken });
    expect(detail.status).toBe('agent_end');
    expect(detail.response).toBe('Echo: hi');
    const history = await api.history({ useragentguid: 'agent-1', sessionkey: 's1' });
    expect(history.messages.map((m) => m.content)).toEqual(['hi']);

    const slow = await api.send({ useragentguid: 'agent-1', message: 'slow', sessionkey: 's1' });
    s.subscribe(slow.agenttoken);
    await until(s, slow.agenttoken, (x) => x.answer.length > 10);
    await api.cancel({ agenttoken: slow.agenttoken });
    const cancelled = await until(s, slow.agenttoken, (x) => x.isDone);
    expect(cancelled.status).toBe('agent_cancel');
    expect(cancelled.answer.length).toBeLessThan(400);
  });
});
