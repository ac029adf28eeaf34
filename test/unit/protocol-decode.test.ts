import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrame, isProtocolError, type ProtocolError, type ServerFrame } from 'wiro-agent-react/core';
import { toDurationMs, toNumber } from '../../src/protocol/wire-values';
import docFrames from '../fixtures/doc-frames.json';

const TOKEN = 'aB3xK9mR2pLqWzVn7tYhCd5sFgJkNb';

function decoded(data: unknown): ServerFrame {
  const frame = decodeFrame(typeof data === 'string' ? data : JSON.stringify(data));
  if (isProtocolError(frame)) throw new Error(`unexpected protocol error: ${frame.error}`);
  return frame;
}

function refused(data: unknown): ProtocolError {
  const frame = decodeFrame(data);
  if (!isProtocolError(frame)) throw new Error(`expected a protocol error, got ${frame.type}`);
  return frame;
}

describe('decodeFrame on every frame the docs show', () => {
  const serverFrames = docFrames.filter((f) => f.frame.type !== 'agent_info');

  it.each(serverFrames.map((f, i) => [`${f.source}#${f.block} ${f.frame.type} (${i})`, f.frame] as const))(
    '%s decodes to its wire type',
    (_name, frame) => {
      const result = decoded(frame);
      expect(result.type).toBe(frame.type);
      if ('agenttoken' in frame) expect(result).toHaveProperty('agenttoken', frame.agenttoken);
    },
  );

  it('reports the client-side agent_info frame as an unknown server frame', () => {
    const clientFrame = docFrames.find((f) => f.frame.type === 'agent_info');
    expect(clientFrame?.frame).toEqual({ type: 'agent_info', agenttoken: TOKEN });
    expect(refused(JSON.stringify(clientFrame?.frame)).error).toMatch(/unknown frame type/);
  });
});

describe('decodeFrame normalisation', () => {
  it('turns string metrics into numbers', () => {
    const frame = decoded({
      type: 'agent_output',
      agenttoken: TOKEN,
      message: { raw: 'Hi', speed: '12.5', speedType: 'words/s', elapsedTime: '2.4s', tokenCount: '35', wordCount: 28 },
      result: true,
    });
    expect(frame.type === 'agent_output' && frame.message.metrics).toEqual({
      speed: 12.5,
      speedType: 'words/s',
      elapsedMs: 2400,
      tokenCount: 35,
      wordCount: 28,
    });
  });

  it('makes unreadable metrics null instead of refusing the frame', () => {
    const frame = decoded({
      type: 'agent_output',
      agenttoken: TOKEN,
      message: { raw: 'x', speed: 'fast', elapsedTime: {} },
    });
    expect(frame.type === 'agent_output' && frame.message.metrics.speed).toBeNull();
    expect(frame.type === 'agent_output' && frame.message.metrics.elapsedMs).toBeNull();
  });

  it('splits raw when the progress object has no arrays (the quick-reference shape)', () => {
    const frame = decoded({
      type: 'agent_output',
      agenttoken: TOKEN,
      message: { raw: '<think>Let me see</think>The answer', speed: '8.3' },
      result: true,
    });
    if (frame.type !== 'agent_output') throw new Error('wrong type');
    expect(frame.message.thinking).toEqual(['Let me see']);
    expect(frame.message.answer).toEqual(['The answer']);
    expect(frame.message.segments).toEqual([
      { kind: 'thinking', text: 'Let me see' },
      { kind: 'answer', text: 'The answer' },
    ]);
    expect(frame.message.isThinking).toBe(false);
  });

  it('uses the server arrays when present and pairs thinking[i] before answer[i]', () => {
    const frame = decoded({
      type: 'agent_output',
      agenttoken: TOKEN,
      message: { raw: 'ignored for segments', thinking: ['t1', 't2'], answer: ['a1', 'a2'], isThinking: false },
    });
    if (frame.type !== 'agent_output') throw new Error('wrong type');
    expect(frame.message.segments.map((s) => `${s.kind}:${s.text}`)).toEqual([
      'thinking:t1',
      'answer:a1',
      'thinking:t2',
      'answer:a2',
    ]);
  });

  it('rebuilds raw from the arrays when raw is missing', () => {
    const frame = decoded({ type: 'agent_end', agenttoken: TOKEN, message: { thinking: ['hmm'], answer: ['Yes'] } });
    expect(frame.type === 'agent_end' && frame.message.raw).toBe('<think>hmm</think>Yes');
  });

  it('keeps unknown-token subscriptions distinct from empty snapshots', () => {
    const unknown = decoded({ type: 'agent_subscribed', agenttoken: 'wrongtoken123', status: 'unknown', result: true });
    const empty = decoded({
      type: 'agent_subscribed',
      agenttoken: TOKEN,
      status: 'agent_queue',
      debugoutput: '',
      result: true,
    });
    expect(unknown.type === 'agent_subscribed' && unknown.debugoutput).toBeUndefined();
    expect(empty.type === 'agent_subscribed' && empty.debugoutput).toBe('');
  });

  it('keeps agent_error as a string or as a progress object', () => {
    const asString = decoded({ type: 'agent_error', agenttoken: TOKEN, message: 'Bridge timeout', result: false });
    const asObject = decoded({
      type: 'agent_error',
      agenttoken: TOKEN,
      message: { raw: '...', answer: ['...'], thinking: [] },
    });
    expect(asString.type === 'agent_error' && asString.message).toBe('Bridge timeout');
    expect(asObject.type === 'agent_error' && typeof asObject.message === 'object' && asObject.message.raw).toBe('...');
  });

  it('decodes task frames, which share the socket, into typed task frames', () => {
    const task = {
      type: 'task_output',
      id: '534574',
      tasktoken: 'T',
      message: { type: 'progressGenerate', percentage: '60', stepCurrent: '6', stepTotal: '10' },
      result: true,
    };
    const frame = decoded(task);
    expect(frame).toMatchObject({
      type: 'task_output',
      tasktoken: 'T',
      taskid: '534574',
      message: { kind: 'progress', progress: { percentage: 60, step: 6, steps: 10 } },
    });
  });

  it('refuses a malformed task frame as a protocol error naming its tasktoken, not in its message', () => {
    const error = decodeFrame(JSON.stringify({ type: 'task_output', tasktoken: TOKEN, message: 42 }));
    expect(isProtocolError(error)).toBe(true);
    expect(error).toMatchObject({ type: 'protocol_error', tasktoken: TOKEN });
    expect((error as ProtocolError).error).not.toContain(TOKEN);
    expect(isProtocolError(decodeFrame('{"type":"task_bogus","tasktoken":"T"}'))).toBe(true);
  });

  it('reads elapsed times in several units', () => {
    expect(toDurationMs('2.4s')).toBe(2400);
    expect(toDurationMs('850ms')).toBe(850);
    expect(toDurationMs('1.5m')).toBe(90_000);
    expect(toDurationMs(3)).toBe(3000);
    expect(toDurationMs('soon')).toBeNull();
  });

  // The decoder reads the common wire forms ("12.5", "2.4s") without Number() or a regex; these pin that
  // shortcut to the general rules, which are restated here independently.
  const numberLike = fc.string({
    unit: fc.constantFrom('0', '1', '5', '9', '.', 's', 'm', ' ', 'e', '-'),
    maxLength: 20,
  });
  const decimal = fc
    .tuple(fc.nat({ max: 99_999_999 }), fc.option(fc.nat({ max: 9_999_999 })), fc.nat({ max: 3 }))
    .map(([whole, fraction, zeros]) => '0'.repeat(zeros) + String(whole) + (fraction === null ? '' : `.${fraction}`));

  it('reads numeric strings exactly as Number() does, blank and non-finite ones as null', () => {
    const reference = (value: string): number | null => {
      if (value.trim() === '') return null;
      const n = Number(value);
      return Number.isFinite(n) ? n : null;
    };
    fc.assert(fc.property(fc.oneof(numberLike, decimal), (value) => Object.is(toNumber(value), reference(value))));
    expect(toNumber('12.5')).toBe(12.5);
    expect(toNumber('0.1')).toBe(0.1);
    expect(toNumber('1234567890.12345')).toBe(1234567890.12345);
    expect(toNumber('12345678901234567')).toBe(Number('12345678901234567'));
  });

  it('reads every duration string exactly as the documented units say', () => {
    const reference = (value: string): number | null => {
      const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|secs|seconds?|m|min)?\s*$/i.exec(value);
      if (!match) return null;
      const unit = (match[2] ?? 's').toLowerCase();
      return Math.round(Number(match[1]) * (unit === 'ms' ? 1 : unit === 'm' || unit === 'min' ? 60_000 : 1000));
    };
    const withUnit = fc.tuple(decimal, fc.constantFrom('s', 'ms', 'm', ' s', 's ', '')).map(([n, u]) => n + u);
    fc.assert(fc.property(fc.oneof(numberLike, withUnit), (value) => Object.is(toDurationMs(value), reference(value))));
    expect(toDurationMs('0.1s')).toBe(100);
    expect(toDurationMs('12.s')).toBeNull();
    expect(toDurationMs('.5s')).toBeNull();
  });
});

describe('decodeFrame refusals', () => {
  it.each([
    ['non-JSON text', '{"type":"agent_output",', /not JSON/],
    ['a JSON array', '[1,2]', /not a JSON object/],
    ['a JSON string', '"hello"', /not a JSON object/],
    ['no type', JSON.stringify({ agenttoken: TOKEN }), /no string "type"/],
    ['a numeric type', JSON.stringify({ type: 7 }), /no string "type"/],
    ['an unknown type', JSON.stringify({ type: 'agent_teleport', agenttoken: TOKEN }), /unknown frame type/],
    ['a lifecycle frame without agenttoken', JSON.stringify({ type: 'agent_start', message: '' }), /agenttoken/],
    ['a numeric agenttoken', JSON.stringify({ type: 'agent_start', agenttoken: 42 }), /agenttoken/],
    ['an unknown status', JSON.stringify({ type: 'agent_subscribed', agenttoken: TOKEN, status: 'dancing' }), /status/],
    [
      'a numeric debugoutput',
      JSON.stringify({ type: 'agent_subscribed', agenttoken: TOKEN, status: 'agent_output', debugoutput: 5 }),
      /debugoutput/,
    ],
    [
      'output with a string message',
      JSON.stringify({ type: 'agent_output', agenttoken: TOKEN, message: 'hi' }),
      /progress object/,
    ],
    [
      'output with a numeric raw',
      JSON.stringify({ type: 'agent_output', agenttoken: TOKEN, message: { raw: 5 } }),
      /raw/,
    ],
    [
      'output with a non-array answer',
      JSON.stringify({ type: 'agent_output', agenttoken: TOKEN, message: { raw: 'x', answer: 'x', thinking: [] } }),
      /answer/,
    ],
    [
      'error with a numeric message',
      JSON.stringify({ type: 'agent_error', agenttoken: TOKEN, message: 3 }),
      /agent_error/,
    ],
    [
      'cancel with an object message',
      JSON.stringify({ type: 'agent_cancel', agenttoken: TOKEN, message: {} }),
      /agent_cancel/,
    ],
    ['a string result', JSON.stringify({ type: 'agent_start', agenttoken: TOKEN, result: 'yes' }), /result/],
  ])('refuses %s', (_name, data, pattern) => {
    const error = refused(data);
    expect(error.type).toBe('protocol_error');
    expect(error.error).toMatch(pattern);
  });

  it('refuses binary data of every kind', () => {
    for (const data of [new ArrayBuffer(4), new Uint8Array([123, 125]), new Blob(['{}'])]) {
      expect(refused(data).error).toBe('binary frame');
    }
  });

  it('names the token of a refused lifecycle frame so the caller can attribute it, but never in the message', () => {
    const error = refused(JSON.stringify({ type: 'agent_output', agenttoken: TOKEN, message: { raw: 1 } }));
    expect(error.agenttoken).toBe(TOKEN);
    expect(error.error).not.toContain(TOKEN);
  });
});
