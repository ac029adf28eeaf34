import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isProtocolError,
  type AgentLifecycleFrame,
  createStream,
  isTerminalStatus,
  reduceStream,
  type AgentStream,
  type StreamEvent,
} from 'wiro-agent-react/core';
import { decodeParsed } from '../../src/protocol/decode';
import { createAgentStore } from '../../src/store/store';

const T = 'tok-A-0123456789';

function frame(json: Record<string, unknown>): AgentLifecycleFrame {
  const decoded = decodeParsed({ agenttoken: T, ...json });
  if (isProtocolError(decoded) || !('agenttoken' in decoded)) throw new Error('bad fixture');
  return decoded;
}
const output = (raw: string, extra: Record<string, unknown> = {}) =>
  frame({ type: 'agent_output', message: { raw, speed: '10', ...extra }, result: true });
const run = (events: StreamEvent[], from: AgentStream = createStream(T)) =>
  events.reduce((s, e, i) => reduceStream(s, e, 1000 + i), from);

describe('reduceStream', () => {
  it('replaces the text on every output instead of appending', () => {
    const s = run([
      frame({ type: 'agent_subscribed', status: 'agent_queue', debugoutput: '' }),
      frame({ type: 'agent_start', message: '' }),
      output('Quantum'),
      output('Quantum computing uses'),
    ]);
    expect(s.answer).toBe('Quantum computing uses');
    expect(s.raw).toBe('Quantum computing uses');
    expect(s.status).toBe('agent_output');
    expect(s.isStreaming).toBe(true);
    expect(s.isDone).toBe(false);
  });

  it('is final after a terminal frame', () => {
    const done = run([output('Hello'), frame({ type: 'agent_end', message: { raw: 'Hello world' } })]);
    expect(done.status).toBe('agent_end');
    expect(done.isDone).toBe(true);
    expect(done.isStreaming).toBe(false);
    expect(reduceStream(done, output('Hello world and more'))).toBe(done);
    expect(reduceStream(done, frame({ type: 'agent_error', message: 'late' }))).toBe(done);
  });

  it('never lets a shorter snapshot overwrite longer text', () => {
    const s = run([
      output('A long answer so far'),
      frame({ type: 'agent_subscribed', status: 'agent_output', debugoutput: 'A long' }),
    ]);
    expect(s.answer).toBe('A long answer so far');
  });

  it('recovers from a longer snapshot after a reconnect, splitting its think tags', () => {
    const s = run([
      output('Part'),
      { type: 'local_subscribing', agenttoken: T },
      frame({ type: 'agent_subscribed', status: 'agent_output', debugoutput: '<think>why</think>Part two' }),
    ]);
    expect(s.answer).toBe('Part two');
    expect(s.thinking).toEqual(['why']);
    expect(s.status).toBe('agent_output');
  });

  it('does not move a live stream back to an earlier status on a stale snapshot', () => {
    const s = run([output('Hi'), frame({ type: 'agent_subscribed', status: 'agent_queue', debugoutput: '' })]);
    expect(s.status).toBe('agent_output');
  });

  it('maps status "unknown" to an unknown-token error', () => {
    const s = run([frame({ type: 'agent_subscribed', status: 'unknown' })]);
    expect(s.status).toBe('unknown');
    expect(s.error?.kind).toBe('unknown-token');
    expect(s.isDone).toBe(true);
  });

  it('keeps partial text on a string agent_error (kind agent)', () => {
    const s = run([
      output('Partial'),
      frame({ type: 'agent_error', message: 'Agent is temporarily unavailable.', result: false }),
    ]);
    expect(s.error).toEqual({ kind: 'agent', message: 'Agent is temporarily unavailable.' });
    expect(s.answer).toBe('Partial');
  });

  it('keeps the response text of an object agent_error (kind response)', () => {
    const s = run([
      frame({ type: 'agent_error', message: { raw: '...', answer: ['...'], thinking: [] }, result: false }),
    ]);
    expect(s.error).toEqual({ kind: 'response', message: '...' });
    expect(s.answer).toBe('...');
  });

  it('keeps partial text on cancel and does not adopt the abort reason from a snapshot', () => {
    const live = run([output('Half an ans')]);
    expect(run([frame({ type: 'agent_cancel', message: 'AbortError' })], live).answer).toBe('Half an ans');
    const snap = run(
      [frame({ type: 'agent_subscribed', status: 'agent_cancel', debugoutput: 'AbortError: aborted by user' })],
      live,
    );
    expect(snap.status).toBe('agent_cancel');
    expect(snap.answer).toBe('Half an ans');
  });

  it('does not show a failed snapshot debugoutput (it holds the raw runtime error)', () => {
    const s = run([
      frame({ type: 'agent_subscribed', status: 'agent_error', debugoutput: 'OpenClaw returned HTTP 500' }),
    ]);
    expect(s.answer).toBe('');
    expect(s.error?.kind).toBe('agent');
    expect(s.error?.message).not.toContain('OpenClaw');
  });

  it('ends thinking on agent_end', () => {
    const s = run([
      output('<think>hmm', { isThinking: true }),
      frame({
        type: 'agent_end',
        message: { raw: '<think>hmm</think>Yes', thinking: ['hmm'], answer: ['Yes'], isThinking: false },
      }),
    ]);
    expect(s.isThinking).toBe(false);
    expect(s.segments).toEqual([
      { kind: 'thinking', text: 'hmm' },
      { kind: 'answer', text: 'Yes' },
    ]);
  });

  it('builds every changed stream with the same fields in the same order', () => {
    // One object shape for all streams keeps property reads monomorphic in selectors and in the reducer.
    const keys = Object.keys(createStream(T));
    const s = run([
      { type: 'local_subscribing', agenttoken: T },
      frame({ type: 'agent_subscribed', status: 'agent_output', debugoutput: '<think>a</think>b' }),
      output('<think>a</think>bc', { wordCount: 1 }),
      frame({ type: 'agent_end', message: { raw: '<think>a</think>bcd' } }),
    ]);
    expect(Object.keys(s)).toEqual(keys);
    expect(Object.keys(run([{ type: 'local_connection_failed', agenttoken: T, message: 'x' }]))).toEqual(keys);
  });

  it('keeps the identity of unchanged fields and of an unchanged stream', () => {
    const a = run([output('<think>x</think>Hello', { wordCount: 1 })]);
    const b = reduceStream(a, output('<think>x</think>Hello world', { wordCount: 1 }), 5000);
    expect(b).not.toBe(a);
    expect(b.thinking).toBe(a.thinking);
    expect(b.metrics).toBe(a.metrics);
    const c = reduceStream(b, output('<think>x</think>Hello world', { wordCount: 1 }), 6000);
    expect(c).toBe(b);
  });

  it('marks and clears connection failures without ending the stream', () => {
    const failed = run([output('Hi'), { type: 'local_connection_failed', agenttoken: T, message: 'gave up' }]);
    expect(failed.error?.kind).toBe('connection');
    expect(failed.isDone).toBe(false);
    expect(failed.isStreaming).toBe(false);
    const back = reduceStream(failed, { type: 'local_subscribing', agenttoken: T });
    expect(back.error).toBeNull();
    expect(back.isStreaming).toBe(true);
    expect(back.answer).toBe('Hi');
  });

  it('ignores events addressed to another token', () => {
    const s = createStream(T);
    expect(reduceStream(s, { ...output('leak'), agenttoken: 'other' })).toBe(s);
  });
});

// ---- property-based ---------------------------------------------------------------------------------

const TOKENS = ['tok-A-0123456789', 'tok-B-0123456789', 'tok-C-0123456789'] as const;
const word = fc.constantFrom('a', 'bb', ' ', '\n', '<think>', '</think>', '**', '`', 'ü', '日本');
const text = fc.array(word, { maxLength: 12 }).map((w) => w.join(''));
const statusArb = fc.constantFrom(
  'agent_queue',
  'agent_start',
  'agent_output',
  'agent_end',
  'agent_error',
  'agent_cancel',
  'unknown',
);

const eventArb: fc.Arbitrary<StreamEvent> = fc
  .tuple(
    fc.constantFrom(...TOKENS),
    fc.oneof(
      fc.record({
        type: fc.constant('agent_subscribed'),
        status: statusArb,
        debugoutput: fc.option(text, { nil: undefined }),
      }),
      fc.record({ type: fc.constant('agent_start'), message: fc.constant('') }),
      fc.record({
        type: fc.constant('agent_output'),
        message: fc.record({ raw: text, speed: fc.constantFrom('1', 'x', '2.5') }),
      }),
      fc.record({ type: fc.constant('agent_end'), message: fc.record({ raw: text }) }),
      fc.record({ type: fc.constant('agent_error'), message: fc.oneof(text, fc.record({ raw: text })) }),
      fc.record({ type: fc.constant('agent_cancel'), message: text }),
      fc.record({ type: fc.constant('local_subscribing') }),
      fc.record({ type: fc.constant('local_connection_failed'), message: text }),
    ),
  )
  .map(([agenttoken, body]) => {
    if (body.type.startsWith('local_')) return { ...body, agenttoken } as StreamEvent;
    const decoded = decodeParsed({ ...body, agenttoken });
    if (isProtocolError(decoded) || !('agenttoken' in decoded))
      throw new Error(`generator made a bad frame: ${JSON.stringify(body)}`);
    return decoded;
  });

type Streams = Record<string, AgentStream>;
function applyAll(
  events: StreamEvent[],
  check: (before: AgentStream, after: AgentStream, streams: Streams, prev: Streams, event: StreamEvent) => void,
) {
  let streams: Streams = {};
  for (const event of events) {
    const before = streams[event.agenttoken] ?? createStream(event.agenttoken);
    const after = reduceStream(before, event);
    const prev = streams;
    streams = after === before && streams[event.agenttoken] ? streams : { ...streams, [event.agenttoken]: after };
    check(before, after, streams, prev, event);
  }
  return streams;
}

describe('reduceStream properties over random frame sequences', () => {
  it('never throws, and a terminal stream never changes again', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 60 }), (events) => {
        applyAll(events, (before, after) => {
          if (before.isDone) expect(after).toBe(before);
          expect(after.isDone).toBe(isTerminalStatus(after.status));
          if (after.isDone) expect(after.isStreaming).toBe(false);
        });
      }),
      { numRuns: 400 },
    );
  });

  it('never shrinks the text', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 60 }), (events) => {
        applyAll(events, (before, after) => {
          expect(after.raw.length).toBeGreaterThanOrEqual(before.raw.length);
          if (after.raw === before.raw) expect(after.answer).toBe(before.answer);
        });
      }),
      { numRuns: 400 },
    );
  });

  it('leaves every other token untouched', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 60 }), (events) => {
        applyAll(events, (before, after, streams, prev, last) => {
          expect(after.agenttoken).toBe(before.agenttoken);
          // Even if a caller routed the event to every stream, the others must come back unchanged.
          for (const [token, other] of Object.entries(prev)) {
            if (token !== after.agenttoken) expect(reduceStream(other, last)).toBe(other);
            if (token !== after.agenttoken) expect(streams[token]).toBe(other);
          }
        });
      }),
      { numRuns: 400 },
    );
  });
});

describe('createAgentStore', () => {
  it('starts empty with an idle connection', () => {
    const store = createAgentStore();
    expect(store.getState().streams).toEqual({});
    expect(store.getState().connection.status).toBe('idle');
  });
});
