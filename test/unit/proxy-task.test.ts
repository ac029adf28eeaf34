/**
 * `createTaskProxy`: model runs for an allowlist of models, Task/Detail|Cancel|Kill by tasktoken, with
 * the agent proxy's signing, scrubbing, caps and refusals. Against a fake Wiro (an injected fetch), and
 * once through `toNodeHandler` over node:http with the REST client as a browser would use it.
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { guardConsoleAgainst } from '../support/console-guard';
import { createAgentApi, type FetchLike } from 'wiro-agent-react/core';
import { createAgentProxy, createTaskProxy, toNodeHandler, type TaskProxyOptions } from 'wiro-agent-react/server';

const KEY = 'task-proxy-key-K3y9Zq';
const SECRET = 'task-proxy-secret-S3cr7t';
const UPSTREAM = 'https://wiro.test/v1';
const MODEL = 'wiro/flux-dev';

interface UpstreamCall {
  path: string;
  headers: Headers;
  json: Record<string, unknown> | null;
  form: FormData | null;
}

function fakeWiro(answer: (path: string) => Response = defaultAnswer): { fetch: FetchLike; calls: UpstreamCall[] } {
  const calls: UpstreamCall[] = [];
  const fetch: FetchLike = async (url, init) => {
    const request = new Request(url, init);
    const isForm = (request.headers.get('content-type') ?? '').startsWith('multipart/form-data');
    const path = new URL(url).pathname.replace(/^\/v1/, '');
    calls.push({
      path,
      headers: request.headers,
      json: isForm ? null : ((await request.json()) as Record<string, unknown>),
      form: isForm ? await request.formData() : null,
    });
    return answer(path);
  };
  return { fetch, calls };
}

function defaultAnswer(path: string): Response {
  if (path.startsWith('/Run/'))
    return Response.json({ result: true, errors: [], taskid: '534574', socketaccesstoken: 'tok-run-1' });
  if (path === '/Task/Detail') {
    return Response.json({
      result: true,
      errors: [],
      total: '1',
      tasklist: [{ id: '534574', socketaccesstoken: 'tok-run-1', status: 'task_start', pexit: '', outputs: [] }],
    });
  }
  return Response.json({ result: true, errors: [] });
}

function proxyWith(overrides: Partial<TaskProxyOptions> = {}, wiro = fakeWiro()) {
  const handle = createTaskProxy({
    apiKey: KEY,
    apiSecret: SECRET,
    models: [MODEL, 'acme/llm-chat'],
    upstream: UPSTREAM,
    fetch: wiro.fetch,
    ...overrides,
  });
  return { handle, calls: wiro.calls };
}

function post(path: string, body: unknown): Request {
  return new Request(`http://localhost/api/wiro${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function expectRefusal(
  response: Response,
  status: number,
  code: string,
): Promise<{ errors: { message: string }[] }> {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { result: boolean; errors: { code: string; message: string }[] };
  expect(body.result).toBe(false);
  expect(body.errors[0]?.code).toBe(code);
  return body;
}

const console_ = guardConsoleAgainst(KEY, SECRET);

describe('createTaskProxy — Run', () => {
  it('forwards an allowlisted model run signed, inputs as given, the callback set by the server only', async () => {
    const { handle, calls } = proxyWith({ callbackUrl: 'https://my.app/hook' });
    const response = await handle(
      post(`/Run/${MODEL}`, {
        prompt: 'a lighthouse',
        steps: 30,
        inputImageUrl: 'https://cdn.test/a.png',
        callbackUrl: 'https://evil.test',
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      result: true,
      errors: [],
      taskid: '534574',
      socketaccesstoken: 'tok-run-1',
    });
    const [call] = calls;
    expect(call?.path).toBe('/Run/wiro/flux-dev');
    expect(call?.json).toEqual({
      prompt: 'a lighthouse',
      steps: 30,
      inputImageUrl: 'https://cdn.test/a.png',
      callbackUrl: 'https://my.app/hook',
    });
    const nonce = call?.headers.get('x-nonce') ?? '';
    expect(call?.headers.get('x-signature')).toBe(
      createHmac('sha256', KEY)
        .update(SECRET + nonce)
        .digest('hex'),
    );
  });

  it('refuses any model outside the allowlist with 404, whatever the path encoding, sending nothing', async () => {
    const { handle, calls } = proxyWith();
    for (const path of [
      '/Run/wiro/other',
      '/Run/Wiro/flux-dev',
      '/Run/wiro%2Fflux-dev/x',
      '/Run/wiro/flux-dev%2F..',
      '/Run/wiro/flux%ZZ',
      '/Run/acme/llm-chat/extra',
    ]) {
      const response = await handle(post(path, { prompt: 'x' }));
      expect(response.status).toBe(404);
      const body = (await response.json()) as { errors: { code: string }[] };
      expect(['model_not_allowed', 'unknown_endpoint']).toContain(body.errors[0]?.code);
    }
    expect(calls).toHaveLength(0);
  });

  it('forwards a multipart run with its files under their parameter ids, and caps its size', async () => {
    const { handle, calls } = proxyWith({ maxMultipartBytes: 10_000 });
    const form = new FormData();
    form.append('prompt', 'upscale');
    form.append('inputImage', new File(['PNGDATA'], 'a.png', { type: 'image/png' }));
    expect((await handle(new Request(`http://localhost/Run/${MODEL}`, { method: 'POST', body: form }))).status).toBe(
      200,
    );
    const sent = calls[0]?.form;
    expect(sent?.get('prompt')).toBe('upscale');
    const file = sent?.get('inputImage') as File;
    expect([file.name, file.type, await file.text()]).toEqual(['a.png', 'image/png', 'PNGDATA']);

    const big = new FormData();
    big.append('inputImage', new File(['x'.repeat(20_000)], 'b.png'));
    await expectRefusal(
      await handle(new Request(`http://localhost/Run/${MODEL}`, { method: 'POST', body: big })),
      413,
      'body_too_large',
    );
    expect(calls).toHaveLength(1);
  });

  it('lets authorize see the model, the inputs and the files, and refuse before anything is sent', async () => {
    const seen: unknown[] = [];
    const { handle, calls } = proxyWith({
      authorize: (_request, context) => {
        seen.push(context);
        return context.inputs.prompt !== 'forbidden';
      },
    });
    await expectRefusal(
      await handle(post(`/Run/${MODEL}`, { prompt: 'forbidden', callbackUrl: 'x' })),
      403,
      'forbidden',
    );
    const form = new FormData();
    form.append('prompt', 'ok');
    form.append('inputImage', new File(['12345'], 'a.png', { type: 'image/png' }));
    await handle(new Request('http://localhost/Run/acme/llm-chat', { method: 'POST', body: form }));
    await handle(post('/Task/Kill', { tasktoken: 'tok-9' }));
    expect(seen).toEqual([
      { endpoint: 'Run', model: MODEL, inputs: { prompt: 'forbidden' }, files: [], tasktoken: null },
      {
        endpoint: 'Run',
        model: 'acme/llm-chat',
        inputs: { prompt: 'ok' },
        files: [{ field: 'inputImage', name: 'a.png', type: 'image/png', size: 5 }],
        tasktoken: null,
      },
      { endpoint: 'Task/Kill', model: null, inputs: {}, files: [], tasktoken: 'tok-9' },
    ]);
    expect(calls.map((c) => c.path)).toEqual(['/Run/acme/llm-chat', '/Task/Kill']);
  });

  it('answers 500 when authorize throws, logging it without credentials', async () => {
    const { handle, calls } = proxyWith({
      authorize: () => {
        throw new Error(`db down ${KEY}`);
      },
    });
    await expectRefusal(await handle(post(`/Run/${MODEL}`, {})), 500, 'internal_error');
    expect(calls).toHaveLength(0);
    expect(String(console_.spy('error').mock.calls[0]?.[0])).toContain('[redacted]');
  });
});

describe('createTaskProxy — Task/Detail, Cancel, Kill', () => {
  it('forwards only the tasktoken, and relays the answer', async () => {
    const { handle, calls } = proxyWith();
    const detail = await handle(post('/Task/Detail', { tasktoken: 'tok-run-1', extra: 'dropped' }));
    expect(((await detail.json()) as { tasklist: unknown[] }).tasklist).toHaveLength(1);
    await handle(post('/Task/Cancel', { tasktoken: 'tok-run-1' }));
    await handle(post('/Task/Kill', { tasktoken: 'tok-run-1' }));
    expect(calls.map((c) => [c.path, c.json])).toEqual([
      ['/Task/Detail', { tasktoken: 'tok-run-1' }],
      ['/Task/Cancel', { tasktoken: 'tok-run-1' }],
      ['/Task/Kill', { tasktoken: 'tok-run-1' }],
    ]);
  });

  it('refuses a taskid (sequential, guessable), a missing or mistyped tasktoken, and multipart', async () => {
    const { handle, calls } = proxyWith();
    await expectRefusal(await handle(post('/Task/Detail', { taskid: '534574' })), 400, 'taskid_not_allowed');
    await expectRefusal(await handle(post('/Task/Detail', { taskid: 1, tasktoken: 't' })), 400, 'taskid_not_allowed');
    await expectRefusal(await handle(post('/Task/Kill', {})), 400, 'missing_field');
    await expectRefusal(await handle(post('/Task/Cancel', { tasktoken: ['a'] })), 400, 'invalid_field');
    const form = new FormData();
    form.append('tasktoken', 't');
    await expectRefusal(
      await handle(new Request('http://localhost/Task/Kill', { method: 'POST', body: form })),
      415,
      'unsupported_media_type',
    );
    expect(calls).toHaveLength(0);
  });

  it('forwards only the endpoints in allow, and refuses an unknown one at set-up', async () => {
    const { handle, calls } = proxyWith({ allow: ['Run', 'Task/Detail'] });
    await expectRefusal(await handle(post('/Task/Kill', { tasktoken: 't' })), 404, 'endpoint_not_allowed');
    await expectRefusal(await handle(post('/Task/Other', { tasktoken: 't' })), 404, 'unknown_endpoint');
    expect(calls).toHaveLength(0);
    expect(() => createTaskProxy({ apiKey: KEY, models: [], allow: ['Task/Delete' as 'Run'] })).toThrow(/Task\/Delete/);
  });
});

describe('createTaskProxy — configuration, secrecy, limits', () => {
  it('never throws at set-up for missing credentials or malformed models; requests get 500 proxy_not_configured', async () => {
    const unset = undefined as unknown as string;
    const onError = vi.fn();
    const handle = createTaskProxy({ apiKey: unset, models: ['wiro/ok', 'no-slash', ''], onError });
    const body = await expectRefusal(await handle(post(`/Run/${MODEL}`, {})), 500, 'proxy_not_configured');
    expect(body.errors[0]?.message).toMatch(/apiKey is missing.*models\[1\].*models\[2\]/);
    await handle(post('/Task/Detail', { tasktoken: 't' }));
    expect(onError).toHaveBeenCalledTimes(1);
    expect(() => createTaskProxy({ apiKey: KEY, models: [MODEL], cors: { origin: '*', credentials: true } })).toThrow(
      /credentials/,
    );
  });

  it('scrubs escaped credentials from answers and caps their size', async () => {
    const escaped = KEY.replace(/-/g, '\\u002d');
    const echo = fakeWiro(
      () => new Response(`{"result":false,"errors":[{"message":"bad key ${escaped}"}]}`, { status: 401 }),
    );
    const { handle } = proxyWith({}, echo);
    const response = await handle(post(`/Run/${MODEL}`, {}));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ result: false, errors: [{ message: 'bad key [redacted]' }] });

    const huge = fakeWiro(() => new Response(`{"result":true,"pad":"${'x'.repeat(5000)}"}`, { status: 200 }));
    const capped = proxyWith({ maxResponseBytes: 1000 }, huge);
    await expectRefusal(await capped.handle(post('/Task/Detail', { tasktoken: 't' })), 502, 'upstream_too_large');
  });

  it('holds to basePath when one is set', async () => {
    const { handle, calls } = proxyWith({ basePath: '/api/wiro' });
    expect((await handle(post(`/Run/${MODEL}`, {}))).status).toBe(200);
    const outside = new Request(`http://localhost/elsewhere/Run/${MODEL}`, { method: 'POST', body: '{}' });
    await expectRefusal(await handle(outside), 404, 'unknown_endpoint');
    expect(calls).toHaveLength(1);
  });
});

describe('createTaskProxy beside createAgentProxy, over node:http with the REST client', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(
      servers.splice(0).map(
        (server) =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      ),
    );
  });

  function listen(server: Server): Promise<string> {
    servers.push(server);
    return new Promise((resolve) => {
      server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
    });
  }

  it('carries run, taskDetail and killTask from createAgentApi to Wiro and back, and agent calls beside them', async () => {
    const hits: { path: string; key: string | undefined; body: unknown }[] = [];
    const wiro = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = (req.url ?? '').replace(/^\/v1/, '');
        hits.push({
          path,
          key: req.headers['x-api-key'] as string | undefined,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(defaultAnswerBody(path)));
      });
    });
    const upstream = `${await listen(wiro)}/v1`;
    const tasks = createTaskProxy({ apiKey: KEY, apiSecret: SECRET, models: [MODEL], upstream, basePath: '/api/wiro' });
    const agent = createAgentProxy({
      apiKey: KEY,
      apiSecret: SECRET,
      useragentguid: 'agent-1',
      upstream,
      basePath: '/api/wiro/UserAgent/Message',
    });
    // One mount point: agent calls to the agent proxy, runs and tasks to the task proxy.
    const proxy = createServer(
      toNodeHandler((request) =>
        new URL(request.url).pathname.startsWith('/api/wiro/UserAgent/') ? agent(request) : tasks(request),
      ),
    );
    const api = createAgentApi({ baseUrl: `${await listen(proxy)}/api/wiro` });

    expect(await api.run(MODEL, { prompt: 'a lighthouse' })).toEqual({ taskid: '534574', tasktoken: 'tok-run-1' });
    expect(await api.taskDetail({ tasktoken: 'tok-run-1' })).toMatchObject({
      taskid: '534574',
      status: 'task_start',
      pexit: null,
    });
    await api.killTask('tok-run-1');
    await api.sessions();
    await expect(api.run('wiro/other', {})).rejects.toMatchObject({ code: 'http', status: 404, endpoint: 'Run' });
    await expect(api.taskDetail({ taskid: 534574 })).rejects.toMatchObject({ code: 'http', status: 400 });
    expect(hits.map((h) => [h.path, h.key, h.body])).toEqual([
      ['/Run/wiro/flux-dev', KEY, { prompt: 'a lighthouse' }],
      ['/Task/Detail', KEY, { tasktoken: 'tok-run-1' }],
      ['/Task/Kill', KEY, { tasktoken: 'tok-run-1' }],
      ['/UserAgent/Message/Sessions', KEY, { useragentguid: 'agent-1' }],
    ]);
  });

  it('the agent proxy alone answers a task path with a hint instead of mistaking it for an agent call', async () => {
    const wiro = fakeWiro();
    const agent = createAgentProxy({ apiKey: KEY, useragentguid: 'agent-1', fetch: wiro.fetch });
    const body = await expectRefusal(await agent(post('/Task/Detail', { tasktoken: 't' })), 404, 'unknown_endpoint');
    expect(body.errors[0]?.message).toMatch(/createTaskProxy/);
    expect(wiro.calls).toHaveLength(0);
  });
});

function defaultAnswerBody(path: string): unknown {
  if (path.startsWith('/Run/')) return { result: true, errors: [], taskid: 534574, socketaccesstoken: 'tok-run-1' };
  if (path === '/Task/Detail') {
    return {
      result: true,
      errors: [],
      total: '1',
      tasklist: [{ id: '534574', socketaccesstoken: 'tok-run-1', status: 'task_start', pexit: '', outputs: [] }],
    };
  }
  if (path.endsWith('/Sessions')) return { result: true, errors: [], data: { sessions: [] } };
  return { result: true, errors: [] };
}
