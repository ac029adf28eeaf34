/**
 * useAgentSessions against the kit's msw REST handlers over an in-memory Wiro, through the real REST
 * client (so Sessions' strings are parsed as in an app). Every test renders in StrictMode.
 */
import { act, renderHook, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { StrictMode, type ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createAgentApi,
  useAgentSessions,
  type AgentSessionsError,
  type UseAgentSessionsOptions,
} from 'wiro-agent-react';
import { createMockAgentBackend, type MockAgentBackend } from 'wiro-agent-react/testing';
import { agentApiHandlers } from 'wiro-agent-react/testing/msw';

const API = 'https://wiro.test/v1';
const AGENT = 'agent-guid-0001';
const SESSIONS = `${API}/UserAgent/Message/Sessions`;
const DELETE = `${API}/UserAgent/Message/DeleteSession`;

const server = setupServer();
let backend: MockAgentBackend;
let clock = 0;
/** Endpoints the hook called, in order. */
let calls: string[] = [];

function serve(): void {
  server.resetHandlers(
    http.post(`${API}/UserAgent/Message/:endpoint`, ({ params }) => {
      calls.push(String(params.endpoint));
      return undefined;
    }),
    ...agentApiHandlers({ baseUrl: API, backend }),
  );
}

/** A stored message in `sessionkey`, at Unix second `at`. */
function seed(sessionkey: string, content: string, at: number): void {
  clock = at * 1000;
  backend.createMessage(
    { text: 'ok', queueMs: 0, intervalMs: 0, chunkChars: 100 },
    { useragentguid: AGENT, sessionkey, content },
  );
}

/** A promise with its resolve function, to hold a response until the test lets it go. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = (): void => {};
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

const strict = ({ children }: { children: ReactNode }) => <StrictMode>{children}</StrictMode>;

function renderSessions(options: Partial<UseAgentSessionsOptions> = {}) {
  const api = createAgentApi({ baseUrl: API });
  return renderHook(() => useAgentSessions({ api, useragentguid: AGENT, ...options }), { wrapper: strict });
}

const keys = (sessions: readonly { sessionkey: string }[]): string[] => sessions.map((s) => s.sessionkey);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  clock = 0;
  calls = [];
  backend = createMockAgentBackend({ now: () => clock });
  seed('user-42:a', 'How do I reset my password?', 1000);
  seed('user-42:b', 'First question in b', 2000);
  seed('user-42:b', 'Second question in b', 2500);
  seed('user-42:c', 'What are the latest trends?', 3000);
  serve();
});
afterEach(() => backend.dispose());
afterAll(() => server.close());

describe('useAgentSessions: loading', () => {
  it('loads Message/Sessions newest first, with counts and times parsed', async () => {
    const { result } = renderSessions();
    expect(result.current.isLoading).toBe(true);
    expect(result.current.hasLoaded).toBe(false);
    await waitFor(() => expect(result.current.hasLoaded).toBe(true));
    expect(result.current.isLoading).toBe(false);
    expect(result.current.error).toBeNull();
    expect(result.current.sessions).toEqual([
      {
        sessionkey: 'user-42:c',
        messagecount: 1,
        updatedat: 3000,
        lastmessage: 'What are the latest trends?',
        isNew: false,
      },
      { sessionkey: 'user-42:b', messagecount: 2, updatedat: 2500, lastmessage: 'Second question in b', isNew: false },
      {
        sessionkey: 'user-42:a',
        messagecount: 1,
        updatedat: 1000,
        lastmessage: 'How do I reset my password?',
        isNew: false,
      },
    ]);
  });

  it('a failed load is a sentence in `error`, keeps the last list, and clears on a successful refresh', async () => {
    const onError = vi.fn<(error: AgentSessionsError) => void>();
    const { result } = renderSessions({ onError });
    await waitFor(() => expect(result.current.sessions).toHaveLength(3));
    server.use(http.post(SESSIONS, () => HttpResponse.error()));
    await act(() => result.current.refresh());
    expect(result.current.error).toMatchObject({
      kind: 'load',
      message: 'The conversations could not be loaded. Check your connection.',
    });
    expect(onError).toHaveBeenCalledTimes(1);
    expect(keys(result.current.sessions)).toEqual(['user-42:c', 'user-42:b', 'user-42:a']);
    expect(result.current.isLoading).toBe(false);
    serve();
    await act(() => result.current.refresh());
    expect(result.current.error).toBeNull();
  });

  it("says the server's reason when Wiro refuses", async () => {
    server.use(
      http.post(SESSIONS, () =>
        HttpResponse.json({ result: false, errors: [{ code: 403, message: 'Agent is not running' }] }),
      ),
    );
    const { result } = renderSessions();
    await waitFor(() => expect(result.current.error).not.toBeNull());
    expect(result.current.error?.message).toBe('The conversations could not be loaded. Agent is not running.');
    expect(result.current.sessions).toEqual([]);
    expect(result.current.hasLoaded).toBe(false);
  });

  it('unmounting aborts the request in flight and updates nothing', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const signals: AbortSignal[] = [];
    server.use(
      http.post(SESSIONS, async ({ request }) => {
        signals.push(request.signal);
        await new Promise((resolve) => request.signal.addEventListener('abort', resolve));
        return HttpResponse.error();
      }),
    );
    const { unmount } = renderSessions();
    await waitFor(() => expect(signals.length).toBeGreaterThan(0));
    unmount();
    await waitFor(() => expect(signals.every((signal) => signal.aborted)).toBe(true));
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });
});

describe('useAgentSessions: delete', () => {
  it('removes the row at once, then deletes it on the server', async () => {
    const { result } = renderSessions();
    await waitFor(() => expect(result.current.sessions).toHaveLength(3));
    const held = gate();
    server.use(
      http.post(DELETE, async () => {
        await held.wait;
        return undefined;
      }),
    );
    let done: Promise<boolean> = Promise.resolve(false);
    act(() => {
      done = result.current.remove('user-42:b');
    });
    expect(keys(result.current.sessions)).toEqual(['user-42:c', 'user-42:a']);
    held.open();
    await act(async () => expect(await done).toBe(true));
    expect(keys(result.current.sessions)).toEqual(['user-42:c', 'user-42:a']);
    const listed = backend.sessions({ useragentguid: AGENT });
    expect(listed.result && listed.data.sessions.map((s) => s.sessionkey)).toEqual(['user-42:c', 'user-42:a']);
  });

  it('puts the row back in its place and says why when the server refuses', async () => {
    const onError = vi.fn<(error: AgentSessionsError) => void>();
    const { result } = renderSessions({ onError });
    await waitFor(() => expect(result.current.sessions).toHaveLength(3));
    const held = gate();
    server.use(
      http.post(DELETE, async () => {
        await held.wait;
        return HttpResponse.json({ result: false, errors: [{ code: 403, message: 'Not allowed for this session' }] });
      }),
    );
    let done: Promise<boolean> = Promise.resolve(true);
    act(() => {
      done = result.current.remove('user-42:b');
    });
    expect(keys(result.current.sessions)).toEqual(['user-42:c', 'user-42:a']);
    held.open();
    await act(async () => expect(await done).toBe(false));
    expect(keys(result.current.sessions)).toEqual(['user-42:c', 'user-42:b', 'user-42:a']);
    expect(result.current.error).toMatchObject({
      kind: 'delete',
      sessionkey: 'user-42:b',
      message: 'The conversation could not be deleted. Not allowed for this session.',
    });
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ kind: 'delete', sessionkey: 'user-42:b' }));
    act(() => result.current.clearError());
    expect(result.current.error).toBeNull();
  });

  it('a list that was on its way before the delete finished does not bring the row back', async () => {
    const { result } = renderSessions();
    await waitFor(() => expect(result.current.sessions).toHaveLength(3));
    const held = gate();
    server.use(
      http.post(SESSIONS, async () => {
        // Listed now, answered after the delete: stale.
        const stale = backend.handle('Sessions', { useragentguid: AGENT }).body;
        await held.wait;
        return HttpResponse.json(stale);
      }),
    );
    let refreshed: Promise<void> = Promise.resolve();
    act(() => {
      refreshed = result.current.refresh();
    });
    await act(async () => expect(await result.current.remove('user-42:b')).toBe(true));
    held.open();
    await act(() => refreshed);
    expect(keys(result.current.sessions)).toEqual(['user-42:c', 'user-42:a']);
  });

  it('the same delete asked twice is one request', async () => {
    const { result } = renderSessions();
    await waitFor(() => expect(result.current.sessions).toHaveLength(3));
    calls = [];
    await act(async () => {
      const [first, second] = await Promise.all([
        result.current.remove('user-42:a'),
        result.current.remove('user-42:a'),
      ]);
      expect([first, second]).toEqual([true, true]);
    });
    expect(calls).toEqual(['DeleteSession']);
  });
});

describe('useAgentSessions: new conversations', () => {
  it('create() lists a new prefixed key at the top; deleting it before anything was sent calls nothing', async () => {
    const { result } = renderSessions({ sessionKeyPrefix: 'user-42:' });
    await waitFor(() => expect(result.current.sessions).toHaveLength(3));
    let key = '';
    act(() => {
      key = result.current.create();
    });
    expect(key).toMatch(/^user-42:[a-z2-9]{16}$/);
    expect(result.current.sessions[0]).toMatchObject({
      sessionkey: key,
      isNew: true,
      messagecount: 0,
      lastmessage: '',
    });
    let other = '';
    act(() => {
      other = result.current.create();
    });
    expect(other).not.toBe(key);
    expect(keys(result.current.sessions).slice(0, 2)).toEqual([other, key]);
    calls = [];
    await act(async () => expect(await result.current.remove(key)).toBe(true));
    expect(keys(result.current.sessions)).not.toContain(key);
    expect(calls).toEqual([]);
  });

  it('markSent makes it a normal entry at once; the next refresh takes the server figures without a duplicate', async () => {
    const { result } = renderSessions({ sessionKeyPrefix: 'user-42:' });
    await waitFor(() => expect(result.current.sessions).toHaveLength(3));
    let key = '';
    act(() => {
      key = result.current.create();
    });
    act(() => result.current.markSent(key, 'Hello there'));
    expect(result.current.sessions[0]).toMatchObject({
      sessionkey: key,
      isNew: false,
      messagecount: 1,
      lastmessage: 'Hello there',
    });
    // A message sent in an older conversation moves it to the top.
    act(() => result.current.markSent('user-42:a', 'Back again'));
    expect(result.current.sessions[0]).toMatchObject({
      sessionkey: 'user-42:a',
      messagecount: 2,
      lastmessage: 'Back again',
    });

    clock = 4000 * 1000;
    backend.send({ useragentguid: AGENT, sessionkey: key, message: 'Hello there' });
    await act(() => result.current.refresh());
    expect(keys(result.current.sessions)).toEqual([key, 'user-42:c', 'user-42:b', 'user-42:a']);
    expect(result.current.sessions[0]).toEqual({
      sessionkey: key,
      messagecount: 1,
      updatedat: 4000,
      lastmessage: 'Hello there',
      isNew: false,
    });
  });
});
