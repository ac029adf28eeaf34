/** The Node mock server over real HTTP and a raw `ws` client on 127.0.0.1. */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { type RawData } from 'ws';
import { startMockAgentServer, type MockAgentServer } from 'wiro-agent-react/testing/node';
import { agentScenario } from 'wiro-agent-react/testing';
import { waitFor } from './socket-helpers';

const GUID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890';
let server: MockAgentServer | null = null;
const clients: WebSocket[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.terminate();
  await server?.close();
  server = null;
});

async function start(options: Parameters<typeof startMockAgentServer>[0] = {}): Promise<MockAgentServer> {
  server = await startMockAgentServer(options);
  return server;
}

/** A raw client collecting every parsed frame. */
async function connect(url: string): Promise<{ ws: WebSocket; frames: Record<string, unknown>[] }> {
  const ws = new WebSocket(url);
  clients.push(ws);
  const frames: Record<string, unknown>[] = [];
  ws.on('message', (data) => frames.push(JSON.parse(frameText(data)) as Record<string, unknown>));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, frames };
}

async function post(
  s: MockAgentServer,
  endpoint: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${s.httpUrl}/UserAgent/Message/${endpoint}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('WebSocket /v1', () => {
  it('welcomes, subscribes once per token per connection, and streams to the end', async () => {
    const s = await start();
    expect(s.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/v1$/);
    const { agenttoken } = s.createMessage({ text: 'hello over the wire', chunkChars: 6, intervalMs: 2, queueMs: 2 });
    const { ws, frames } = await connect(s.url);
    await waitFor(() => frames.length === 1, 'welcome');
    expect(frames[0]).toEqual({ type: 'connected', version: '1.0' });

    ws.send(JSON.stringify({ type: 'agent_info', agenttoken }));
    ws.send(JSON.stringify({ type: 'agent_info', agenttoken }));
    await waitFor(() => frames.some((f) => f.type === 'agent_end'), 'the end');
    expect(frames.filter((f) => f.type === 'agent_subscribed')).toHaveLength(1);
    const types = frames.map((f) => f.type);
    expect(types.slice(0, 2)).toEqual(['connected', 'agent_subscribed']);
    const raws = frames.filter((f) => f.type === 'agent_output').map((f) => (f.message as { raw: string }).raw);
    for (let i = 1; i < raws.length; i++) expect(raws[i]?.startsWith(raws[i - 1] as string)).toBe(true);
    expect((frames.at(-1)?.message as { raw: string }).raw).toBe('hello over the wire');
    expect(s.received().filter((r) => (r.frame as { type: string }).type === 'agent_info')).toHaveLength(2);
  });

  it('answers a missing or blank token with agenttoken-required and ignores unknown types', async () => {
    const s = await start();
    const { ws, frames } = await connect(s.url);
    ws.send(JSON.stringify({ type: 'agent_info' }));
    ws.send(JSON.stringify({ type: 'agent_info', agenttoken: '  ' }));
    ws.send(JSON.stringify({ type: 'teleport', agenttoken: 'x' }));
    ws.send('not json at all');
    ws.send(JSON.stringify({ type: 'agent_info', agenttoken: 'wrongtoken123' }));
    await waitFor(() => frames.some((f) => f.type === 'agent_subscribed'), 'the unknown snapshot');
    expect(frames.slice(1)).toEqual([
      { type: 'error', message: 'agenttoken-required', result: false },
      { type: 'error', message: 'agenttoken-required', result: false },
      { type: 'agent_subscribed', agenttoken: 'wrongtoken123', status: 'unknown', result: true },
    ]);
    expect(s.received().map((r) => r.frame)).toContain('not json at all');
    expect(ws.readyState).toBe(WebSocket.OPEN);
  });

  it('can leave out the welcome, pings on its interval, and drops connections on demand', async () => {
    const s = await start({ welcome: false, pingIntervalMs: 10 });
    const { ws, frames } = await connect(s.url);
    let pings = 0;
    ws.on('ping', () => pings++);
    await waitFor(() => pings >= 2, 'two pings');
    expect(frames).toEqual([]);
    expect(s.connectionCount()).toBe(1);
    const closed = new Promise<number>((resolve) => ws.once('close', resolve));
    s.dropAllConnections();
    expect(await closed).toBe(1006);
    await waitFor(() => s.connectionCount() === 0, 'count to drop');
  });

  it('drops every socket subscribed to a token at dropConnectionAt while the agent keeps running', async () => {
    const s = await start();
    const { agenttoken } = s.createMessage({
      text: 'q'.repeat(60),
      chunkChars: 10,
      intervalMs: 2,
      queueMs: 2,
      dropConnectionAt: 20,
    });
    const bystander = await connect(s.url);
    const { ws } = await connect(s.url);
    ws.send(JSON.stringify({ type: 'agent_info', agenttoken }));
    await new Promise((resolve) => ws.once('close', resolve));
    expect(bystander.ws.readyState).toBe(WebSocket.OPEN);
    await waitFor(() => s.backend.getMessage({ agenttoken })?.status === 'agent_end', 'the agent to finish anyway');
  });

  it('broadcasts raw text and binary data', async () => {
    const s = await start();
    const ws = new WebSocket(s.url);
    clients.push(ws);
    const got: [string, boolean][] = [];
    ws.on('message', (data, isBinary) => got.push([isBinary ? 'binary' : frameText(data), isBinary]));
    await waitFor(() => got.length === 1, 'welcome');
    s.broadcastRaw('{oops');
    s.broadcastRaw(new Uint8Array([1, 2]));
    await waitFor(() => got.length === 3, 'raw frames');
    expect(got.slice(1)).toEqual([
      ['{oops', false],
      ['binary', true],
    ]);
  });
});

describe('REST /v1/UserAgent/Message/*', () => {
  it('sends, then the socket streams the scripted reply for the returned token', async () => {
    const s = await start({ reply: (text) => agentScenario({ text: `re: ${text}`, intervalMs: 2, queueMs: 300 }) });
    const res = await post(s, 'Send', { useragentguid: GUID, message: 'ping', sessionkey: 'user-42' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      result: boolean;
      agenttoken: string;
      messageguid: string;
      status: string;
      errors: unknown[];
    };
    expect(body).toMatchObject({ result: true, errors: [], status: 'agent_queue' });

    const { ws, frames } = await connect(s.url);
    ws.send(JSON.stringify({ type: 'agent_info', agenttoken: body.agenttoken }));
    await waitFor(() => frames.some((f) => f.type === 'agent_end'), 'the end');
    const detail = (await (await post(s, 'Detail', { messageguid: body.messageguid })).json()) as {
      data: Record<string, unknown>;
    };
    expect(detail.data).toMatchObject({
      guid: body.messageguid,
      status: 'agent_end',
      response: 're: ping',
      sessionkey: 'user-42',
    });
  });

  it('accepts a multipart Send and records the attachments, serving the files back', async () => {
    const s = await start({ reply: () => agentScenario({ text: 'got it', queueMs: 1000 }) });
    const form = new FormData();
    form.set('useragentguid', GUID);
    form.set('message', '');
    form.append('attachments[]', new File(['hello file'], 'note.txt', { type: 'text/plain' }));
    const res = await fetch(`${s.httpUrl}/UserAgent/Message/Send`, { method: 'POST', body: form });
    const body = (await res.json()) as { result: boolean; messageguid: string };
    expect(body.result).toBe(true);

    const detail = (await (await post(s, 'Detail', { messageguid: body.messageguid })).json()) as {
      data: { attachments: { url: string; name: string; type: string; size: number }[]; content: string };
    };
    expect(detail.data.content).toBe('');
    expect(detail.data.attachments).toEqual([
      {
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v1\/mock-files\//),
        name: 'note.txt',
        type: 'text/plain',
        size: 10,
      },
    ]);
    const file = await fetch(detail.data.attachments[0]?.url as string);
    expect(await file.text()).toBe('hello file');
  });

  it('answers bad requests with result false and errors', async () => {
    const s = await start();
    const bad = await post(s, 'Send', '{not json');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ result: false, errors: [{ message: expect.stringMatching(/JSON/) }] });
    const missing = await post(s, 'Send', { message: 'no guid' });
    expect(await missing.json()).toEqual({
      result: false,
      errors: [{ code: 400, message: 'useragentguid is required' }],
    });
    expect((await post(s, 'Teleport', {})).status).toBe(404);
    expect((await fetch(`${s.httpUrl}/UserAgent/Message/Send`)).status).toBe(405);
  });

  it('sends CORS headers and answers the preflight', async () => {
    const s = await start();
    const pre = await fetch(`${s.httpUrl}/UserAgent/Message/Send`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(pre.headers.get('access-control-allow-headers')).toContain('content-type');
    const res = await post(s, 'Sessions', { useragentguid: GUID }, { origin: 'http://localhost:5173' });
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('requires x-api-key only when apiKey is set', async () => {
    const s = await start({ apiKey: 'test-key' });
    const without = await post(s, 'Sessions', { useragentguid: GUID });
    expect(without.status).toBe(401);
    expect(await without.json()).toMatchObject({ result: false });
    const withKey = await post(s, 'Sessions', { useragentguid: GUID }, { 'x-api-key': 'test-key' });
    expect(await withKey.json()).toEqual({ result: true, errors: [], data: { sessions: [] } });
  });

  it('refuses bodies over the size limit', async () => {
    const s = await start({ maxBodyBytes: 100 });
    const res = await post(s, 'Send', { useragentguid: GUID, message: 'x'.repeat(500) });
    expect(res.status).toBe(413);
  });
});

/** A text frame's content (`ws` hands over a Buffer, or a list of them for fragmented frames). */
function frameText(data: RawData): string {
  return Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
}
