import { createHmac } from 'node:crypto';
import { createServer, request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { guardConsoleAgainst } from '../support/console-guard';
import { createAgentApi, WiroApiError } from 'wiro-agent-react/core';
import { toNodeHandler, createAgentProxy } from 'wiro-agent-react/server';

const KEY = 'node-key-Q1w2E3r4';
const SECRET = 'node-secret-Z9x8C7';
const GUID = 'agent-guid-node';

interface UpstreamHit {
  path: string;
  headers: IncomingHttpHeaders;
  json: Record<string, unknown> | null;
  form: FormData | null;
}

/** The mock Wiro: a real HTTP server on 127.0.0.1 recording what reached it. */
const hits: UpstreamHit[] = [];
/** Requests the mock Wiro holds without answering (to test client disconnects). */
let hang = false;
const upstreamClosed: string[] = [];

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function mockWiro(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const raw = await readAll(req);
  const contentType = req.headers['content-type'] ?? '';
  const hit: UpstreamHit = { path: req.url ?? '', headers: req.headers, json: null, form: null };
  if (contentType.startsWith('multipart/form-data')) {
    hit.form = await new Request('http://wiro.local/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: new Uint8Array(raw),
    }).formData();
  } else {
    hit.json = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  }
  hits.push(hit);
  if (hang) {
    res.once('close', () => upstreamClosed.push(hit.path));
    return;
  }
  res.setHeader('content-type', 'application/json');
  res.setHeader('x-upstream-echo', KEY);
  res.end(
    JSON.stringify({
      result: true,
      errors: [],
      messageguid: 'm-1',
      agenttoken: 'tokNODE123456',
      status: 'agent_queue',
      note: `k=${KEY}`,
    }),
  );
}

let upstream: Server;
let proxyServer: Server;
let proxyUrl: string;

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/** A raw HTTP call, so the test sees exactly what went over the wire. */
function rawPost(
  path: string,
  body: Buffer | string,
  headers: Record<string, string>,
  method = 'POST',
): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${proxyUrl}${path}`, { method, headers }, (res) => {
      readAll(res).then(
        (buf) => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: buf.toString('utf8') }),
        reject,
      );
    });
    // An early answer (413) may close the socket while we still write: that is expected.
    req.on('error', reject);
    req.end(body);
  });
}

guardConsoleAgainst(KEY, SECRET);

beforeAll(async () => {
  upstream = createServer((req, res) => void mockWiro(req, res));
  const upstreamUrl = await listen(upstream);
  const handler = createAgentProxy({
    apiKey: KEY,
    apiSecret: SECRET,
    useragentguid: GUID,
    upstream: `${upstreamUrl}/v1`,
    maxBodyBytes: 10_000,
    maxMultipartBytes: 100_000,
  });
  proxyServer = createServer(
    toNodeHandler(async (request) => {
      if (new URL(request.url).pathname === '/boom') throw new Error(`boom ${KEY}`);
      return handler(request);
    }),
  );
  proxyUrl = await listen(proxyServer);
});

afterAll(async () => {
  await close(proxyServer);
  await close(upstream);
});

beforeEach(() => {
  hits.length = 0;
  hang = false;
  upstreamClosed.length = 0;
});

describe('toNodeHandler(createAgentProxy) over node:http on 127.0.0.1', () => {
  it('carries a browser-style client call to the mock Wiro, signed, with the agent injected', async () => {
    const api = createAgentApi({ baseUrl: `${proxyUrl}/api/wiro` });
    const result = await api.send({ message: 'Hello over HTTP', sessionkey: 's-1' });
    expect(result).toEqual({ messageguid: 'm-1', agenttoken: 'tokNODE123456', status: 'agent_queue' });
    expect(hits).toHaveLength(1);
    const [hit] = hits;
    expect(hit?.path).toBe('/v1/UserAgent/Message/Send');
    expect(hit?.json).toEqual({ useragentguid: GUID, message: 'Hello over HTTP', sessionkey: 's-1' });
    const nonce = String(hit?.headers['x-nonce']);
    expect(hit?.headers['x-api-key']).toBe(KEY);
    expect(hit?.headers['x-signature']).toBe(
      createHmac('sha256', KEY)
        .update(SECRET + nonce)
        .digest('hex'),
    );
  });

  it('streams a multipart upload through to Wiro with its files intact', async () => {
    const api = createAgentApi({ baseUrl: `${proxyUrl}/api/wiro` });
    const bytes = new Uint8Array(30_000).map((_, i) => i % 251);
    await api.send({
      message: 'pic',
      attachments: [new File([bytes], 'pic.bin', { type: 'application/octet-stream' })],
    });
    const form = hits[0]?.form;
    expect(form?.get('useragentguid')).toBe(GUID);
    const file = form?.get('attachments[]') as File | null;
    expect(file?.name).toBe('pic.bin');
    expect(new Uint8Array((await file?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(bytes);
  });

  it('never lets the key or secret out in a forwarded answer', async () => {
    const response = await rawPost('/api/wiro/UserAgent/Message/Send', JSON.stringify({ message: 'x' }), {
      'content-type': 'application/json',
    });
    expect(response.status).toBe(200);
    const everything = response.text + JSON.stringify(response.headers);
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain(SECRET);
    expect(response.headers['x-upstream-echo']).toBeUndefined();
  });

  it('returns the proxy refusals as JSON over the wire', async () => {
    const get = await rawPost('/api/wiro/UserAgent/Message/Send', '', {}, 'GET');
    expect(get.status).toBe(405);
    expect(JSON.parse(get.text)).toMatchObject({ result: false, errors: [{ code: 'method_not_allowed' }] });
    const foreign = await rawPost('/x/Send', JSON.stringify({ useragentguid: 'other', message: 'x' }), {
      'content-type': 'application/json',
    });
    expect(foreign.status).toBe(403);
    expect(hits).toHaveLength(0);
  });

  it('refuses an oversized upload with 413 without forwarding it', async () => {
    const big = Buffer.alloc(200_000, 0x20);
    const response = await rawPost('/x/Send', big, { 'content-type': 'application/json' });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.text)).toMatchObject({ errors: [{ code: 'body_too_large' }] });
    expect(hits).toHaveLength(0);
  });

  it('refuses an oversized chunked upload (no content-length) with 413', async () => {
    const response = await rawPost('/x/Send', Buffer.alloc(50_000, 0x20), {
      'content-type': 'application/json',
      'transfer-encoding': 'chunked',
    });
    expect(response.status).toBe(413);
    expect(hits).toHaveLength(0);
  });

  it('maps a throwing handler to a generic 500 JSON answer', async () => {
    const response = await rawPost('/boom', '{}', { 'content-type': 'application/json' });
    expect(response.status).toBe(500);
    expect(response.text).not.toContain(KEY);
    expect(JSON.parse(response.text)).toMatchObject({ result: false, errors: [{ code: 'internal_error' }] });
  });

  it('cancels the upstream call when the browser goes away', async () => {
    hang = true;
    const controller = new AbortController();
    const api = createAgentApi({ baseUrl: `${proxyUrl}/api/wiro` });
    const pending = api.sessions({}, { signal: controller.signal }).catch((error: unknown) => error);
    await vi.waitFor(() => expect(hits).toHaveLength(1));
    controller.abort();
    expect(((await pending) as Error).name).toBe('AbortError');
    await vi.waitFor(() => expect(upstreamClosed).toEqual(['/v1/UserAgent/Message/Sessions']));
  });

  it('reports an unreachable proxy to the client as a network WiroApiError', async () => {
    const dead = createServer();
    const url = await listen(dead);
    await close(dead);
    const error = await createAgentApi({ baseUrl: url })
      .sessions()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WiroApiError);
    expect(error).toMatchObject({ code: 'network' });
  });
});
