/** The in-memory backend on its own, with fake timers (no I/O). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createMockAgentBackend,
  type MockAgentBackend,
  type MockMessageRecord,
  agentScenario,
  type WireAgentFrame,
} from 'wiro-agent-react/testing';

const GUID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890';
let backend: MockAgentBackend;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
  backend = createMockAgentBackend({
    reply: (text) => agentScenario({ text: `echo: ${text}`, chunkChars: 4, intervalMs: 10, queueMs: 20 }),
  });
});

afterEach(() => {
  backend.dispose();
  vi.useRealTimers();
});

function detail(ref: { agenttoken?: string; messageguid?: string }): MockMessageRecord {
  const res = backend.detail(ref);
  if (!res.result) throw new Error(res.errors[0]?.message);
  return res.data;
}

function follow(token: string): WireAgentFrame[] {
  const frames: WireAgentFrame[] = [];
  backend.subscribe(token, { frame: (f) => frames.push(f) });
  return frames;
}

describe('send and playback', () => {
  it('queues, starts, streams and ends on its timers, updating the stored record', () => {
    const sent = backend.send({ useragentguid: GUID, message: 'hi', sessionkey: 'user-42' });
    expect(sent).toMatchObject({ result: true, errors: [], status: 'agent_queue' });
    if (!sent.result) return;
    expect(sent.agenttoken).toMatch(/^[A-Za-z0-9]{30}$/);
    const frames = follow(sent.agenttoken);
    expect(frames[0]).toEqual({
      type: 'agent_subscribed',
      agenttoken: sent.agenttoken,
      status: 'agent_queue',
      debugoutput: '',
      result: true,
    });

    const queued = detail({ messageguid: sent.messageguid });
    expect(queued).toMatchObject({
      status: 'agent_queue',
      content: 'hi',
      sessionkey: 'user-42',
      response: '',
      metadata: {},
      attachments: [],
      deletestatus: 0,
    });
    expect(queued.createdat).toBe(String(Date.UTC(2026, 0, 1) / 1000));

    vi.advanceTimersByTime(20);
    expect(frames.at(-1)?.type).toBe('agent_start');
    vi.advanceTimersByTime(10);
    expect(detail({ agenttoken: sent.agenttoken })).toMatchObject({
      status: 'agent_output',
      debugoutput: 'echo',
      metadata: {},
      response: '',
    });

    vi.advanceTimersByTime(1000);
    const done = detail({ agenttoken: sent.agenttoken });
    expect(done).toMatchObject({ status: 'agent_end', response: 'echo: hi', debugoutput: 'echo: hi' });
    expect(done.metadata).toMatchObject({
      type: 'progressGenerate',
      raw: 'echo: hi',
      answer: ['echo: hi'],
      isThinking: false,
    });
    expect(typeof done.metadata.speed).toBe('number');
    expect(frames.at(-1)?.type).toBe('agent_end');
    // A late subscriber gets the final snapshot and nothing more.
    expect(follow(sent.agenttoken)).toEqual([
      {
        type: 'agent_subscribed',
        agenttoken: sent.agenttoken,
        status: 'agent_end',
        debugoutput: 'echo: hi',
        result: true,
      },
    ]);
  });

  it('refuses bad input with result false and errors', () => {
    expect(backend.send({ message: 'hi' })).toEqual({
      result: false,
      errors: [{ code: 400, message: 'useragentguid is required' }],
    });
    expect(backend.send({ useragentguid: GUID, message: '  ' }).result).toBe(false);
    expect(backend.detail({})).toEqual({
      result: false,
      errors: [{ code: 400, message: 'messageguid or agenttoken is required' }],
    });
    expect(backend.detail({ agenttoken: 'nope' })).toEqual({
      result: false,
      errors: [{ code: 404, message: 'Message not found' }],
    });
    expect(backend.history({ useragentguid: GUID, limit: 0 }).result).toBe(false);
    expect(backend.handle('Explode', {})).toMatchObject({ status: 404, body: { result: false } });
  });

  it('answers unknown tokens with status unknown and no debugoutput field', () => {
    const frames = follow('wrongtoken123');
    expect(frames).toEqual([
      { type: 'agent_subscribed', agenttoken: 'wrongtoken123', status: 'unknown', result: true },
    ]);
    expect('debugoutput' in (frames[0] as object)).toBe(false);
  });

  it('records the raw runtime error on a string failure while the socket sees the sanitised one', () => {
    const { agenttoken } = backend.createMessage({ text: 'abc', fail: 'string', queueMs: 0, intervalMs: 1 });
    const frames = follow(agenttoken);
    vi.advanceTimersByTime(100);
    expect(frames.at(-1)).toEqual({
      type: 'agent_error',
      agenttoken,
      message: 'Agent is temporarily unavailable. Please try again shortly.',
      result: false,
    });
    expect(detail({ agenttoken })).toMatchObject({
      status: 'agent_error',
      debugoutput: 'Bridge timeout',
      metadata: {},
    });
  });
});

describe('cancel', () => {
  it('while queued: status agent_cancel, empty texts, no socket event', () => {
    const { agenttoken, messageguid } = backend.createMessage({ text: 'never', queueMs: 1000 });
    const frames = follow(agenttoken);
    expect(backend.cancel({ messageguid })).toEqual({ result: true, errors: [] });
    vi.advanceTimersByTime(10_000);
    expect(frames.map((f) => f.type)).toEqual(['agent_subscribed']);
    expect(detail({ messageguid })).toMatchObject({
      status: 'agent_cancel',
      response: '',
      debugoutput: '',
      endedat: '',
    });
  });

  it('while streaming: agent_cancel "AbortError" to subscribers, and the script stops', () => {
    const { agenttoken } = backend.createMessage({ text: 'z'.repeat(100), queueMs: 0, intervalMs: 10, chunkChars: 10 });
    const frames = follow(agenttoken);
    vi.advanceTimersByTime(25);
    expect(backend.cancel({ agenttoken })).toEqual({ result: true, errors: [] });
    vi.advanceTimersByTime(10_000);
    expect(frames.at(-1)).toEqual({ type: 'agent_cancel', agenttoken, message: 'AbortError', result: false });
    expect(frames.filter((f) => f.type === 'agent_output')).toHaveLength(2);
    expect(detail({ agenttoken })).toMatchObject({ status: 'agent_cancel', debugoutput: 'AbortError' });
  });

  it('refuses a finished message', () => {
    const { agenttoken } = backend.createMessage({ text: 'a', queueMs: 0, intervalMs: 1 });
    vi.advanceTimersByTime(100);
    const res = backend.cancel({ agenttoken });
    expect(res.result).toBe(false);
  });
});

describe('history, sessions, deleteSession', () => {
  function sendMany(n: number, sessionkey = 'default'): string[] {
    const guids: string[] = [];
    for (let i = 0; i < n; i++) {
      const res = backend.send({ useragentguid: GUID, message: `m${i}`, sessionkey });
      if (res.result) guids.push(res.messageguid);
    }
    return guids;
  }

  it('pages newest first with a before cursor and hasmore', () => {
    const guids = sendMany(5);
    const first = backend.history({ useragentguid: GUID, limit: 2 });
    if (!first.result) throw new Error('history failed');
    expect(first.data.messages.map((m) => m.content)).toEqual(['m4', 'm3']);
    expect(first.data).toMatchObject({ count: 2, hasmore: true });
    expect(Object.keys(first.data.messages[0] as object).sort()).toEqual(
      [
        'attachments',
        'content',
        'createdat',
        'debugoutput',
        'deletestatus',
        'guid',
        'metadata',
        'response',
        'status',
      ].sort(),
    );
    const last = first.data.messages.at(-1)?.guid;
    const second = backend.history({ useragentguid: GUID, limit: 2, before: last });
    const third = backend.history({ useragentguid: GUID, limit: 2, before: guids[1] });
    expect(second.result && second.data.messages.map((m) => m.content)).toEqual(['m2', 'm1']);
    expect(third.result && third.data).toMatchObject({ count: 1, hasmore: false });
    expect(third.result && third.data.messages[0]?.content).toBe('m0');
  });

  it('lists sessions with string counts, newest first, and deletes one', () => {
    sendMany(2, 'a');
    sendMany(3, 'b');
    const sessions = backend.sessions({ useragentguid: GUID });
    expect(sessions.result && sessions.data.sessions.map((s) => [s.sessionkey, s.messagecount, s.lastmessage])).toEqual(
      [
        ['b', '3', 'm2'],
        ['a', '2', 'm1'],
      ],
    );
    expect(backend.deleteSession({ useragentguid: GUID, sessionkey: 'b' })).toEqual({ result: true, errors: [] });
    const after = backend.sessions({ useragentguid: GUID });
    expect(after.result && after.data.sessions.map((s) => s.sessionkey)).toEqual(['a']);
    expect(backend.history({ useragentguid: GUID, sessionkey: 'b' })).toMatchObject({
      result: true,
      data: { count: 0 },
    });
  });
});
