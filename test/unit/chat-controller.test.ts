import { describe, expect, it } from 'vitest';
import type { AgentMessageRecord, HistoryPage, SendResult } from 'wiro-agent-react/core';
import type { ChatApi } from 'wiro-agent-react';
import { ChatController } from '../../src/chat/controller';

/** A promise resolved (or rejected) by the test, whenever it wants. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function row(guid: string, content: string): AgentMessageRecord {
  return {
    guid,
    content,
    response: `answer to ${content}`,
    debugoutput: `answer to ${content}`,
    status: 'agent_end',
    metadata: {},
    attachments: [],
    deletestatus: 0,
    createdat: '1743350400',
  };
}

/**
 * An API whose every call waits for the test to answer it, and which, like a server that already
 * replied, answers even after the request was aborted: exactly the late results a stopped run must ignore.
 */
function scriptedApi() {
  const histories: ReturnType<typeof deferred<HistoryPage>>[] = [];
  const sends: ReturnType<typeof deferred<SendResult>>[] = [];
  const api: ChatApi = {
    history: () => {
      const call = deferred<HistoryPage>();
      histories.push(call);
      return call.promise;
    },
    send: () => {
      const call = deferred<SendResult>();
      sends.push(call);
      return call.promise;
    },
    detail: () => new Promise(() => {}),
    cancel: () => Promise.resolve(),
  };
  return { api, histories, sends };
}

function controllerFor(api: ChatApi) {
  return new ChatController({
    useragentguid: 'agent',
    sessionkey: 'session',
    socket: null,
    settings: () => ({ api, storage: null, pollIntervalMs: 60_000, historyPageSize: 20, onError: undefined }),
  });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const contents = (c: ChatController) => c.getState().turns.map((t) => t.content);

describe('ChatController: stop and start again', () => {
  it('a second start loads the conversation again; the first run’s late history page is ignored', async () => {
    const { api, histories } = scriptedApi();
    const chat = controllerFor(api);
    chat.start();
    chat.stop();
    chat.start();
    expect(histories).toHaveLength(2);

    histories[1]?.resolve({ messages: [row('g2', 'current')], count: 1, hasmore: false });
    await settle();
    expect(contents(chat)).toEqual(['current']);

    // The stopped run's request answers last, with other rows: nothing changes.
    histories[0]?.resolve({ messages: [row('g1', 'stale')], count: 1, hasmore: true });
    await settle();
    expect(contents(chat)).toEqual(['current']);
    expect(chat.getState().hasOlder).toBe(false);
  });

  it('does nothing once stopped, and keeps the conversation for the next start', async () => {
    const { api, histories } = scriptedApi();
    const chat = controllerFor(api);
    chat.start();
    histories[0]?.resolve({ messages: [row('g1', 'kept')], count: 1, hasmore: false });
    await settle();
    chat.stop();
    expect(chat.running).toBe(false);
    expect(await chat.send('while stopped')).toBeNull();

    chat.start();
    // Already loaded: the next run does not fetch the first page again.
    expect(histories).toHaveLength(1);
    expect(contents(chat)).toEqual(['kept']);
  });

  it('a Send cut off by a stop offers Retry after the next start; its late answer is ignored', async () => {
    const { api, histories, sends } = scriptedApi();
    const chat = controllerFor(api);
    chat.start();
    histories[0]?.resolve({ messages: [], count: 0, hasmore: false });
    await settle();
    const sent = chat.send('Hello');
    expect(chat.getState().turns[0]?.status).toBe('sending');

    chat.stop();
    chat.start();
    expect(chat.getState().turns[0]).toMatchObject({ content: 'Hello', status: 'send-failed' });

    sends[0]?.resolve({
      messageguid: 'late-guid',
      agenttoken: 'late-token-0000000000000000000',
      status: 'agent_queue',
    });
    await sent;
    expect(chat.getState().turns[0]).toMatchObject({ status: 'send-failed', agenttoken: null });

    // Retry goes through the running run.
    const id = chat.getState().turns[0]?.id as string;
    const retried = chat.retry(id);
    expect(chat.getState().turns[0]?.status).toBe('sending');
    sends[1]?.resolve({ messageguid: 'guid-2', agenttoken: 'token-2-000000000000000000000', status: 'agent_queue' });
    expect(await retried).toBe(id);
    expect(chat.getState().turns[0]).toMatchObject({ status: 'queued', messageguid: 'guid-2' });
    chat.stop();
  });
});

describe('ChatController: a long history', () => {
  it('finished rows show their status at once, and each reply is one stream, the same on every read', async () => {
    const { api, histories } = scriptedApi();
    const chat = controllerFor(api);
    chat.start();
    const rows = Array.from({ length: 1000 }, (_, i) => row(`g${i}`, `question ${i}`));
    rows[3] = { ...row('g3', 'question 3'), status: 'agent_cancel', response: '', debugoutput: '' };
    histories[0]?.resolve({ messages: rows.toReversed(), count: rows.length, hasmore: false });
    await settle();
    const turns = chat.getState().turns;
    expect(turns).toHaveLength(1000);
    expect(turns.filter((t) => t.status === 'done')).toHaveLength(999);
    expect(turns[3]?.status).toBe('cancelled');
    const last = turns[999];
    expect(last?.stream?.answer).toBe('answer to question 999');
    expect(last?.stream).toBe(last?.stream);
    expect(last).toMatchObject({ content: 'question 999', status: 'done', origin: 'history' });
    chat.stop();
  });
});
