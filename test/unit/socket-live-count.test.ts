/**
 * "Is anything still live?" is asked on every release and every finished stream (to close an idle
 * connection or stop a reconnect). It must cost O(1), not O(held tokens): a page whose 10,000 finished
 * replies unmount at once (or finish one after another) would otherwise do 10,000² lookups.
 *
 * Measured in operations, not time: every `Map`/`Set` lookup (`get`, `has`) made while the streams finish
 * and while every hold is released is counted, and each phase must stay within a constant number per
 * token. A quadratic scan blows the budget within the first few hundred tokens (the count stops it there).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAgentSocket, withTasks, type WebSocketConstructor } from 'wiro-agent-react/core';
import { wireProgress } from 'wiro-agent-react/testing';
import { FakeWebSocket } from './socket-helpers';

const N = 10_000;
/** Lookups allowed per token and phase: a constant (the socket makes about ten), far below N. */
const PER_TOKEN = 20;

class BudgetExceeded extends Error {}

/**
 * Run `work` counting Map/Set lookups. Past `budget`, every lookup throws, so a quadratic scan stops at
 * once (the socket may catch the error: the count still tells). Returns the count.
 */
function countLookups(budget: number, work: () => void): number {
  const patched = [
    [Map.prototype, 'get'],
    [Map.prototype, 'has'],
    [Set.prototype, 'has'],
  ] as const;
  const originals: unknown[] = patched.map(
    ([proto, name]): unknown => Object.getOwnPropertyDescriptor(proto, name)?.value,
  );
  let lookups = 0;
  patched.forEach(([proto, name], i) => {
    const original = originals[i] as (this: unknown, ...args: unknown[]) => unknown;
    Object.defineProperty(proto, name, {
      configurable: true,
      writable: true,
      value(this: unknown, ...args: unknown[]) {
        if (++lookups > budget) throw new BudgetExceeded(`more than ${budget} lookups`);
        return original.apply(this, args);
      },
    });
  });
  try {
    work();
  } finally {
    patched.forEach(([proto, name], i) =>
      Object.defineProperty(proto, name, { configurable: true, writable: true, value: originals[i] }),
    );
  }
  return lookups;
}

function openSocket() {
  const socket = createAgentSocket({
    url: 'ws://fake/v1',
    WebSocket: FakeWebSocket as unknown as WebSocketConstructor,
    schedule: 'sync',
    evictAfterMs: 3_600_000,
    onProtocolError: (error) => {
      throw new Error(`unexpected protocol error: ${error.error}`);
    },
  });
  return socket;
}

const tokens = Array.from({ length: N }, (_, i) => `token-${String(i).padStart(6, '0')}`);

beforeEach(() => FakeWebSocket.reset());
afterEach(() => FakeWebSocket.reset());

describe('liveness is O(1) per release and per finished stream', () => {
  it(`${N} agent replies: finishing one by one, then every hold released at once`, () => {
    const socket = openSocket();
    const releases = tokens.map((token) => socket.subscribe(token));
    const ws = FakeWebSocket.last();
    ws.open();
    expect(ws.subscribed()).toHaveLength(N);
    const ends = tokens.map((agenttoken) =>
      JSON.stringify({ type: 'agent_end', agenttoken, message: wireProgress(`done ${agenttoken}`, 3), result: true }),
    );

    const finishing = countLookups(PER_TOKEN * N, () => {
      for (const data of ends) ws.onmessage?.({ data });
    });
    expect(finishing).toBeLessThanOrEqual(PER_TOKEN * N);
    expect(socket.getStream(tokens[N - 1] as string).status).toBe('agent_end');
    expect(socket.connection.status).toBe('open');

    const releasing = countLookups(PER_TOKEN * N, () => {
      for (const release of releases) release();
    });
    expect(releasing).toBeLessThanOrEqual(PER_TOKEN * N);
    socket.close();
  });

  it(`${N} model runs: finishing one by one, then every hold released at once`, () => {
    const socket = withTasks(openSocket());
    const releases = tokens.map((token) => socket.subscribeTask(token));
    const ws = FakeWebSocket.last();
    ws.open();
    expect(ws.sent.filter((f) => (f as { type?: unknown }).type === 'task_info')).toHaveLength(N);
    const ends = tokens.map((tasktoken, i) =>
      JSON.stringify({
        type: 'task_postprocess_end',
        id: String(i),
        tasktoken,
        message: [{ name: '0.png', contenttype: 'image/png', size: '10', url: `https://cdn.test/${i}/0.png` }],
        pexit: '0',
        result: true,
      }),
    );

    const finishing = countLookups(PER_TOKEN * N, () => {
      for (const data of ends) ws.onmessage?.({ data });
    });
    expect(finishing).toBeLessThanOrEqual(PER_TOKEN * N);
    expect(socket.getTask(tokens[N - 1] as string).succeeded).toBe(true);

    const releasing = countLookups(PER_TOKEN * N, () => {
      for (const release of releases) release();
    });
    expect(releasing).toBeLessThanOrEqual(PER_TOKEN * N);
    socket.close();
  });
});
