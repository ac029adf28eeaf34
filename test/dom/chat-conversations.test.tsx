/**
 * useAgentChat's conversation features against the real mock agent server (socket) and msw (REST):
 * regenerate with versions, editing the last message, ratings, and switching sessions while a reply
 * streams.
 */
import { act, renderHook, waitFor } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createAgentApi, createAgentSocket, type AgentSocket } from 'wiro-agent-react/core';
import {
  AgentSocketProvider,
  memoryChatStorage,
  useAgentChat,
  type ChatFeedbackEvent,
  type ChatMessage,
  type ChatSentEvent,
  type UseAgentChatOptions,
  type UseAgentChatResult,
} from 'wiro-agent-react';
import type { AgentScenarioInput } from 'wiro-agent-react/testing';
import type { MockAgentServer } from 'wiro-agent-react/testing/node';
import { AGENT, API_BASE, scriptedChatPerTest, type ApiCall } from './chat-harness';

const WAIT = { timeout: 8000, interval: 10 };
const scripts = new Map<string, AgentScenarioInput>();
let server: MockAgentServer;
const calls: ApiCall[] = [];
const sockets: AgentSocket[] = [];
scriptedChatPerTest(
  scripts,
  calls,
  (started) => (server = started),
  () => {
    for (const socket of sockets.splice(0)) socket.close();
  },
);
const api = createAgentApi({ baseUrl: API_BASE });

type Props = Partial<UseAgentChatOptions>;

function mountChat(options: Props = {}, strict = false, idleTimeoutMs = 60_000) {
  const socket = createAgentSocket({ url: server.url, WebSocket, schedule: 'microtask', idleTimeoutMs });
  sockets.push(socket);
  const storage = options.storage ?? memoryChatStorage();
  const wrapper = ({ children }: { children: ReactNode }) => {
    const tree = <AgentSocketProvider socket={socket}>{children}</AgentSocketProvider>;
    return strict ? <StrictMode>{tree}</StrictMode> : tree;
  };
  const hook = renderHook(
    (props: Props) =>
      useAgentChat({ api, useragentguid: AGENT, sessionkey: 's1', storage, pollIntervalMs: 40, ...options, ...props }),
    { wrapper, initialProps: {} },
  );
  return { ...hook, socket, storage };
}

type Hook = { result: { current: UseAgentChatResult } };
const chat = (hook: Hook) => hook.result.current;
const last = (hook: Hook): ChatMessage => {
  const list = chat(hook).messages;
  return list[list.length - 1] as ChatMessage;
};
function replyText(message: ChatMessage, socket: AgentSocket): string {
  if (message.stream) return message.stream.answer;
  return message.agenttoken ? socket.getStream(message.agenttoken).answer : '';
}
async function settled(hook: Hook) {
  await waitFor(() => expect(chat(hook).isLoadingHistory).toBe(false), WAIT);
}
async function sendAndFinish(hook: Hook, text: string, files?: File[]) {
  await act(async () => {
    await chat(hook).send(text, files);
  });
  await waitFor(() => expect(last(hook).status).toBe('done'), WAIT);
}
const sends = () => calls.filter((c) => c.endpoint === 'Send');

describe('useAgentChat: regenerate', () => {
  it('sends the last message again, with its files, and shows the new reply as version 2 of 2', async () => {
    scripts.set('Pick a colour', { text: 'Blue.', chunkChars: 2, intervalMs: 2, queueMs: 5 });
    const hook = mountChat();
    await settled(hook);
    const file = new File(['hello'], 'notes.txt', { type: 'text/plain' });
    await sendAndFinish(hook, 'Pick a colour', [file]);
    const first = last(hook);
    const n = chat(hook).messages.length;

    scripts.set('Pick a colour', { text: 'Green.', chunkChars: 2, intervalMs: 2, queueMs: 5 });
    let id: string | null = null;
    await act(async () => {
      id = await chat(hook).regenerate();
    });
    await waitFor(() => expect(last(hook).status).toBe('done'), WAIT);
    const second = last(hook);
    expect(second.id).toBe(id);
    // In the old one's place, not after it.
    expect(chat(hook).messages).toHaveLength(n);
    expect(second.versions).toEqual({ index: 1, count: 2, ids: [first.id, second.id] });
    expect(replyText(second, hook.socket)).toBe('Green.');
    // The same message, with the same file, went to Send again.
    expect(sends().map((c) => c.body.message)).toEqual(['Pick a colour', 'Pick a colour']);
    // (jsdom's File reaches msw without its name, as in the other attachment tests: type and size tell.)
    expect(sends()[1]?.body.attachments).toEqual([expect.objectContaining({ type: 'text/plain', size: 5 })]);
    expect(second.filesNotResent).toBeUndefined();

    act(() => chat(hook).selectVersion(second.id, 0));
    expect(last(hook).id).toBe(first.id);
    expect(last(hook).versions).toEqual({ index: 0, count: 2, ids: [first.id, second.id] });
    expect(replyText(last(hook), hook.socket)).toBe('Blue.');
  });

  it('only when the last reply has ended; a history turn says its files were not sent again', async () => {
    const made = server.createMessage(
      { text: 'A photo of a cat.', queueMs: 0, intervalMs: 0, chunkChars: 100 },
      {
        useragentguid: AGENT,
        sessionkey: 's1',
        content: 'What is this?',
        attachments: [{ url: 'https://cdn.example/cat.png', name: 'cat.png', type: 'image/png', size: 10 }],
      },
    );
    await waitFor(() => expect(server.backend.getMessage(made)?.status).toBe('agent_end'), WAIT);
    scripts.set('Slow', { text: 'x '.repeat(100), chunkChars: 1, intervalMs: 20, queueMs: 5 });
    const hook = mountChat();
    await settled(hook);
    expect(last(hook).attachments.map((a) => a.url)).toEqual(['https://cdn.example/cat.png']);

    await act(async () => {
      await chat(hook).regenerate();
    });
    await waitFor(() => expect(last(hook).status).toBe('done'), WAIT);
    expect(last(hook).content).toBe('What is this?');
    expect(last(hook).attachments).toEqual([]);
    expect(last(hook).filesNotResent?.map((f) => f.name)).toEqual(['cat.png']);
    expect(sends()[0]?.body).toMatchObject({ message: 'What is this?' });

    await act(async () => {
      await chat(hook).send('Slow');
    });
    let refused: string | null = 'not called';
    await act(async () => {
      refused = await chat(hook).regenerate();
    });
    expect(refused).toBeNull();
    expect(sends()).toHaveLength(2);
  });
});

describe('useAgentChat: edit', () => {
  it('cancels the running reply, sends the new text and shows it in place of the old turn', async () => {
    scripts.set('Write a poem', { text: 'Roses '.repeat(80), chunkChars: 2, intervalMs: 15, queueMs: 5 });
    scripts.set('Write a haiku', { text: 'An old silent pond.', chunkChars: 3, intervalMs: 2, queueMs: 5 });
    const hook = mountChat();
    await settled(hook);
    await act(async () => {
      await chat(hook).send('Write a poem');
    });
    await waitFor(() => expect(last(hook).status).toBe('streaming'), WAIT);
    const old = last(hook);

    await act(async () => {
      await chat(hook).edit(old.id, '  Write a haiku ');
    });
    expect(chat(hook).messages.map((m) => m.content)).toEqual(['Write a haiku']);
    await waitFor(() => expect(last(hook).status).toBe('done'), WAIT);
    expect(replyText(last(hook), hook.socket)).toBe('An old silent pond.');
    expect(last(hook).versions?.count).toBe(2);
    // The old reply was stopped on the server.
    await waitFor(
      () => expect(server.backend.getMessage({ agenttoken: old.agenttoken as string })?.status).toBe('agent_cancel'),
      WAIT,
    );
    expect(calls.map((c) => c.endpoint)).toContain('Cancel');
  });

  it('refuses anything but the last turn, and empty text', async () => {
    const hook = mountChat();
    await settled(hook);
    await sendAndFinish(hook, 'one');
    await sendAndFinish(hook, 'two');
    const [first, second] = chat(hook).messages as [ChatMessage, ChatMessage];
    const results: (string | null)[] = [];
    await act(async () => {
      results.push(await chat(hook).edit(first.id, 'changed'));
      results.push(await chat(hook).edit(second.id, '   '));
    });
    expect(results).toEqual([null, null]);
    expect(sends()).toHaveLength(2);
  });
});

describe('useAgentChat: feedback', () => {
  it('rates a finished reply, tells onFeedback, and shows the rating again after a remount', async () => {
    const onFeedback = vi.fn<(event: ChatFeedbackEvent) => void>();
    const feedbackStorage = memoryChatStorage();
    const hook = mountChat({ onFeedback, feedbackStorage, storage: null });
    await settled(hook);
    await sendAndFinish(hook, 'Rate this');
    const turn = last(hook);

    act(() => chat(hook).rate(turn.id, 'down'));
    expect(last(hook).feedback).toEqual({ value: 'down', comment: '' });
    act(() => chat(hook).rate(turn.id, 'down', ' Too long '));
    expect(last(hook).feedback).toEqual({ value: 'down', comment: 'Too long' });
    expect(onFeedback.mock.calls.map(([event]) => event)).toEqual([
      { messageguid: turn.messageguid, agenttoken: turn.agenttoken, sessionkey: 's1', value: 'down' },
      {
        messageguid: turn.messageguid,
        agenttoken: turn.agenttoken,
        sessionkey: 's1',
        value: 'down',
        comment: 'Too long',
      },
    ]);
    // Only GUIDs and ratings are stored: never a token.
    const saved = [...feedbackStorage.data.values()].join('');
    await waitFor(() => expect([...feedbackStorage.data.values()].join('')).toContain('Too long'), WAIT);
    expect(saved).not.toContain(turn.agenttoken as string);
    hook.unmount();

    const again = mountChat({ feedbackStorage, storage: null });
    await waitFor(() => expect(last(again)?.feedback).toEqual({ value: 'down', comment: 'Too long' }), WAIT);
  });

  it('ignores replies still running', async () => {
    scripts.set('Running', { text: 'never mind', queueMs: 60_000 });
    const onFeedback = vi.fn();
    const hook = mountChat({ onFeedback });
    await settled(hook);
    await act(async () => {
      await chat(hook).send('Running');
    });
    act(() => chat(hook).rate(last(hook).id, 'up'));
    expect(last(hook).feedback).toBeUndefined();
    expect(onFeedback).not.toHaveBeenCalled();
  });
});

describe('useAgentChat: switching sessions', () => {
  it('a reply streaming in the session left goes on over the socket, and is shown finished on return', async () => {
    const text = 'word '.repeat(60).trim();
    scripts.set('Long reply', { text, chunkChars: 3, intervalMs: 10, queueMs: 5 });
    const sent = vi.fn<(event: ChatSentEvent) => void>();
    // The socket closes 50 ms after its last live subscription is released: only a held reply goes on.
    const hook = mountChat({ onMessageSent: sent }, false, 50);
    await settled(hook);
    await act(async () => {
      await chat(hook).send('Long reply');
    });
    await waitFor(() => expect(last(hook).status).toBe('streaming'), WAIT);
    const token = last(hook).agenttoken as string;
    expect(sent).toHaveBeenCalledWith(expect.objectContaining({ sessionkey: 's1', content: 'Long reply' }));

    hook.rerender({ sessionkey: 's2' });
    await settled(hook);
    expect(chat(hook).messages).toEqual([]);
    // Still followed while not shown: the text keeps coming into the store, to its end.
    await waitFor(() => expect(hook.socket.getStream(token).status).toBe('agent_end'), WAIT);
    expect(hook.socket.getStream(token).answer).toBe(text);

    const histories = calls.filter((c) => c.endpoint === 'History').length;
    hook.rerender({ sessionkey: 's1' });
    expect(last(hook).status).toBe('done');
    expect(replyText(last(hook), hook.socket)).toBe(text);
    // Shown from memory: no second History call, and one subscription for the token all along.
    expect(calls.filter((c) => c.endpoint === 'History')).toHaveLength(histories);
    const subscribes = server.received().filter((r) => (r.frame as { agenttoken?: string }).agenttoken === token);
    expect(subscribes).toHaveLength(1);
  });

  it('unmounting stops the sessions left behind too: nothing holds their replies any more', async () => {
    scripts.set('Endless', { text: 'x '.repeat(500), chunkChars: 1, intervalMs: 30, queueMs: 5 });
    // The socket closes 50 ms after its last live subscription is released.
    const hook = mountChat({}, true, 50);
    await settled(hook);
    await act(async () => {
      await chat(hook).send('Endless');
    });
    await waitFor(() => expect(last(hook).status).toBe('streaming'), WAIT);
    const token = last(hook).agenttoken as string;
    hook.rerender({ sessionkey: 's2' });
    await settled(hook);
    // Held while not shown: the connection stays.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hook.socket.getStream(token).isStreaming).toBe(true);
    expect(server.connectionCount()).toBe(1);

    hook.unmount();
    await waitFor(() => expect(server.connectionCount()).toBe(0), WAIT);
  });
});
