/**
 * Property tests (fast-check) over the three entry points hostile input reaches: `decodeFrame`,
 * `reduceStream` and the socket (`ingest`, and frames through a WebSocket). For any input they never
 * throw (except `ingest`'s documented TypeError), never pollute `Object.prototype`, and never change
 * another token's stream.
 *
 * CI runs a fixed seed and a bounded number of runs; `npm run fuzz` runs many more with a fresh seed
 * (FUZZ_RUNS, FUZZ_SEED to replay one that failed: fast-check prints it).
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createAgentSocket,
  createStream,
  decodeFrame,
  isProtocolError,
  reduceStream,
  type AgentSocket,
  type AgentStream,
  type StreamEvent,
  type WebSocketConstructor,
} from 'wiro-agent-react/core';
import { FakeWebSocket } from './socket-helpers';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED =
  process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : process.env.FUZZ_RUNS ? Date.now() : 20261202;
const params = { numRuns: RUNS, seed: SEED };

const A = 'A-token-aaaaaaaaaaaaaaaaaaaaaaaa';
const B = 'B-token-bbbbbbbbbbbbbbbbbbbbbbbb';
const HOSTILE_TOKENS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', ''];

// ---- arbitraries ----

const text = fc.string({
  unit: fc.constantFrom(
    'a',
    'b',
    ' ',
    '\n',
    '<think>',
    '</think>',
    '<',
    '>',
    '**',
    '`',
    'é',
    '😀',
    '\u0000',
    '"',
    '\\',
  ),
  maxLength: 30,
});
const anything = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 8 }),
  fc.constant([]),
  fc.constant({}),
);
const token = fc.oneof(fc.constantFrom(A, A, A, ...HOSTILE_TOKENS), fc.string({ maxLength: 6 }));
const type = fc.oneof(
  fc.constantFrom(
    'connected',
    'error',
    'agent_subscribed',
    'agent_start',
    'agent_output',
    'agent_end',
    'agent_error',
    'agent_cancel',
    'task_output',
    'local_subscribing',
    'local_connection_failed',
    '__proto__',
    'constructor',
  ),
  fc.string({ maxLength: 6 }),
);
const numberish = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom('12.5', '2.4s', '850ms', '1e309', 'NaN', ''),
  anything,
);
const progress = fc.record(
  {
    type: fc.constant('progressGenerate'),
    raw: fc.oneof(text, text, anything),
    thinking: fc.oneof(fc.array(text, { maxLength: 3 }), anything),
    answer: fc.oneof(fc.array(text, { maxLength: 3 }), anything),
    isThinking: fc.oneof(fc.boolean(), anything),
    speed: numberish,
    speedType: fc.oneof(fc.constant('words/s'), anything),
    elapsedTime: numberish,
    tokenCount: numberish,
    wordCount: numberish,
  },
  { requiredKeys: [] },
);
const frameObject = fc.record(
  {
    type,
    agenttoken: token,
    status: fc.oneof(
      fc.constantFrom('agent_queue', 'agent_output', 'agent_end', 'agent_error', 'agent_cancel', 'unknown'),
      anything,
    ),
    debugoutput: fc.oneof(text, anything),
    message: fc.oneof(progress, progress, text, anything),
    result: fc.oneof(fc.boolean(), anything),
    version: anything,
  },
  { requiredKeys: ['type'] },
);
/** What arrives on the wire: mostly frame-shaped JSON, some of it cut, some with prototype keys, some garbage. */
const wireData = fc.oneof(
  frameObject.map((f) => JSON.stringify(f)),
  frameObject.map((f) => JSON.stringify(f)),
  frameObject.chain((f) => fc.nat().map((n) => JSON.stringify(f).slice(0, n))),
  frameObject.map((f) =>
    JSON.stringify(f).replace('{', '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},'),
  ),
  fc.json(),
  fc.string(),
  fc.constantFrom(new Uint8Array([1, 2, 3]) as unknown, null, 42, undefined),
);

// ---- invariants ----

const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
function expectUnpolluted(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
}

/** A decoded event for the reducer, or null when the data is not one. */
function decodedEvent(data: unknown): StreamEvent | null {
  const decoded = decodeFrame(data);
  if (isProtocolError(decoded) || !('agenttoken' in decoded)) return null;
  return decoded;
}

describe('decodeFrame', () => {
  it('never throws, always answers a frame or a protocol error, and never pollutes Object.prototype', () => {
    fc.assert(
      fc.property(wireData, (data) => {
        const decoded = decodeFrame(data);
        expect(typeof decoded.type).toBe('string');
        if (isProtocolError(decoded)) expect(typeof decoded.error).toBe('string');
        expectUnpolluted();
      }),
      params,
    );
  });
});

describe('reduceStream', () => {
  it('never throws; keeps its token; terminal is final; text never shrinks; other tokens leave it alone', () => {
    fc.assert(
      fc.property(fc.array(wireData, { maxLength: 25 }), (list) => {
        let stream: AgentStream = createStream(A);
        for (const data of list) {
          const event = decodedEvent(data);
          if (event === null) continue;
          const next = reduceStream(stream, event, 1);
          if (event.agenttoken !== A) expect(next).toBe(stream);
          if (stream.isDone) expect(next).toBe(stream);
          expect(next.agenttoken).toBe(A);
          expect(next.raw.length).toBeGreaterThanOrEqual(stream.raw.length);
          expect(typeof next.answer).toBe('string');
          stream = next;
        }
        expectUnpolluted();
      }),
      params,
    );
  });
});

describe('the socket', () => {
  beforeEach(() => FakeWebSocket.reset());
  afterEach(() => vi.unstubAllGlobals());

  function socketWith(schedule: 'sync' | 'microtask'): { socket: AgentSocket; ws: FakeWebSocket } {
    const socket = createAgentSocket({
      url: 'ws://fake/v1',
      WebSocket: FakeWebSocket as unknown as WebSocketConstructor,
      schedule,
      onProtocolError: () => {},
    });
    socket.subscribe(A);
    socket.subscribe(B);
    for (const t of HOSTILE_TOKENS.filter((t) => t !== '')) socket.subscribe(t);
    const ws = FakeWebSocket.last();
    ws.open();
    ws.receive({
      type: 'agent_subscribed',
      agenttoken: B,
      status: 'agent_output',
      debugoutput: 'B keeps this',
      result: true,
    });
    return { socket, ws };
  }

  for (const schedule of ['sync', 'microtask'] as const) {
    it(`${schedule}: frames from the wire never throw out of onmessage and never touch another token's stream`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            wireData.filter((d) => typeof d !== 'string' || !d.includes(B)),
            { maxLength: 30 },
          ),
          async (list) => {
            const { socket, ws } = socketWith(schedule);
            await Promise.resolve();
            const b = socket.getStream(B);
            for (const data of list) expect(() => ws.onmessage?.({ data })).not.toThrow();
            await Promise.resolve();
            expect(socket.getStream(B)).toBe(b);
            expect(b.answer).toBe('B keeps this');
            for (const t of HOSTILE_TOKENS.filter((t) => t !== '')) expect(socket.getStream(t).agenttoken).toBe(t);
            expectUnpolluted();
            socket.close();
          },
        ),
        params,
      );
    });

    it(`${schedule}: ingest either refuses at the call (TypeError) or applies; a flush never throws`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.oneof(
              frameObject,
              frameObject.map((f) => decodedEvent(JSON.stringify(f)) ?? f),
              anything,
            ),
            { maxLength: 20 },
          ),
          async (list) => {
            const { socket } = socketWith(schedule);
            await Promise.resolve();
            const b = socket.getStream(B);
            for (const event of list) {
              const forB = (event as { agenttoken?: unknown } | null)?.agenttoken === B;
              if (forB) continue;
              try {
                socket.ingest(event as StreamEvent);
              } catch (err) {
                // Refused by the check at the call, not by a reducer tripping over it.
                expect(err).toBeInstanceOf(TypeError);
                expect((err as Error).message).toMatch(/^AgentSocket\.ingest: /);
              }
            }
            // The flush runs here (microtask mode): it must not throw, and B must be untouched.
            await Promise.resolve();
            await Promise.resolve();
            expect(socket.getStream(B)).toBe(b);
            expectUnpolluted();
            socket.close();
          },
        ),
        params,
      );
    });
  }
});
