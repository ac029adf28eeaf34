import { act, renderHook, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { StrictMode, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createAgentApi, createAgentSocket, type AgentSocket, type AgentSocketOptions } from 'wiro-agent-react/core';
import {
  memoryChatStorage,
  type ChatMessage,
  type UseAgentChatOptions,
  type UseAgentChatResult,
  useAgentChat,
  AgentSocketProvider,
} from 'wiro-agent-react';
import { pendingKey } from '../../src/chat/pending-store';
import type { AgentScenarioInput } from 'wiro-agent-react/testing';
import { startMockAgentServer, type MockAgentServer } from 'wiro-agent-react/testing/node';
import { AGENT, API_BASE, closedPort, scriptedChatPerTest, type ApiCall } from './chat-harness';

const WAIT = { timeout: 8000, interval: 10 };

/** Replies scripted per message text; anything else gets a short default. */
const scripts = new Map<string, AgentScenarioInput>();
const script = (text: string, scenario: AgentScenarioInput) => scripts.set(text, scenario);

let server: MockAgentServer;
const calls: ApiCall[] = [];
const sockets: AgentSocket[] = [];
const msw = scriptedChatPerTest(
  scripts,
  calls,
  (started) => (server = started),
  () => {
    for (const socket of sockets.splice(0)) socket.close();
  },
);

const api = createAgentApi({ baseUrl: API_BASE });

function socketFor(url: string, extra: AgentSocketOptions = {}): AgentSocket {
  const socket = createAgentSocket({
    url,
    WebSocket,
    schedule: 'microtask',
    idleTimeoutMs: 60_000,
    ...extra,
  });
  sockets.push(socket);
  return socket;
}

function mountChat(
  options: Partial<UseAgentChatOptions> = {},
  socket: AgentSocket | null = socketFor(server.url),
  strict = false,
) {
  const storage = options.storage ?? memoryChatStorage();
  const inner = ({ children }: { children: ReactNode }) =>
    socket ? <AgentSocketProvider socket={socket}>{children}</AgentSocketProvider> : <>{children}</>;
  const wrapper = ({ children }: { children: ReactNode }) =>
    strict ? <StrictMode>{inner({ children })}</StrictMode> : inner({ children });
  const hook = renderHook(
    (props: Partial<UseAgentChatOptions>) =>
      useAgentChat({ api, useragentguid: AGENT, sessionkey: 's1', storage, pollIntervalMs: 40, ...options, ...props }),
    { wrapper, initialProps: {} },
  );
  return { ...hook, socket, storage };
}

const chat = (hook: { result: { current: UseAgentChatResult } }) => hook.result.current;
const only = (hook: { result: { current: UseAgentChatResult } }): ChatMessage => {
  const list = chat(hook).messages;
  expect(list).toHaveLength(1);
  return list[0] as ChatMessage;
};
/** The reply's text, wherever it lives (socket store or the chat's own copy). */
function replyText(message: ChatMessage, socket: AgentSocket | null): string {
  if (message.stream) return message.stream.answer;
  if (!socket || !message.agenttoken) return '';
  return socket.getStream(message.agenttoken).answer;
}
async function settled(hook: { result: { current: UseAgentChatResult } }) {
  await waitFor(() => expect(chat(hook).isLoadingHistory).toBe(false), WAIT);
}
const endpoints = () => calls.map((c) => c.endpoint);

describe('useAgentChat: sending', () => {
  it('shows the turn at once, then streams the reply to the end', async () => {
    script('Hello', { text: 'Hi! How can I help you today?', chunkChars: 3, intervalMs: 2, queueMs: 5 });
    const hook = mountChat();
    await settled(hook);
    expect(chat(hook).messages).toEqual([]);
    expect(chat(hook).status).toBe('idle');

    let sent: Promise<string | null> = Promise.resolve(null);
    act(() => {
      sent = chat(hook).send('  Hello  ');
    });
    // Optimistic: visible before Send has answered.
    expect(only(hook)).toMatchObject({ content: 'Hello', status: 'sending', origin: 'local', agenttoken: null });
    const id = await act(() => sent);
    expect(id).toBe(only(hook).id);

    await waitFor(() => expect(only(hook).status).toBe('done'), WAIT);
    const message = only(hook);
    expect(message.agenttoken).toEqual(expect.any(String));
    expect(message.messageguid).toEqual(expect.any(String));
    expect(replyText(message, hook.socket)).toBe('Hi! How can I help you today?');
    expect(chat(hook).status).toBe('idle');
    expect(chat(hook).isPolling).toBe(false);
    // Followed over the socket, not by polling.
    expect(endpoints().filter((e) => e === 'Detail')).toEqual([]);
  });

  it('re-renders on turn changes only, not on every streamed frame', async () => {
    const text = 'word '.repeat(60).trim();
    script('Many frames', { text, chunkChars: 2, intervalMs: 1, queueMs: 5 });
    let renders = 0;
    const socket = socketFor(server.url);
    const hook = renderHook(
      () => {
        renders += 1;
        return useAgentChat({ api, useragentguid: AGENT, sessionkey: 's1', storage: null });
      },
      {
        wrapper: ({ children }: { children: ReactNode }) => (
          <AgentSocketProvider socket={socket}>{children}</AgentSocketProvider>
        ),
      },
    );
    await settled(hook);
    const before = renders;
    await act(async () => {
      await chat(hook).send('Many frames');
    });
    await waitFor(() => expect(only(hook).status).toBe('done'), WAIT);
    expect(socket.getStream(only(hook).agenttoken as string).answer).toBe(text);
    // ~150 frames streamed; the hook saw: sending, queued, streaming, done (and the polling flag).
    expect(renders - before).toBeLessThanOrEqual(8);
  });

  it('streams two messages sent back to back independently', async () => {
    script('first', {
      text: 'Alpha reply, quite a bit longer than the other one.',
      chunkChars: 2,
      intervalMs: 2,
      queueMs: 5,
    });
    script('second', { text: 'Beta reply.', chunkChars: 2, intervalMs: 3, queueMs: 5 });
    const hook = mountChat();
    await settled(hook);
    await act(async () => {
      await Promise.all([chat(hook).send('first'), chat(hook).send('second')]);
    });
    // Both run at the same time at some point…
    await waitFor(() => expect(chat(hook).messages.map((m) => m.status)).toEqual(['streaming', 'streaming']), WAIT);
    await waitFor(() => expect(chat(hook).messages.map((m) => m.status)).toEqual(['done', 'done']), WAIT);
    const [a, b] = chat(hook).messages as [ChatMessage, ChatMessage];
    expect(a.content).toBe('first');
    expect(replyText(a, hook.socket)).toBe('Alpha reply, quite a bit longer than the other one.');
    expect(b.content).toBe('second');
    expect(replyText(b, hook.socket)).toBe('Beta reply.');
    expect(a.agenttoken).not.toBe(b.agenttoken);
    // …over one connection.
    expect(server.connectionCount()).toBe(1);
  });

  it('sends files as multipart and shows them on the turn', async () => {
    const hook = mountChat();
    await settled(hook);
    const file = new File(['%PDF-1.4'], 'report.pdf', { type: 'application/pdf' });
    await act(async () => {
      await chat(hook).send('', [file]);
    });
    expect(only(hook).attachments).toEqual([{ name: 'report.pdf', type: 'application/pdf', size: 8, url: null }]);
    const send = calls.find((c) => c.endpoint === 'Send');
    // (The file name is not asserted on the wire: jsdom's File loses it inside Node's FormData/fetch.)
    expect(send?.body.attachments).toEqual([expect.objectContaining({ type: 'application/pdf', size: 8 })]);
    await waitFor(() => expect(only(hook).status).toBe('done'), WAIT);
  });

  it('does nothing for an empty message', async () => {
    const hook = mountChat();
    await settled(hook);
    await act(async () => {
      expect(await chat(hook).send('  \n ')).toBeNull();
    });
    expect(chat(hook).messages).toEqual([]);
    expect(endpoints()).not.toContain('Send');
  });

  it('a failed Send keeps the turn with its error; retry sends it again in place', async () => {
    msw.use(
      http.post(
        `${API_BASE}/UserAgent/Message/Send`,
        () => HttpResponse.json({ result: false, errors: [{ code: 3, message: 'Agent is not running' }] }),
        { once: true },
      ),
    );
    const errors: string[] = [];
    const hook = mountChat({ onError: (e) => errors.push(e.kind) });
    await settled(hook);
    await act(async () => {
      await chat(hook).send('Try me');
    });
    const failed = only(hook);
    expect(failed.status).toBe('send-failed');
    expect(failed.error?.message).toBe('The message could not be sent. Agent is not running.');
    expect(chat(hook).error?.kind).toBe('send');
    expect(errors).toEqual(['send']);

    await act(async () => {
      expect(await chat(hook).retry(failed.id)).toBe(failed.id);
    });
    await waitFor(() => expect(only(hook).status).toBe('done'), WAIT);
    expect(only(hook).id).toBe(failed.id);
    expect(only(hook).error).toBeNull();
    expect(replyText(only(hook), hook.socket)).toBe('Echo: Try me');
  });

  it('retry of a failed reply sends the same text again as a new turn', async () => {
    script('Fail please', { text: 'partial', fail: 'string', chunkChars: 3, intervalMs: 2, queueMs: 5 });
    const hook = mountChat();
    await settled(hook);
    await act(async () => {
      await chat(hook).send('Fail please');
    });
    await waitFor(() => expect(only(hook).status).toBe('error'), WAIT);
    const failed = only(hook);
    scripts.delete('Fail please');
    await act(async () => {
      await chat(hook).retry(failed.id);
    });
    await waitFor(() => expect(chat(hook).messages.map((m) => m.status)).toEqual(['error', 'done']), WAIT);
    const [first, second] = chat(hook).messages as [ChatMessage, ChatMessage];
    expect(first).toMatchObject({ id: failed.id, status: 'error' });
    expect(second.content).toBe('Fail please');
    expect(replyText(second, hook.socket)).toBe('Echo: Fail please');
  });
});

describe('useAgentChat: listeners', () => {
  /** `socket`, counting every call of every listener given to it through any of its watch methods. */
  function countingSocket(socket: AgentSocket) {
    const calls = { count: 0 };
    const counted =
      <A extends unknown[]>(listener: (...args: A) => void) =>
      (...args: A) => {
        calls.count += 1;
        listener(...args);
      };
    const proxy = new Proxy(socket, {
      get(target, key, receiver) {
        if (key === 'watchStream')
          return (token: string, listener: Parameters<AgentSocket['watchStream']>[1]) =>
            target.watchStream(token, counted(listener));
        if (key === 'watchConnection')
          return (listener: Parameters<AgentSocket['watchConnection']>[0]) => target.watchConnection(counted(listener));
        if (key === 'store')
          return {
            getState: () => target.store.getState(),
            subscribe: (listener: Parameters<AgentSocket['store']['subscribe']>[0]) =>
              target.store.subscribe(counted(listener)),
          };
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    return { socket: proxy, calls };
  }

  it('a frame for a token the chat does not follow wakes no chat listener', async () => {
    script('Wait in line', { text: 'never shown', queueMs: 60_000 });
    const real = socketFor(server.url);
    const { socket, calls } = countingSocket(real);
    const hook = mountChat({}, socket);
    await settled(hook);
    await act(async () => {
      await chat(hook).send('Wait in line');
    });
    const token = only(hook).agenttoken as string;
    // The chat's own reply is known and queued: from here on it stays silent for a minute.
    await waitFor(() => expect(real.getStream(token).status).toBe('agent_queue'), WAIT);
    await waitFor(() => expect(real.connection.status).toBe('open'), WAIT);

    // Another reply streams on the same socket, to someone else.
    const other = server.createMessage({ text: 'x'.repeat(300), chunkChars: 3, intervalMs: 1, queueMs: 0 });
    calls.count = 0;
    const release = real.subscribe(other.agenttoken);
    await waitFor(() => expect(real.getStream(other.agenttoken).status).toBe('agent_end'), WAIT);
    release();
    expect(real.getStream(other.agenttoken).answer).toHaveLength(300);
    expect(calls.count).toBe(0);
    expect(only(hook).status).toBe('queued');
  });
});

describe('useAgentChat: StrictMode', () => {
  it('mounting twice in development shows each turn once and streams over one connection', async () => {
    server.createMessage(
      { text: 'old', queueMs: 0, intervalMs: 0 },
      { useragentguid: AGENT, sessionkey: 's1', content: 'before' },
    );
    const hook = mountChat({}, socketFor(server.url), true);
    await waitFor(() => expect(chat(hook).messages.map((m) => m.content)).toEqual(['before']), WAIT);
    await act(async () => {
      await chat(hook).send('In strict mode');
    });
    await waitFor(() => expect(chat(hook).messages.map((m) => m.status)).toEqual(['done', 'done']), WAIT);
    expect(replyText(chat(hook).messages[1] as ChatMessage, hook.socket)).toBe('Echo: In strict mode');
    expect(endpoints().filter((e) => e === 'Send')).toHaveLength(1);
    expect(server.connectionCount()).toBe(1);
  });
});

describe('useAgentChat: cancelling', () => {
  it('cancels a streaming reply: it ends cancelled with its partial text', async () => {
    const text = 'A long answer that streams slowly enough to be stopped halfway through.';
    script('Go on', { text, chunkChars: 2, intervalMs: 15, queueMs: 5 });
    const hook = mountChat();
    await settled(hook);
    await act(async () => {
      await chat(hook).send('Go on');
    });
    await waitFor(() => expect(replyText(only(hook), hook.socket).length).toBeGreaterThan(6), WAIT);
    await act(async () => {
      await chat(hook).cancel();
    });
    await waitFor(() => expect(only(hook).status).toBe('cancelled'), WAIT);
    const partial = replyText(only(hook), hook.socket);
    expect(partial.length).toBeGreaterThan(0);
    expect(text.startsWith(partial)).toBe(true);
    expect(partial.length).toBeLessThan(text.length);
    expect(only(hook).cancelRequested).toBe(false);
  });

  it('cancels a queued reply, which gets no socket event: confirmed through Detail', async () => {
    script('Wait in line', { text: 'never shown', queueMs: 60_000 });
    const hook = mountChat();
    await settled(hook);
    await act(async () => {
      await chat(hook).send('Wait in line');
    });
    await waitFor(() => expect(only(hook).status).toBe('queued'), WAIT);
    await act(async () => {
      await chat(hook).cancel(only(hook).id);
    });
    await waitFor(() => expect(only(hook).status).toBe('cancelled'), WAIT);
    expect(server.backend.getMessage({ agenttoken: only(hook).agenttoken as string })?.status).toBe('agent_cancel');
    expect(endpoints()).toEqual(expect.arrayContaining(['Cancel', 'Detail']));
  });

  it('a turn still sending is cancelled as soon as Send returns', async () => {
    script('Too late', { text: 'never shown', queueMs: 60_000 });
    const hook = mountChat();
    await settled(hook);
    let sent: Promise<string | null> = Promise.resolve(null);
    act(() => {
      sent = chat(hook).send('Too late');
    });
    expect(only(hook).status).toBe('sending');
    await act(async () => {
      await chat(hook).cancel();
      await sent;
    });
    await waitFor(() => expect(only(hook).status).toBe('cancelled'), WAIT);
  });
});

describe('useAgentChat: history', () => {
  /** Store finished messages in the session, oldest first, and wait until they have all ended. */
  async function seed(count: number, sessionkey = 's1') {
    const made: { agenttoken: string; messageguid: string }[] = [];
    for (let i = 1; i <= count; i++) {
      made.push(
        server.createMessage(
          { text: `answer ${i}`, queueMs: 0, intervalMs: 0, chunkChars: 50 },
          { useragentguid: AGENT, sessionkey, content: `question ${i}` },
        ),
      );
    }
    await waitFor(() => {
      for (const m of made) expect(server.backend.getMessage(m)?.status).toBe('agent_end');
    }, WAIT);
    return made;
  }

  it('shows the newest page oldest first, and loadOlder pages back with `before`', async () => {
    await seed(5);
    const hook = mountChat({ historyPageSize: 2 });
    await settled(hook);
    expect(chat(hook).messages.map((m) => m.content)).toEqual(['question 4', 'question 5']);
    expect(chat(hook).messages.map((m) => m.stream?.answer)).toEqual(['answer 4', 'answer 5']);
    expect(chat(hook).messages.every((m) => m.origin === 'history' && m.status === 'done')).toBe(true);
    expect(chat(hook).hasOlder).toBe(true);

    await act(() => chat(hook).loadOlder());
    expect(chat(hook).messages.map((m) => m.content)).toEqual(['question 2', 'question 3', 'question 4', 'question 5']);
    const older = calls.filter((c) => c.endpoint === 'History')[1];
    expect(older?.body).toMatchObject({
      useragentguid: AGENT,
      sessionkey: 's1',
      limit: 2,
      before: chat(hook).messages[2]?.messageguid,
    });

    await act(() => chat(hook).loadOlder());
    expect(chat(hook).messages.map((m) => m.content)).toEqual([
      'question 1',
      'question 2',
      'question 3',
      'question 4',
      'question 5',
    ]);
    expect(chat(hook).hasOlder).toBe(false);
  });

  it('a reply still running when the page loads goes live (followed by its GUID)', async () => {
    const running = server.createMessage(
      { text: 'Still being written when you arrived.', chunkChars: 2, intervalMs: 10, queueMs: 30 },
      { useragentguid: AGENT, sessionkey: 's1', content: 'Are you there?' },
    );
    const hook = mountChat();
    await settled(hook);
    expect(only(hook)).toMatchObject({ content: 'Are you there?', origin: 'history', agenttoken: null });
    expect(['queued', 'streaming']).toContain(only(hook).status);
    await waitFor(() => expect(only(hook).status).toBe('done'), WAIT);
    expect(only(hook).stream?.answer).toBe('Still being written when you arrived.');
    expect(calls.some((c) => c.endpoint === 'Detail' && c.body.messageguid === running.messageguid)).toBe(true);
    // A history row followed by polling is not "the socket is down".
    expect(chat(hook).isPolling).toBe(false);
  });

  it('a failed history load is an error, and loadOlder retries it', async () => {
    msw.use(
      http.post(
        `${API_BASE}/UserAgent/Message/History`,
        () => HttpResponse.json({ message: 'oops' }, { status: 502 }),
        { once: true },
      ),
    );
    await seed(1);
    const hook = mountChat();
    await settled(hook);
    expect(chat(hook).error?.kind).toBe('history');
    expect(chat(hook).hasOlder).toBe(true);
    await act(() => chat(hook).loadOlder());
    expect(chat(hook).messages.map((m) => m.content)).toEqual(['question 1']);
    act(() => chat(hook).clearError());
    expect(chat(hook).error).toBeNull();
  });

  it('unmounting aborts the requests in flight', async () => {
    let started!: () => void;
    const arrived = new Promise<void>((resolve) => (started = resolve));
    let signal: AbortSignal | undefined;
    msw.use(
      http.post(`${API_BASE}/UserAgent/Message/History`, async ({ request }) => {
        signal = request.signal;
        started();
        await new Promise((resolve) => setTimeout(resolve, 5000));
        return HttpResponse.json({ result: true, errors: [], data: { messages: [], count: 0, hasmore: false } });
      }),
    );
    const hook = mountChat();
    await arrived;
    hook.unmount();
    await waitFor(() => expect(signal?.aborted).toBe(true), WAIT);
  });
});

describe('useAgentChat: polling fallback', () => {
  it('follows the reply through Detail when the socket cannot connect at all', async () => {
    script('Anyone?', { text: 'Polled all the way to the end.', chunkChars: 4, intervalMs: 10, queueMs: 5 });
    const port = await closedPort();
    const socket = socketFor(`ws://127.0.0.1:${port}/v1`, { reconnect: false });
    const hook = mountChat({}, socket);
    await settled(hook);
    await act(async () => {
      await chat(hook).send('Anyone?');
    });
    await waitFor(() => expect(chat(hook).isPolling).toBe(true), WAIT);
    await waitFor(() => expect(only(hook).status).toBe('done'), WAIT);
    expect(replyText(only(hook), socket)).toBe('Polled all the way to the end.');
    // The socket store holds the reply, without the "could not reach the agent" failure.
    expect(socket.getStream(only(hook).agenttoken as string).error).toBeNull();
    expect(endpoints().filter((e) => e === 'Detail').length).toBeGreaterThan(0);
    await waitFor(() => expect(chat(hook).isPolling).toBe(false), WAIT);
  });

  it('polls while the socket keeps failing to reconnect, and goes back to the socket when it is back', async () => {
    script('Patience', { text: 'Finished after the socket came back.', chunkChars: 2, intervalMs: 25, queueMs: 5 });
    const port = await closedPort();
    const socket = socketFor(`ws://127.0.0.1:${port}/v1`, {
      reconnect: { initialDelayMs: 20, maxDelayMs: 40, jitter: false },
    });
    const hook = mountChat({ pollIntervalMs: 30 }, socket);
    await settled(hook);
    await act(async () => {
      await chat(hook).send('Patience');
    });
    await waitFor(() => expect(chat(hook).isPolling).toBe(true), WAIT);
    await waitFor(() => expect(replyText(only(hook), socket).length).toBeGreaterThan(0), WAIT);

    // The network comes back: the same backend, now reachable on that port.
    const second = await startMockAgentServer({ port, backend: server.backend });
    try {
      await waitFor(() => expect(socket.connection.status).toBe('open'), WAIT);
      await waitFor(() => expect(chat(hook).isPolling).toBe(false), WAIT);
      await waitFor(() => expect(only(hook).status).toBe('done'), WAIT);
      expect(replyText(only(hook), socket)).toBe('Finished after the socket came back.');
    } finally {
      socket.close();
      await second.close();
    }
  });

  it('without any socket provider, every reply is followed by polling', async () => {
    script('No socket', { text: 'Polling only.', chunkChars: 3, intervalMs: 5, queueMs: 5 });
    const hook = mountChat({}, null);
    await settled(hook);
    await act(async () => {
      await chat(hook).send('No socket');
    });
    expect(only(hook).stream?.status).toBe('subscribing');
    await waitFor(() => expect(only(hook).status).toBe('done'), WAIT);
    expect(only(hook).stream?.answer).toBe('Polling only.');
  });
});

describe('useAgentChat: reload resume', () => {
  it('a reply running at unmount is resumed on the next mount and completes, listed once', async () => {
    const text = 'This reply outlives the page that asked for it.';
    script('Survive a reload', { text, chunkChars: 2, intervalMs: 15, queueMs: 5 });
    const storage = memoryChatStorage();
    const key = pendingKey(AGENT, 's1');

    const first = mountChat({ storage });
    await settled(first);
    await act(async () => {
      await chat(first).send('Survive a reload');
    });
    await waitFor(() => expect(only(first).status).toBe('streaming'), WAIT);
    const { agenttoken, messageguid } = only(first);
    expect(storage.data.get(key)).toContain(messageguid);
    first.unmount();

    // A new page: a new socket, the same storage.
    const second = mountChat({ storage }, socketFor(server.url));
    await settled(second);
    expect(only(second)).toMatchObject({ messageguid, agenttoken, content: 'Survive a reload' });
    await waitFor(() => expect(only(second).status).toBe('done'), WAIT);
    expect(replyText(only(second), second.socket)).toBe(text);
    // Finished: nothing left to resume.
    await waitFor(() => expect(storage.data.has(key)).toBe(false), WAIT);
  });

  it('resumes from storage even when the history page fails', async () => {
    const running = server.createMessage(
      { text: 'Resumed without history.', chunkChars: 3, intervalMs: 5, queueMs: 5 },
      { useragentguid: AGENT, sessionkey: 's1', content: 'Hello again' },
    );
    const storage = memoryChatStorage({
      [pendingKey(AGENT, 's1')]: JSON.stringify({
        v: 1,
        turns: [{ ...running, content: 'Hello again', createdAt: 1 }],
      }),
    });
    msw.use(http.post(`${API_BASE}/UserAgent/Message/History`, () => HttpResponse.error()));
    const hook = mountChat({ storage });
    await waitFor(() => expect(chat(hook).error?.kind).toBe('history'), WAIT);
    expect(only(hook)).toMatchObject({ origin: 'resumed', content: 'Hello again', agenttoken: running.agenttoken });
    await waitFor(() => expect(only(hook).status).toBe('done'), WAIT);
    expect(replyText(only(hook), hook.socket)).toBe('Resumed without history.');
  });
});
