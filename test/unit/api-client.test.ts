import { createHmac } from 'node:crypto';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAgentApi, WiroApiError } from 'wiro-agent-react/core';

const BASE = 'https://api.wiro.ai/v1';
const GUID = 'agent-guid-1';
const KEY = 'test-key-AAAA1111';
const SECRET = 'test-secret-BBBB2222';

interface Seen {
  endpoint: string;
  url: string;
  headers: Headers;
  contentType: string;
  json: unknown;
  form: FormData | null;
}

/** What the fake Wiro answers; set per test. */
let reply: (endpoint: string, seen: Seen) => Response | Promise<Response>;
const seen: Seen[] = [];

const server = setupServer(
  http.post(`${BASE}/UserAgent/Message/:name`, async ({ request, params }) => {
    const contentType = request.headers.get('content-type') ?? '';
    const record: Seen = {
      endpoint: String(params.name),
      url: request.url,
      headers: request.headers,
      contentType,
      json: null,
      form: null,
    };
    if (contentType.startsWith('multipart/form-data')) record.form = await request.formData();
    else record.json = JSON.parse(await request.text()) as unknown;
    seen.push(record);
    return reply(record.endpoint, record);
  }),
);

const ok = (body: Record<string, unknown>): Response => HttpResponse.json({ result: true, errors: [], ...body });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  seen.length = 0;
  reply = (endpoint) => (endpoint === 'Sessions' ? ok({ data: { sessions: [] } }) : ok({}));
});
afterEach(() => vi.restoreAllMocks());
afterAll(() => server.close());

function lastSeen(): Seen {
  const last = seen.at(-1);
  if (last === undefined) throw new Error('no request reached the fake Wiro');
  return last;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('createAgentApi — requests', () => {
  it('send posts JSON to /UserAgent/Message/Send and returns the documented result', async () => {
    reply = () => ok({ messageguid: 'm-1', agenttoken: 'tok-1', status: 'agent_queue' });
    const api = createAgentApi({ apiKey: KEY, useragentguid: GUID });
    const result = await api.send({ message: 'Hello', sessionkey: 'user-42', callbackurl: 'https://cb.example/x' });
    expect(result).toEqual({ messageguid: 'm-1', agenttoken: 'tok-1', status: 'agent_queue' });
    const req = lastSeen();
    expect(req.url).toBe(`${BASE}/UserAgent/Message/Send`);
    expect(req.contentType).toBe('application/json');
    expect(req.json).toEqual({
      useragentguid: GUID,
      message: 'Hello',
      sessionkey: 'user-42',
      callbackurl: 'https://cb.example/x',
    });
  });

  it('send switches to multipart with attachments[] fields, keeping names and bytes', async () => {
    reply = () => ok({ messageguid: 'm-2', agenttoken: 'tok-2', status: 'agent_queue' });
    const api = createAgentApi({ apiKey: KEY });
    const file = new File(['%PDF-1.4 bytes'], 'report.pdf', { type: 'application/pdf' });
    const blob = new Blob(['plain blob'], { type: 'text/plain' });
    await api.send({ useragentguid: GUID, message: '', attachments: [file, blob] });
    const req = lastSeen();
    expect(req.contentType).toMatch(/^multipart\/form-data; boundary=/);
    const form = req.form;
    expect(form?.get('useragentguid')).toBe(GUID);
    expect(form?.get('message')).toBe('');
    const files = form?.getAll('attachments[]') ?? [];
    expect(files).toHaveLength(2);
    const [first, second] = files as File[];
    expect(first?.name).toBe('report.pdf');
    expect(await first?.text()).toBe('%PDF-1.4 bytes');
    expect(second?.name).toBe('attachment');
    expect(await second?.text()).toBe('plain blob');
  });

  it('detail, history, sessions, deleteSession and cancel post the documented bodies', async () => {
    reply = (endpoint) => {
      if (endpoint === 'Detail') {
        return ok({
          data: { guid: 'm-1', status: 'agent_end', metadata: '{"raw":"hi"}', attachments: '[]', createdat: '1' },
        });
      }
      if (endpoint === 'History') return ok({ data: { messages: [], count: 0, hasmore: false } });
      if (endpoint === 'Sessions') return ok({ data: { sessions: [] } });
      return ok({});
    };
    const api = createAgentApi({ apiKey: KEY, useragentguid: GUID });
    const detail = await api.detail({ agenttoken: 'tok-1' });
    expect(detail.metadata).toEqual({ raw: 'hi' });
    await api.detail({ messageguid: 'm-1' });
    await api.history({ sessionkey: 's', limit: 20, before: 'm-0' });
    await api.sessions();
    await api.deleteSession({ sessionkey: 's' });
    await api.cancel({ messageguid: 'm-1' });
    expect(seen.map((r) => [r.endpoint, r.json])).toEqual([
      ['Detail', { agenttoken: 'tok-1' }],
      ['Detail', { messageguid: 'm-1' }],
      ['History', { useragentguid: GUID, sessionkey: 's', limit: 20, before: 'm-0' }],
      ['Sessions', { useragentguid: GUID }],
      ['DeleteSession', { useragentguid: GUID, sessionkey: 's' }],
      ['Cancel', { messageguid: 'm-1' }],
    ]);
  });

  it('returns typed history pages and session lists', async () => {
    reply = (endpoint) =>
      endpoint === 'History'
        ? ok({
            data: {
              messages: [{ guid: 'b', status: 'agent_end', createdat: '2', metadata: {}, attachments: [] }],
              count: 1,
              hasmore: true,
            },
          })
        : ok({
            data: {
              sessions: [
                { sessionkey: 'default', messagecount: '24', updatedat: '9', lastmessage: 'Hi' },
                { sessionkey: 'newer', messagecount: '1', updatedat: '10', lastmessage: 'Yo' },
              ],
            },
          });
    const api = createAgentApi({ baseUrl: `${BASE}/`, apiKey: KEY, useragentguid: GUID });
    const page = await api.history();
    expect(page.hasmore).toBe(true);
    expect(page.messages[0]?.guid).toBe('b');
    expect(await api.sessions()).toEqual([
      { sessionkey: 'newer', messagecount: 1, updatedat: 10, lastmessage: 'Yo' },
      { sessionkey: 'default', messagecount: 24, updatedat: 9, lastmessage: 'Hi' },
    ]);
  });

  it('omits useragentguid when there is no apiKey (a proxy injects it)', async () => {
    reply = () => ok({ messageguid: 'm', agenttoken: 't', status: 'agent_queue' });
    const api = createAgentApi({ baseUrl: BASE });
    await api.send({ message: 'hi' });
    expect(lastSeen().json).toEqual({ message: 'hi' });
    expect(lastSeen().headers.get('x-api-key')).toBeNull();
  });

  it('sends custom headers, static or computed per request, without letting them replace auth', async () => {
    let n = 0;
    const api = createAgentApi({
      apiKey: KEY,
      useragentguid: GUID,
      headers: () => ({ authorization: `Bearer t${++n}`, 'x-api-key': 'spoofed' }),
    });
    await api.sessions();
    await api.sessions();
    expect(seen.map((r) => r.headers.get('authorization'))).toEqual(['Bearer t1', 'Bearer t2']);
    expect(lastSeen().headers.get('x-api-key')).toBe(KEY);
  });

  it('uses an injected fetch instead of the global one', async () => {
    const calls: string[] = [];
    const api = createAgentApi({
      baseUrl: 'http://proxy.local/api/wiro',
      fetch: async (url) => {
        calls.push(url);
        return Response.json({ result: true, errors: [] });
      },
    });
    await api.cancel({ agenttoken: 'tok' });
    expect(calls).toEqual(['http://proxy.local/api/wiro/UserAgent/Message/Cancel']);
    expect(seen).toHaveLength(0);
  });
});

describe('createAgentApi — authentication', () => {
  it('sends only x-api-key with an API key alone', async () => {
    await createAgentApi({ apiKey: KEY, useragentguid: GUID }).sessions();
    const { headers } = lastSeen();
    expect(headers.get('x-api-key')).toBe(KEY);
    expect(headers.get('x-nonce')).toBeNull();
    expect(headers.get('x-signature')).toBeNull();
  });

  it('signs every request with a fresh nonce and a signature Node crypto agrees with', async () => {
    const api = createAgentApi({ apiKey: KEY, apiSecret: SECRET, useragentguid: GUID });
    await api.sessions();
    await api.sessions();
    const nonces = seen.map((r) => r.headers.get('x-nonce'));
    expect(new Set(nonces).size).toBe(2);
    for (const req of seen) {
      const nonce = req.headers.get('x-nonce') ?? '';
      expect(req.headers.get('x-api-key')).toBe(KEY);
      expect(req.headers.get('x-signature')).toBe(
        createHmac('sha256', KEY)
          .update(SECRET + nonce)
          .digest('hex'),
      );
      // The secret itself never travels.
      expect([...req.headers.values()].join(' ')).not.toContain(SECRET);
      expect(JSON.stringify(req.json)).not.toContain(SECRET);
    }
  });

  it('warns once, without the key, when given an apiKey in a browser', async () => {
    vi.resetModules();
    const { createAgentApi: fresh } = await import('../../src/api/client');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', {});
    try {
      fresh({ apiKey: KEY });
      fresh({ apiKey: KEY });
      fresh({ baseUrl: '/api/wiro' });
    } finally {
      vi.unstubAllGlobals();
    }
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/createAgentProxy/);
    expect(String(warn.mock.calls[0]?.[0])).not.toContain(KEY);
  });

  it('does not warn on a server', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    createAgentApi({ apiKey: KEY, apiSecret: SECRET });
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('createAgentApi — failures', () => {
  const api = (): ReturnType<typeof createAgentApi> =>
    createAgentApi({ apiKey: KEY, apiSecret: SECRET, useragentguid: GUID });

  it('turns result:false into a WiroApiError with the server errors, status and endpoint', async () => {
    reply = () => HttpResponse.json({ result: false, errors: [{ code: 0, message: 'Agent is not running' }] });
    const error = await rejection(api().send({ message: 'hi' }));
    expect(error).toBeInstanceOf(WiroApiError);
    expect(error).toMatchObject({
      code: 'api',
      status: 200,
      endpoint: 'Send',
      errors: [{ code: 0, message: 'Agent is not running' }],
    });
    expect((error as Error).message).toContain('Agent is not running');
  });

  it('turns an HTTP error with a JSON body into code "http" with the errors', async () => {
    reply = () => HttpResponse.json({ result: false, errors: [{ message: 'Unauthorized' }] }, { status: 401 });
    const error = await rejection(api().history());
    expect(error).toMatchObject({
      code: 'http',
      status: 401,
      endpoint: 'History',
      errors: [{ message: 'Unauthorized' }],
    });
  });

  it('turns an HTTP error without JSON into code "http" with no errors', async () => {
    reply = () => new HttpResponse('<html>Bad gateway</html>', { status: 502 });
    const error = await rejection(api().sessions());
    expect(error).toMatchObject({ code: 'http', status: 502, errors: [] });
  });

  it('turns a 2xx non-JSON body into code "bad_response"', async () => {
    reply = () => new HttpResponse('<html>maintenance</html>', { status: 200 });
    expect(await rejection(api().sessions())).toMatchObject({
      code: 'bad_response',
      status: 200,
      endpoint: 'Sessions',
    });
  });

  it('refuses a Send answer without an agenttoken as "bad_response"', async () => {
    reply = () => ok({ messageguid: 'm' });
    expect(await rejection(api().send({ message: 'x' }))).toMatchObject({ code: 'bad_response', endpoint: 'Send' });
  });

  it('turns a network failure into code "network"', async () => {
    reply = () => HttpResponse.error();
    expect(await rejection(api().cancel({ agenttoken: 't' }))).toMatchObject({
      code: 'network',
      status: null,
      endpoint: 'Cancel',
    });
  });

  it('never puts the key or secret in error messages, even when the server echoes them', async () => {
    reply = () =>
      HttpResponse.json(
        { result: false, errors: [{ message: `invalid signature for ${KEY} / ${SECRET}` }] },
        { status: 403 },
      );
    const error = (await rejection(api().sessions())) as WiroApiError;
    expect(error.message).not.toContain(KEY);
    expect(error.message).not.toContain(SECRET);
    expect(JSON.stringify(error.errors)).not.toContain(KEY);
    expect(error.message).toContain('[redacted]');
  });
});

describe('createAgentApi — timeouts and aborts', () => {
  /** A fetch that hangs until its signal aborts, like a server that never answers. */
  const hangingFetch = (init: RequestInit): Promise<Response> =>
    new Promise((_resolve, reject) => {
      const signal = init.signal;
      if (signal?.aborted) reject(signal.reason);
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    });

  afterEach(() => vi.useRealTimers());

  it('rejects with code "timeout" after timeoutMs', async () => {
    vi.useFakeTimers();
    const api = createAgentApi({ baseUrl: BASE, timeoutMs: 5000, fetch: (_url, init) => hangingFetch(init) });
    const pending = rejection(api.detail({ agenttoken: 't' }));
    await vi.advanceTimersByTimeAsync(5000);
    const error = await pending;
    expect(error).toBeInstanceOf(WiroApiError);
    expect(error).toMatchObject({ code: 'timeout', endpoint: 'Detail', status: null });
  });

  it('rethrows a user abort as the AbortError, not a WiroApiError', async () => {
    const controller = new AbortController();
    let started!: () => void;
    const fetchStarted = new Promise<void>((resolve) => (started = resolve));
    const api = createAgentApi({
      baseUrl: BASE,
      fetch: (_url, init) => {
        started();
        return hangingFetch(init);
      },
    });
    const pending = rejection(api.send({ message: 'hi' }, { signal: controller.signal }));
    await fetchStarted;
    controller.abort();
    const error = await pending;
    expect(error).not.toBeInstanceOf(WiroApiError);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
  });

  it('reports an abort with a custom reason as an AbortError too', async () => {
    const controller = new AbortController();
    controller.abort('unmounted');
    const fetchSpy = vi.fn(async () => Response.json({ result: true }));
    const api = createAgentApi({ baseUrl: BASE, fetch: fetchSpy });
    const error = await rejection(api.sessions({}, { signal: controller.signal }));
    expect((error as DOMException).name).toBe('AbortError');
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('still reports a user abort as AbortError when the fetch implementation rejects with something else', async () => {
    const controller = new AbortController();
    let started!: () => void;
    const fetchStarted = new Promise<void>((resolve) => (started = resolve));
    const api = createAgentApi({
      baseUrl: BASE,
      // Like fetch polyfills that reject an aborted request with a generic TypeError.
      fetch: (_url, init) =>
        new Promise((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(new TypeError('Failed to fetch')), { once: true });
          started();
        }),
    });
    const pending = rejection(api.sessions({}, { signal: controller.signal }));
    await fetchStarted;
    controller.abort('unmounted');
    const error = await pending;
    expect(error).not.toBeInstanceOf(WiroApiError);
    expect((error as DOMException).name).toBe('AbortError');
  });

  it('aborts through msw as well (real fetch path)', async () => {
    const controller = new AbortController();
    reply = () => {
      controller.abort();
      return new Promise<Response>(() => undefined);
    };
    const error = await rejection(createAgentApi({ baseUrl: BASE }).sessions({}, { signal: controller.signal }));
    expect((error as Error).name).toBe('AbortError');
  });
});

describe('createAgentApi — input validation', () => {
  const api = createAgentApi({ apiKey: KEY });
  const proxied = createAgentApi({ baseUrl: '/api/wiro' });

  it.each([
    ['send without useragentguid (direct)', () => api.send({ message: 'x' }), /useragentguid is required/],
    [
      'send with an empty useragentguid',
      () => proxied.send({ useragentguid: '', message: 'x' }),
      /useragentguid must be/,
    ],
    ['send without message or attachments', () => proxied.send({}), /message is required/],
    [
      'send with a non-string message',
      () => proxied.send({ message: 5 as unknown as string }),
      /message must be a string/,
    ],
    ['send with non-Blob attachments', () => proxied.send({ attachments: ['x'] as unknown as Blob[] }), /attachments/],
    ['detail with neither reference', () => proxied.detail({} as { agenttoken: string }), /messageguid or agenttoken/],
    ['cancel with an empty agenttoken', () => proxied.cancel({ agenttoken: '' }), /agenttoken must be/],
    ['history with a bad limit', () => proxied.history({ limit: 0 }), /limit must be a positive integer/],
    ['history without useragentguid (direct)', () => api.history(), /useragentguid is required/],
    ['deleteSession without sessionkey', () => proxied.deleteSession({} as { sessionkey: string }), /sessionkey/],
  ])('throws a TypeError for %s, before any request', async (_name, call, message) => {
    const error = await rejection(call());
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(message);
    expect(seen).toHaveLength(0);
  });

  it('refuses an apiSecret without an apiKey', () => {
    expect(() => createAgentApi({ apiSecret: SECRET })).toThrow(TypeError);
  });
});
