import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createAgentApi, WiroApiError } from 'wiro-agent-react/core';
import { createMockAgentBackend } from 'wiro-agent-react/testing';
import { agentApiHandlers, WIRO_API_URL } from 'wiro-agent-react/testing/msw';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const AGENT = 'agent-guid-1';

describe('agentApiHandlers', () => {
  test('answers the six endpoints at the default Wiro URL like Wiro does', async () => {
    const backend = createMockAgentBackend({ reply: (text) => ({ text: `Re: ${text}`, intervalMs: 1, queueMs: 1 }) });
    server.use(...agentApiHandlers({ backend }));
    // A server-side client with a key talks to https://api.wiro.ai/v1, which the handlers intercept.
    const api = createAgentApi({ apiKey: 'test-key', useragentguid: AGENT });

    const first = await api.send({ message: 'one', sessionkey: 'a' });
    const second = await api.send({ message: 'two', sessionkey: 'a' });
    await api.send({ message: 'elsewhere', sessionkey: 'b' });
    expect(first).toMatchObject({ status: 'agent_queue' });
    expect(first.agenttoken).toMatch(/^[A-Za-z0-9]{30}$/);

    const page = await api.history({ sessionkey: 'a' });
    expect(page.messages.map((m) => m.content)).toEqual(['two', 'one']);
    const older = await api.history({ sessionkey: 'a', limit: 1, before: second.messageguid });
    expect(older.messages.map((m) => m.content)).toEqual(['one']);

    const sessions = await api.sessions();
    expect(sessions.map((s) => s.sessionkey).sort()).toEqual(['a', 'b']);

    await expect.poll(async () => (await api.detail({ messageguid: first.messageguid })).status).toBe('agent_end');
    expect((await api.detail({ agenttoken: first.agenttoken })).response).toBe('Re: one');

    await api.deleteSession({ sessionkey: 'b' });
    expect((await api.sessions()).map((s) => s.sessionkey)).toEqual(['a']);

    // Cancelling a finished message is refused, as by Wiro.
    await expect(api.cancel({ messageguid: first.messageguid })).rejects.toBeInstanceOf(WiroApiError);
  });

  test('a custom baseUrl (your proxy route) is served; other URLs are not', async () => {
    // Anything the agent handlers do not claim falls through to this marker.
    server.use(http.all('*', () => new HttpResponse(null, { status: 599 })));
    server.use(...agentApiHandlers({ baseUrl: 'https://app.test/api/wiro/', reply: () => 'ok' }));
    const api = createAgentApi({ baseUrl: 'https://app.test/api/wiro' });
    await expect(api.send({ useragentguid: AGENT, message: 'hi' })).resolves.toMatchObject({ status: 'agent_queue' });
    const elsewhere = await fetch(`${WIRO_API_URL}/UserAgent/Message/Send`, { method: 'POST', body: '{}' });
    expect(elsewhere.status).toBe(599);
  });

  test('multipart Sends store their files and serve them back at the attachment URL', async () => {
    const backend = createMockAgentBackend({ reply: () => 'got it' });
    server.use(...agentApiHandlers({ backend }));
    const api = createAgentApi({ apiKey: 'k', useragentguid: AGENT });
    const file = new File(['hello file'], 'notes.txt', { type: 'text/plain' });
    const sent = await api.send({ message: 'see attached', attachments: [file] });

    const record = await api.detail({ messageguid: sent.messageguid });
    expect(record.attachments).toHaveLength(1);
    const [attachment] = record.attachments;
    expect(attachment).toMatchObject({ name: 'notes.txt', type: 'text/plain', size: 10 });
    const download = await fetch(attachment?.url ?? '');
    expect(download.headers.get('content-type')).toBe('text/plain');
    expect(await download.text()).toBe('hello file');
  });

  test('bad bodies and unknown endpoints get Wiro-shaped refusals', async () => {
    server.use(...agentApiHandlers());
    const bad = await fetch(`${WIRO_API_URL}/UserAgent/Message/Send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ result: false, errors: [{ code: 400 }] });

    const unknown = await fetch(`${WIRO_API_URL}/UserAgent/Message/Nope`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);

    const missing = await fetch(`${WIRO_API_URL}/UserAgent/Message/Send`, { method: 'POST', body: '{}' });
    expect(await missing.json()).toMatchObject({ result: false, errors: [{ message: 'useragentguid is required' }] });
  });
});
