import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { guardConsoleAgainst } from '../support/console-guard';
import type { FetchLike } from 'wiro-agent-react/core';
import { createAgentProxy, type AgentProxyOptions } from 'wiro-agent-react/server';

const KEY = 'proxy-key-K3y9Zq';
const SECRET = 'proxy-secret-S3cr7t';
const GUID = 'agent-guid-1';
const UPSTREAM = 'https://wiro.test/v1';
const ORIGIN = 'https://app.example';

interface UpstreamCall {
  endpoint: string;
  url: string;
  headers: Headers;
  json: Record<string, unknown> | null;
  form: FormData | null;
}

/** A fake Wiro reached through the proxy's injected fetch: records what it saw, answers per endpoint. */
function fakeWiro(answer: (endpoint: string, call: UpstreamCall) => Response | Promise<Response> = defaultAnswer): {
  fetch: FetchLike;
  calls: UpstreamCall[];
} {
  const calls: UpstreamCall[] = [];
  const fetch: FetchLike = async (url, init) => {
    const request = new Request(url, init);
    const contentType = request.headers.get('content-type') ?? '';
    const call: UpstreamCall = {
      endpoint: url.slice(url.lastIndexOf('/') + 1),
      url,
      headers: request.headers,
      json: null,
      form: null,
    };
    if (contentType.startsWith('multipart/form-data')) call.form = await request.formData();
    else call.json = (await request.json()) as Record<string, unknown>;
    calls.push(call);
    return answer(call.endpoint, call);
  };
  return { fetch, calls };
}

function defaultAnswer(endpoint: string, call: UpstreamCall): Response {
  switch (endpoint) {
    case 'Send':
      return Response.json({
        result: true,
        errors: [],
        messageguid: 'm-1',
        agenttoken: 'tok-1',
        status: 'agent_queue',
      });
    case 'Detail':
      return Response.json({
        result: true,
        errors: [],
        data: {
          guid: 'm-1',
          sessionkey: call.json?.agenttoken === 'tok-other' ? 'user-2' : 'user-1',
          status: 'agent_output',
        },
      });
    case 'History':
      return Response.json({ result: true, errors: [], data: { messages: [], count: 0, hasmore: false } });
    case 'Sessions':
      return Response.json({
        result: true,
        errors: [],
        data: {
          sessions: [
            { sessionkey: 'user-1', messagecount: '2', updatedat: '1', lastmessage: 'mine' },
            { sessionkey: 'user-2', messagecount: '5', updatedat: '2', lastmessage: 'secret of user 2' },
          ],
        },
      });
    default:
      return Response.json({ result: true, errors: [] });
  }
}

function post(endpoint: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost/api/wiro/UserAgent/Message/${endpoint}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

interface ErrorBody {
  result: false;
  errors: { code: string; message: string }[];
}

async function expectRefusal(response: Response, status: number, code: string): Promise<ErrorBody> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as ErrorBody;
  expect(body.result).toBe(false);
  expect(body.errors[0]?.code).toBe(code);
  expect(body.errors[0]?.message.length).toBeGreaterThan(5);
  return body;
}

function proxyWith(overrides: Partial<AgentProxyOptions> = {}): {
  handle: (request: Request) => Promise<Response>;
  calls: UpstreamCall[];
} {
  const wiro = fakeWiro();
  const handle = createAgentProxy({
    apiKey: KEY,
    apiSecret: SECRET,
    useragentguid: GUID,
    upstream: UPSTREAM,
    fetch: wiro.fetch,
    ...overrides,
  });
  return { handle, calls: wiro.calls };
}

// Whatever a test did, nothing it logged may carry a credential.
const console_ = guardConsoleAgainst(KEY, SECRET);
afterEach(() => {
  vi.useRealTimers();
});

describe('createAgentProxy — refusals', () => {
  it('refuses a method other than POST with 405 and an Allow header', async () => {
    const { handle, calls } = proxyWith();
    const response = await handle(new Request('http://localhost/api/wiro/UserAgent/Message/Send', { method: 'GET' }));
    await expectRefusal(response, 405, 'method_not_allowed');
    expect(response.headers.get('allow')).toBe('POST');
    expect(calls).toHaveLength(0);
  });

  it('does not answer OPTIONS preflights unless cors is set', async () => {
    const { handle } = proxyWith();
    const response = await handle(
      new Request('http://localhost/x/Send', { method: 'OPTIONS', headers: { origin: ORIGIN } }),
    );
    await expectRefusal(response, 405, 'method_not_allowed');
  });

  it('refuses an unknown endpoint with 404', async () => {
    const { handle, calls } = proxyWith();
    await expectRefusal(await handle(post('Delete', {})), 404, 'unknown_endpoint');
    await expectRefusal(await handle(post('send', { message: 'case matters' })), 404, 'unknown_endpoint');
    expect(calls).toHaveLength(0);
  });

  it('refuses DeleteSession by default (opt-in) and any endpoint left out of allow', async () => {
    const byDefault = proxyWith();
    await expectRefusal(
      await byDefault.handle(post('DeleteSession', { sessionkey: 's' })),
      404,
      'endpoint_not_allowed',
    );
    const sendOnly = proxyWith({ allow: ['Send'] });
    await expectRefusal(await sendOnly.handle(post('History', {})), 404, 'endpoint_not_allowed');
    expect([...byDefault.calls, ...sendOnly.calls]).toHaveLength(0);
  });

  it('refuses paths outside basePath when one is set', async () => {
    const { handle } = proxyWith({ basePath: '/api/wiro/UserAgent/Message' });
    const outside = new Request('http://localhost/elsewhere/Send', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"message":"x"}',
    });
    await expectRefusal(await handle(outside), 404, 'unknown_endpoint');
    expect((await handle(post('Send', { message: 'x' }))).status).toBe(200);
  });

  it('refuses a body naming another agent with 403', async () => {
    const { handle, calls } = proxyWith();
    await expectRefusal(
      await handle(post('Send', { useragentguid: 'someone-else', message: 'x' })),
      403,
      'foreign_agent',
    );
    await expectRefusal(await handle(post('Sessions', { useragentguid: 42 })), 403, 'foreign_agent');
    expect(calls).toHaveLength(0);
  });

  it('refuses with 403 when authorize returns false, sync or async', async () => {
    for (const authorize of [() => false, async () => false]) {
      const { handle, calls } = proxyWith({ authorize });
      await expectRefusal(await handle(post('Send', { message: 'x' })), 403, 'forbidden');
      expect(calls).toHaveLength(0);
    }
  });

  it('answers 500 with a generic message when authorize throws, logging nothing secret', async () => {
    const { handle, calls } = proxyWith({
      authorize: () => {
        throw new Error(`db down while checking ${KEY} ${SECRET}`);
      },
    });
    const body = await expectRefusal(await handle(post('Send', { message: 'x' })), 500, 'internal_error');
    expect(JSON.stringify(body)).not.toMatch(/db down/);
    expect(calls).toHaveLength(0);
    const errorLog = console_.spy('error');
    expect(errorLog.mock.calls.length).toBe(1);
    expect(String(errorLog.mock.calls[0]?.[0])).toContain('[redacted]');
  });

  it('refuses an oversized body by its content-length with 413, before reading it', async () => {
    const { handle, calls } = proxyWith({ maxBodyBytes: 100 });
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(50));
      },
    });
    const request = new Request('http://localhost/w/Send', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '5000' },
      body,
      duplex: 'half',
    } as RequestInit);
    await expectRefusal(await handle(request), 413, 'body_too_large');
    expect(pulled).toBeLessThanOrEqual(1);
    expect(calls).toHaveLength(0);
  });

  it('refuses a streamed body without content-length as soon as it passes the cap', async () => {
    const { handle } = proxyWith({ maxBodyBytes: 1000 });
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 400;
        controller.enqueue(new TextEncoder().encode(' '.repeat(400)));
      },
    });
    const request = new Request('http://localhost/w/Send', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: endless,
      duplex: 'half',
    } as RequestInit);
    await expectRefusal(await handle(request), 413, 'body_too_large');
    // It stopped pulling right after the limit instead of reading an endless body.
    expect(sent).toBeLessThan(3000);
  });

  it('applies the larger multipart limit to multipart Sends only', async () => {
    const { handle } = proxyWith({ maxBodyBytes: 100, maxMultipartBytes: 10_000 });
    const form = new FormData();
    form.append('message', 'look');
    form.append('attachments[]', new File(['x'.repeat(2000)], 'a.txt'));
    const ok = await handle(new Request('http://localhost/w/Send', { method: 'POST', body: form }));
    expect(ok.status).toBe(200);
    const big = new FormData();
    big.append('attachments[]', new File(['x'.repeat(20_000)], 'b.txt'));
    await expectRefusal(
      await handle(new Request('http://localhost/w/Send', { method: 'POST', body: big })),
      413,
      'body_too_large',
    );
  });

  it('refuses bad JSON and non-object JSON with 400', async () => {
    const { handle, calls } = proxyWith();
    await expectRefusal(await handle(post('Send', '{"message": ')), 400, 'bad_json');
    await expectRefusal(await handle(post('Send', '["message"]')), 400, 'bad_json');
    await expectRefusal(await handle(post('Send', 'null')), 400, 'bad_json');
    expect(calls).toHaveLength(0);
  });

  it('refuses missing and mistyped fields with 400', async () => {
    const { handle, calls } = proxyWith({ allow: ['Send', 'Detail', 'Cancel', 'History', 'DeleteSession'] });
    await expectRefusal(await handle(post('Send', {})), 400, 'missing_field');
    await expectRefusal(await handle(post('Send', { message: '' })), 400, 'missing_field');
    await expectRefusal(await handle(post('Send', { message: { $ne: 1 } })), 400, 'invalid_field');
    await expectRefusal(await handle(post('Send', { message: 'x', sessionkey: ['a', 'b'] })), 400, 'invalid_field');
    await expectRefusal(await handle(post('Detail', {})), 400, 'missing_field');
    await expectRefusal(await handle(post('Detail', { agenttoken: { length: 30 } })), 400, 'invalid_field');
    await expectRefusal(await handle(post('Cancel', { useragentguid: GUID })), 400, 'missing_field');
    await expectRefusal(await handle(post('History', { limit: 1000 })), 400, 'invalid_field');
    await expectRefusal(await handle(post('DeleteSession', {})), 400, 'missing_field');
    expect(calls).toHaveLength(0);
  });

  it('refuses other media types with 415, and multipart on endpoints other than Send', async () => {
    const { handle } = proxyWith();
    const text = new Request('http://localhost/w/Send', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'message=hi',
    });
    await expectRefusal(await handle(text), 415, 'unsupported_media_type');
    const form = new FormData();
    form.append('agenttoken', 't');
    await expectRefusal(
      await handle(new Request('http://localhost/w/Detail', { method: 'POST', body: form })),
      415,
      'unsupported_media_type',
    );
  });

  it('refuses a repeated multipart field (parameter pollution) with 400', async () => {
    const { handle, calls } = proxyWith();
    const form = new FormData();
    form.append('useragentguid', GUID);
    form.append('useragentguid', 'other-agent');
    form.append('message', 'x');
    await expectRefusal(
      await handle(new Request('http://localhost/w/Send', { method: 'POST', body: form })),
      400,
      'duplicate_field',
    );
    expect(calls).toHaveLength(0);
  });

  it('refuses cross-site browser requests unless cors allows the origin', async () => {
    const { handle, calls } = proxyWith();
    const crossSite = post(
      'Send',
      { message: 'x' },
      { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
    );
    await expectRefusal(await handle(crossSite), 403, 'origin_not_allowed');
    const oldBrowser = post('Send', { message: 'x' }, { origin: 'https://evil.example' });
    await expectRefusal(await handle(oldBrowser), 403, 'origin_not_allowed');
    expect(calls).toHaveLength(0);
    const sameOrigin = post('Send', { message: 'x' }, { 'sec-fetch-site': 'same-origin', origin: 'http://localhost' });
    expect((await handle(sameOrigin)).status).toBe(200);
  });
});

describe('createAgentProxy — forwarding', () => {
  it('forwards a Send signed, with the agent injected and only documented fields', async () => {
    const { handle, calls } = proxyWith();
    const response = await handle(
      post(
        'Send',
        { message: 'Hello', sessionkey: 's-1', callbackurl: 'https://evil.example/hook', admin: true },
        {
          'x-api-key': 'browser-supplied',
          'x-signature': 'forged',
          'x-nonce': '1',
          cookie: 'session=abc',
          authorization: 'Bearer user-token',
        },
      ),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      result: true,
      errors: [],
      messageguid: 'm-1',
      agenttoken: 'tok-1',
      status: 'agent_queue',
    });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.url).toBe(`${UPSTREAM}/UserAgent/Message/Send`);
    expect(call?.json).toEqual({ useragentguid: GUID, message: 'Hello', sessionkey: 's-1' });
    const headers = call?.headers ?? new Headers();
    expect(headers.get('x-api-key')).toBe(KEY);
    const nonce = headers.get('x-nonce') ?? '';
    expect(nonce).toMatch(/^\d+$/);
    expect(headers.get('x-signature')).toBe(
      createHmac('sha256', KEY)
        .update(SECRET + nonce)
        .digest('hex'),
    );
    expect(headers.get('cookie')).toBeNull();
    expect(headers.get('authorization')).toBeNull();
  });

  it('uses x-api-key alone without a secret', async () => {
    const { handle, calls } = proxyWith({ apiSecret: undefined });
    await handle(post('Sessions', {}));
    expect(calls[0]?.headers.get('x-api-key')).toBe(KEY);
    expect(calls[0]?.headers.get('x-signature')).toBeNull();
    expect(calls[0]?.headers.get('x-nonce')).toBeNull();
  });

  it('accepts a body naming the configured agent, and sets the server-side callbackurl', async () => {
    const { handle, calls } = proxyWith({ callbackurl: 'https://my.app/hook' });
    expect((await handle(post('Send', { useragentguid: GUID, message: 'x' }))).status).toBe(200);
    expect(calls[0]?.json).toEqual({ useragentguid: GUID, message: 'x', callbackurl: 'https://my.app/hook' });
  });

  it('forwards a multipart Send as multipart, attachments kept, agent and session enforced', async () => {
    const { handle, calls } = proxyWith({ authorize: () => ({ sessionkey: 'user-1' }) });
    const form = new FormData();
    form.append('message', 'see attached');
    form.append('sessionkey', 'user-2');
    form.append('attachments[]', new File(['PNGDATA'], 'a.png', { type: 'image/png' }));
    form.append('attachments[]', new File(['second'], 'b.txt', { type: 'text/plain' }));
    const response = await handle(new Request('http://localhost/w/Send', { method: 'POST', body: form }));
    expect(response.status).toBe(200);
    const upstreamForm = calls[0]?.form;
    expect(upstreamForm?.get('useragentguid')).toBe(GUID);
    expect(upstreamForm?.get('sessionkey')).toBe('user-1');
    expect(upstreamForm?.get('message')).toBe('see attached');
    const files = (upstreamForm?.getAll('attachments[]') ?? []) as File[];
    expect(files.map((f) => f.name)).toEqual(['a.png', 'b.txt']);
    expect(await files[0]?.text()).toBe('PNGDATA');
    expect(files[0]?.type).toBe('image/png');
  });

  it('forwards Detail and Cancel with only the message reference', async () => {
    const { handle, calls } = proxyWith();
    await handle(post('Detail', { agenttoken: 'tok-1', useragentguid: GUID, sessionkey: 'x', extra: 1 }));
    await handle(post('Cancel', { messageguid: 'm-1', limit: 3 }));
    expect(calls.map((c) => [c.endpoint, c.json])).toEqual([
      ['Detail', { agenttoken: 'tok-1' }],
      ['Cancel', { messageguid: 'm-1' }],
    ]);
  });

  it('forwards History with its cursor and limit, and DeleteSession when opted in', async () => {
    const { handle, calls } = proxyWith({ allow: ['History', 'DeleteSession'] });
    await handle(post('History', { sessionkey: 's', limit: '20', before: 'm-9' }));
    await handle(post('DeleteSession', { sessionkey: 's' }));
    expect(calls.map((c) => c.json)).toEqual([
      { useragentguid: GUID, sessionkey: 's', limit: 20, before: 'm-9' },
      { useragentguid: GUID, sessionkey: 's' },
    ]);
  });

  it('passes upstream result:false answers through with their status', async () => {
    const wiro = fakeWiro(() =>
      Response.json({ result: false, errors: [{ code: 0, message: 'Agent is not running' }] }, { status: 400 }),
    );
    const handle = createAgentProxy({ apiKey: KEY, useragentguid: GUID, upstream: UPSTREAM, fetch: wiro.fetch });
    const response = await handle(post('Send', { message: 'x' }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ result: false, errors: [{ code: 0, message: 'Agent is not running' }] });
  });

  it('gives authorize the request and the body, and lets it allow with true or nothing', async () => {
    const seen: unknown[] = [];
    const { handle, calls } = proxyWith({
      authorize: (request, context) => {
        seen.push([request.headers.get('authorization'), context.endpoint, context.body]);
        return true;
      },
    });
    await handle(post('Send', { message: 'hi' }, { authorization: 'Bearer u1' }));
    expect(seen).toEqual([['Bearer u1', 'Send', { message: 'hi' }]]);
    expect(calls).toHaveLength(1);
  });
});

describe('createAgentProxy — session binding through authorize', () => {
  const bound = (): ReturnType<typeof proxyWith> =>
    proxyWith({
      authorize: () => ({ sessionkey: 'user-1' }),
      allow: ['Send', 'Detail', 'History', 'Sessions', 'Cancel', 'DeleteSession'],
    });

  it('overwrites the sessionkey of Send, History and DeleteSession', async () => {
    const { handle, calls } = bound();
    await handle(post('Send', { message: 'x', sessionkey: 'user-2' }));
    await handle(post('History', { sessionkey: 'user-2' }));
    await handle(post('DeleteSession', { sessionkey: 'user-2' }));
    await handle(post('DeleteSession', {}));
    expect(calls.map((c) => c.json?.sessionkey)).toEqual(['user-1', 'user-1', 'user-1', 'user-1']);
  });

  it('lists only the bound session', async () => {
    const { handle } = bound();
    const body = (await (await handle(post('Sessions', {}))).json()) as {
      data: { sessions: { sessionkey: string }[] };
    };
    expect(body.data.sessions.map((s) => s.sessionkey)).toEqual(['user-1']);
    expect(JSON.stringify(body)).not.toContain('secret of user 2');
  });

  it('answers Detail only for a message of the bound session', async () => {
    const { handle } = bound();
    expect((await handle(post('Detail', { agenttoken: 'tok-1' }))).status).toBe(200);
    await expectRefusal(await handle(post('Detail', { agenttoken: 'tok-other' })), 404, 'not_found');
  });

  it('checks the session through Detail before a Cancel, and never cancels another session', async () => {
    const { handle, calls } = bound();
    expect((await handle(post('Cancel', { agenttoken: 'tok-1' }))).status).toBe(200);
    expect(calls.map((c) => c.endpoint)).toEqual(['Detail', 'Cancel']);
    calls.length = 0;
    await expectRefusal(await handle(post('Cancel', { agenttoken: 'tok-other' })), 404, 'not_found');
    expect(calls.map((c) => c.endpoint)).toEqual(['Detail']);
  });

  it('answers 500 when authorize returns an unusable sessionkey', async () => {
    const { handle, calls } = proxyWith({ authorize: () => ({ sessionkey: '' }) });
    await expectRefusal(await handle(post('Send', { message: 'x' })), 500, 'internal_error');
    expect(calls).toHaveLength(0);
  });
});

/** A Wiro whose Detail knows two messages: m-1 (tok-1) in `mine`, m-2 (tok-2) in `theirs`. */
function twoMessageWiro(mine: string, theirs: string): ReturnType<typeof fakeWiro> {
  const messages = [
    { guid: 'm-1', agenttoken: 'tok-1', sessionkey: mine },
    { guid: 'm-2', agenttoken: 'tok-2', sessionkey: theirs },
  ];
  return fakeWiro((endpoint, call) => {
    if (endpoint !== 'Detail') return defaultAnswer(endpoint, call);
    // Like a server that, given both identifiers, looks the message up by the GUID.
    const found = messages.find((m) =>
      call.json?.messageguid !== undefined ? m.guid === call.json.messageguid : m.agenttoken === call.json?.agenttoken,
    );
    if (found === undefined)
      return Response.json({ result: false, errors: [{ message: 'not found' }] }, { status: 404 });
    return Response.json({
      result: true,
      errors: [],
      data: {
        guid: found.guid,
        sessionkey: found.sessionkey,
        content: `content of ${found.sessionkey}`,
        status: 'agent_output',
      },
    });
  });
}

function boundTo(
  verdict: { sessionkey: string } | { sessionPrefix: string },
  wiro = twoMessageWiro('user-1', 'user-2'),
): { handle: (request: Request) => Promise<Response>; calls: UpstreamCall[] } {
  const handle = createAgentProxy({
    apiKey: KEY,
    apiSecret: SECRET,
    useragentguid: GUID,
    upstream: UPSTREAM,
    fetch: wiro.fetch,
    allow: ['Send', 'Detail', 'History', 'Sessions', 'Cancel', 'DeleteSession'],
    authorize: () => verdict,
  });
  return { handle, calls: wiro.calls };
}

describe('createAgentProxy — Detail and Cancel under a session binding', () => {
  it('refuses a Cancel whose messageguid and agenttoken name different messages, cancelling nothing', async () => {
    const { handle, calls } = boundTo({ sessionkey: 'user-1' });
    // The agenttoken is the caller's own; the GUID is another session's message.
    await expectRefusal(await handle(post('Cancel', { agenttoken: 'tok-1', messageguid: 'm-2' })), 404, 'not_found');
    expect(calls.map((c) => [c.endpoint, c.json])).toEqual([['Detail', { agenttoken: 'tok-1' }]]);
  });

  it('cancels with both identifiers once they are shown to name the checked message', async () => {
    const { handle, calls } = boundTo({ sessionkey: 'user-1' });
    expect((await handle(post('Cancel', { agenttoken: 'tok-1', messageguid: 'm-1' }))).status).toBe(200);
    expect(calls.map((c) => [c.endpoint, c.json])).toEqual([
      ['Detail', { agenttoken: 'tok-1' }],
      ['Cancel', { messageguid: 'm-1', agenttoken: 'tok-1' }],
    ]);
  });

  it('answers a Detail with a mismatched pair with 404 and nothing of the other message', async () => {
    const { handle } = boundTo({ sessionkey: 'user-2' });
    const body = await expectRefusal(
      await handle(post('Detail', { agenttoken: 'tok-1', messageguid: 'm-2' })),
      404,
      'not_found',
    );
    expect(JSON.stringify(body)).not.toContain('user-1');
  });

  it("turns a result:false from Detail into a generic 404, passing none of the upstream's data", async () => {
    const leaky = fakeWiro((endpoint) =>
      Response.json(
        {
          result: false,
          errors: [{ message: 'message m-9 belongs to session user-2' }],
          data: { sessionkey: 'user-2', content: 'secret of user 2' },
        },
        { status: endpoint === 'Detail' ? 409 : 200 },
      ),
    );
    for (const endpoint of ['Detail', 'Cancel']) {
      const { handle, calls } = boundTo({ sessionkey: 'user-1' }, leaky);
      const body = await expectRefusal(await handle(post(endpoint, { messageguid: 'm-9' })), 404, 'not_found');
      expect(JSON.stringify(body)).not.toMatch(/user-2|secret of user 2/);
      expect(calls.map((c) => c.endpoint)).toEqual(['Detail']);
      calls.length = 0;
    }
  });

  it("relays a bound Cancel's own result:false as its errors only", async () => {
    const wiro = twoMessageWiro('user-1', 'user-2');
    const refusing = fakeWiro(async (endpoint, call) => {
      if (endpoint === 'Detail')
        return await wiro.fetch(call.url, {
          method: 'POST',
          body: JSON.stringify(call.json),
          headers: { 'content-type': 'application/json' },
        });
      return Response.json(
        { result: false, errors: [{ message: 'already finished' }], data: { extra: 'x' } },
        { status: 400 },
      );
    });
    const { handle } = boundTo({ sessionkey: 'user-1' }, refusing);
    const response = await handle(post('Cancel', { agenttoken: 'tok-1' }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ result: false, errors: [{ message: 'already finished' }] });
  });
});

describe('createAgentProxy — session namespace binding (sessionPrefix)', () => {
  const prefix = { sessionPrefix: 'user-42:' };

  it('forwards Send, History and DeleteSession for keys inside the prefix unchanged', async () => {
    const { handle, calls } = boundTo(prefix);
    expect((await handle(post('Send', { message: 'x', sessionkey: 'user-42:a' }))).status).toBe(200);
    expect((await handle(post('History', { sessionkey: 'user-42:b' }))).status).toBe(200);
    expect((await handle(post('DeleteSession', { sessionkey: 'user-42:c' }))).status).toBe(200);
    expect(calls.map((c) => [c.endpoint, c.json?.sessionkey])).toEqual([
      ['Send', 'user-42:a'],
      ['History', 'user-42:b'],
      ['DeleteSession', 'user-42:c'],
    ]);
  });

  it('refuses Send, History and DeleteSession outside the prefix (or without a key) with 403, calling nothing', async () => {
    const { handle, calls } = boundTo(prefix);
    for (const [endpoint, body] of [
      ['Send', { message: 'x', sessionkey: 'user-43:a' }],
      ['Send', { message: 'x' }],
      ['Send', { message: 'x', sessionkey: 'user-42' }],
      ['History', { sessionkey: 'default' }],
      ['History', {}],
      ['DeleteSession', { sessionkey: 'xuser-42:a' }],
    ] as const) {
      await expectRefusal(await handle(post(endpoint, body)), 403, 'session_not_allowed');
    }
    // A multipart Send is held to the prefix too.
    const form = new FormData();
    form.append('sessionkey', 'user-7:a');
    form.append('attachments[]', new File(['x'], 'a.txt'));
    await expectRefusal(
      await handle(new Request('http://localhost/w/Send', { method: 'POST', body: form })),
      403,
      'session_not_allowed',
    );
    expect(calls).toHaveLength(0);
  });

  it('lists only the sessions inside the prefix', async () => {
    const wiro = fakeWiro(() =>
      Response.json({
        result: true,
        errors: [],
        data: {
          sessions: [
            { sessionkey: 'user-42:a', messagecount: '2', updatedat: '1', lastmessage: 'mine' },
            { sessionkey: 'user-420:a', messagecount: '1', updatedat: '2', lastmessage: 'not mine' },
            { sessionkey: 'default', messagecount: '5', updatedat: '3', lastmessage: 'secret default' },
            { sessionkey: 'user-42:b', messagecount: '1', updatedat: '4', lastmessage: 'mine too' },
          ],
        },
      }),
    );
    const { handle } = boundTo(prefix, wiro);
    const body = (await (await handle(post('Sessions', {}))).json()) as {
      data: { sessions: { sessionkey: string }[] };
    };
    expect(body.data.sessions.map((s) => s.sessionkey)).toEqual(['user-42:a', 'user-42:b']);
  });

  it('refuses a Sessions answer it cannot filter rather than relaying it', async () => {
    const wiro = fakeWiro(() => Response.json({ result: true, errors: [], data: { sessions: { 'user-1': {} } } }));
    const { handle } = boundTo(prefix, wiro);
    await expectRefusal(await handle(post('Sessions', {})), 502, 'bad_upstream_response');
  });

  it('answers Detail and Cancel only for messages inside the prefix (404 otherwise, nothing cancelled)', async () => {
    const { handle, calls } = boundTo(prefix, twoMessageWiro('user-42:a', 'user-7:a'));
    expect((await handle(post('Detail', { agenttoken: 'tok-1' }))).status).toBe(200);
    expect((await handle(post('Cancel', { messageguid: 'm-1' }))).status).toBe(200);
    calls.length = 0;
    await expectRefusal(await handle(post('Detail', { agenttoken: 'tok-2' })), 404, 'not_found');
    await expectRefusal(await handle(post('Cancel', { messageguid: 'm-2' })), 404, 'not_found');
    expect(calls.map((c) => c.endpoint)).toEqual(['Detail', 'Detail']);
  });

  it('keeps DeleteSession opt-in under a prefix', async () => {
    const { handle, calls } = proxyWith({ authorize: () => prefix });
    await expectRefusal(await handle(post('DeleteSession', { sessionkey: 'user-42:a' })), 404, 'endpoint_not_allowed');
    expect(calls).toHaveLength(0);
  });

  it('answers 500 for an empty prefix, or a prefix together with a sessionkey', async () => {
    for (const verdict of [{ sessionPrefix: '' }, { sessionPrefix: 'a:', sessionkey: 'a:1' }]) {
      const onError = vi.fn();
      const { handle, calls } = proxyWith({ authorize: () => verdict, onError });
      await expectRefusal(await handle(post('Send', { message: 'x', sessionkey: 'a:1' })), 500, 'internal_error');
      expect(calls).toHaveLength(0);
      expect(onError).toHaveBeenCalledWith(expect.any(TypeError), { endpoint: 'Send', stage: 'authorize' });
    }
  });
});

describe('createAgentProxy — upstream failures and secrecy', () => {
  it('scrubs the key and secret from upstream bodies and drops upstream headers', async () => {
    const wiro = fakeWiro(() =>
      Response.json(
        { result: false, errors: [{ message: `bad signature for key ${KEY}, secret ${SECRET}` }], echo: { key: KEY } },
        { status: 401, headers: { 'x-echo-key': KEY, 'set-cookie': `k=${KEY}` } },
      ),
    );
    const handle = createAgentProxy({
      apiKey: KEY,
      apiSecret: SECRET,
      useragentguid: GUID,
      upstream: UPSTREAM,
      fetch: wiro.fetch,
    });
    const response = await handle(post('Sessions', {}));
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(SECRET);
    expect(text).toContain('[redacted]');
    expect(JSON.parse(text)).toMatchObject({ result: false });
    const headerText = JSON.stringify([...response.headers]);
    expect(headerText).not.toContain(KEY);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('answers 504 when Wiro does not answer in time', async () => {
    vi.useFakeTimers();
    const hanging: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const handle = createAgentProxy({ apiKey: KEY, useragentguid: GUID, fetch: hanging, timeoutMs: 2000 });
    const pending = handle(post('Sessions', {}));
    await vi.advanceTimersByTimeAsync(2000);
    await expectRefusal(await pending, 504, 'upstream_timeout');
  });

  it('answers 502 when Wiro cannot be reached, and logs it without credentials', async () => {
    const failing: FetchLike = () => Promise.reject(new TypeError(`fetch failed (x-api-key: ${KEY})`));
    const handle = createAgentProxy({ apiKey: KEY, apiSecret: SECRET, useragentguid: GUID, fetch: failing });
    await expectRefusal(await handle(post('Sessions', {})), 502, 'upstream_unreachable');
    expect(console_.spy('error').mock.calls).toHaveLength(1);
  });

  it('answers 502 when Wiro answers without JSON', async () => {
    const wiro = fakeWiro(() => new Response('<html>oops</html>', { status: 200 }));
    const handle = createAgentProxy({ apiKey: KEY, useragentguid: GUID, fetch: wiro.fetch });
    await expectRefusal(await handle(post('Sessions', {})), 502, 'bad_upstream_response');
  });

  it('reports through onError instead of the console when given', async () => {
    const onError = vi.fn();
    const failing: FetchLike = () => Promise.reject(new TypeError('fetch failed'));
    const handle = createAgentProxy({ apiKey: KEY, useragentguid: GUID, fetch: failing, onError });
    await handle(post('Sessions', {}));
    expect(onError).toHaveBeenCalledWith(expect.any(TypeError), { endpoint: 'Sessions', stage: 'upstream' });
    expect(console_.spy('error')).not.toHaveBeenCalled();
  });

  it('never mentions the key or secret in any refusal', async () => {
    const { handle } = proxyWith();
    const responses = await Promise.all([
      handle(new Request('http://localhost/w/Send', { method: 'PUT' })),
      handle(post('Nope', {})),
      handle(post('Send', '{')),
      handle(post('Send', { useragentguid: 'x', message: 'y' })),
      handle(post('Detail', {})),
    ]);
    for (const response of responses) {
      const text = (await response.text()) + JSON.stringify([...response.headers]);
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(SECRET);
    }
  });
});

describe('createAgentProxy — CORS', () => {
  it("refuses origin '*' with credentials at set-up, with a clear error", () => {
    for (const origin of ['*', ['*']]) {
      expect(() => createAgentProxy({ apiKey: KEY, useragentguid: GUID, cors: { origin, credentials: true } })).toThrow(
        /origin '\*' cannot be combined with credentials/,
      );
    }
    expect(() => createAgentProxy({ apiKey: KEY, useragentguid: GUID, cors: { origin: '*' } })).not.toThrow();
  });

  it("answers a wildcard origin with '*' and no credentials header", async () => {
    const { handle } = proxyWith({ cors: { origin: '*' } });
    const response = await handle(post('Send', { message: 'x' }, { origin: ORIGIN, 'sec-fetch-site': 'cross-site' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('answers an allowed preflight with 204 and the CORS headers', async () => {
    const { handle } = proxyWith({ cors: { origin: [ORIGIN], credentials: true, allowHeaders: ['authorization'] } });
    const response = await handle(
      new Request('http://localhost/w/Send', {
        method: 'OPTIONS',
        headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
      }),
    );
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type, authorization');
  });

  it('refuses a preflight from another origin, and lets allowed cross-site POSTs through', async () => {
    const { handle } = proxyWith({ cors: { origin: (origin) => origin === ORIGIN } });
    const evil = new Request('http://localhost/w/Send', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example' },
    });
    await expectRefusal(await handle(evil), 403, 'origin_not_allowed');
    const allowed = await handle(post('Send', { message: 'x' }, { origin: ORIGIN, 'sec-fetch-site': 'cross-site' }));
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const refused = await handle(post('Send', {}, { origin: ORIGIN, 'sec-fetch-site': 'cross-site' }));
    // Refusals carry the CORS headers too, so the browser can read why.
    expect(refused.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });
});

describe('createAgentProxy — configuration', () => {
  // Next.js imports route modules while building, where the secrets are often unset (CI, Docker).
  const unset = undefined as unknown as string;

  it('never throws at set-up for missing or empty credentials or agent', () => {
    expect(() => createAgentProxy({ apiKey: unset, useragentguid: unset })).not.toThrow();
    expect(() => createAgentProxy({ apiKey: '', apiSecret: '', useragentguid: '' })).not.toThrow();
    expect(() => createAgentProxy({ apiKey: KEY, useragentguid: GUID, apiSecret: 'x' })).not.toThrow();
  });

  it('answers every request with a 500 proxy_not_configured and logs the reason once', async () => {
    const wiro = fakeWiro();
    const handle = createAgentProxy({ apiKey: unset, apiSecret: SECRET, useragentguid: GUID, fetch: wiro.fetch });
    for (let i = 0; i < 3; i++) {
      const body = await expectRefusal(await handle(post('Send', { message: 'x' })), 500, 'proxy_not_configured');
      expect(body.errors[0]?.message).toMatch(/apiKey/);
      expect(JSON.stringify(body)).not.toContain(SECRET);
    }
    expect(wiro.calls).toHaveLength(0);
    const errorLog = console_.spy('error');
    expect(errorLog.mock.calls).toHaveLength(1);
    expect(String(errorLog.mock.calls[0]?.[0])).toMatch(/not configured.*apiKey/);
  });

  it('names every missing piece, reports through onError once, and never echoes a value', async () => {
    const onError = vi.fn();
    const handle = createAgentProxy({ apiKey: '', apiSecret: '', useragentguid: unset, onError });
    const body = await expectRefusal(await handle(post('Sessions', {})), 500, 'proxy_not_configured');
    const message = body.errors[0]?.message ?? '';
    expect(message).toMatch(/apiKey/);
    expect(message).toMatch(/apiSecret/);
    expect(message).toMatch(/useragentguid/);
    await handle(post('Sessions', {}));
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(expect.any(Error), { endpoint: null, stage: 'config' });
    expect(console_.spy('error')).not.toHaveBeenCalled();
  });

  it('refuses a key or secret too short to scrub safely, instead of corrupting answers', async () => {
    // A one-letter secret once turned "result" into "re[redacted]ult" and History into a 502.
    for (const [apiKey, apiSecret, named] of [
      [KEY, 's', /apiSecret is too short/],
      ['k', undefined, /apiKey is too short/],
      ['1234567', SECRET, /apiKey is too short/],
    ] as const) {
      const wiro = fakeWiro();
      const handle = createAgentProxy({ apiKey, apiSecret, useragentguid: GUID, fetch: wiro.fetch });
      const body = await expectRefusal(await handle(post('History', {})), 500, 'proxy_not_configured');
      expect(body.errors[0]?.message).toMatch(named);
      expect(body.errors[0]?.message).toMatch(/8 characters/);
      expect(wiro.calls).toHaveLength(0);
    }
    const eight = proxyWith({ apiKey: '12345678', apiSecret: 'abcdefgh' });
    expect((await eight.handle(post('History', {}))).status).toBe(200);
  });

  it('still refuses at set-up what no environment can fix: an unknown endpoint in allow', () => {
    expect(() => createAgentProxy({ apiKey: KEY, useragentguid: GUID, allow: ['Run' as 'Send'] })).toThrow(/Run/);
  });
});
