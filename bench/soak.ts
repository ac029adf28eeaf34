/**
 * Soak and fault benchmark (issue 11), in simulated time (bench/soak-clock.ts): the socket's own timers
 * and the mock backend's scripted replies run on a clock that jumps from timer to timer, so ten minutes
 * of traffic take seconds, and every figure is the real code's (real decode, reduce, store, eviction).
 *
 * 1. Soak: a page-like socket open for 10 simulated minutes: 1,000 replies, 5 streaming at any time, each
 *    watched while it streams and released 5 s after it ends (the user read it, the view moved on).
 *    Heap (after full collections) and store size are printed every simulated minute; both must be flat.
 * 2. Faults, each on the default reconnect policy: connections per minute against a server that accepts
 *    then closes, one that never welcomes, a silent one; a flood of 10,000 frames/s across 200 replies;
 *    100,000 frames for tokens nobody subscribed; 10,000 subscribe/release next to one live reply.
 *
 * Every row runs twice: the current socket, and the socket as it was before issue 11/12
 * (bench/engine-legacy-socket.ts), so before/after come from the same machine and run.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  createAgentSocket,
  type AgentSocketOptions,
  type AgentStream,
  type ReadonlyStore,
  type AgentStoreState,
  type ConnectionState,
} from 'wiro-agent-react/core';
import { createMockAgentBackend } from 'wiro-agent-react/testing';
import { createLegacyAgentSocket } from './engine-legacy-socket';
import { installVirtualClock, type VirtualClock } from './soak-clock';
import { soakServer, type SoakFault } from './soak-server';

/** Which socket a row measures. */
export type SoakImpl = 'current' | 'before';

/** What one row of the soak measured. */
export interface SoakMinute {
  minute: number;
  heapMiB: number;
  storeSize: number;
  connections: number;
  finished: number;
}

/** Options of {@link runSoakBench}. */
export interface SoakBenchOptions {
  minutes?: number;
  replies?: number;
  live?: number;
  print?: boolean;
}

const MiB = 1024 * 1024;

/** The socket surface the soak uses, the same for both implementations. */
interface PageSocket {
  subscribe(token: string): () => void;
  getStream(token: string): AgentStream;
  store: ReadonlyStore<AgentStoreState>;
  readonly connection: ConnectionState;
  /** What a mounted `useAgentStream(token)` listens with. */
  watch(token: string, listener: (stream: AgentStream) => void): () => void;
  close(): void;
}

function pageSocket(impl: SoakImpl, options: AgentSocketOptions): PageSocket {
  if (impl === 'current') {
    const socket = createAgentSocket(options);
    return {
      subscribe: (t) => socket.subscribe(t),
      getStream: (t) => socket.getStream(t),
      store: socket.store,
      get connection() {
        return socket.connection;
      },
      watch: (t, l) => socket.watchStream(t, l),
      close: () => socket.close(),
    };
  }
  const socket = createLegacyAgentSocket(options);
  return {
    subscribe: (t) => socket.subscribe(t),
    getStream: (t) => socket.getStream(t),
    store: socket.store,
    get connection() {
      return socket.connection;
    },
    // The old hook: a store listener per component, woken by every frame, comparing its own stream.
    watch: (t, l) =>
      socket.store.subscribe((state, previous) => {
        const stream = state.streams[t];
        if (stream !== previous.streams[t]) l(stream ?? socket.getStream(t));
      }),
    close: () => socket.close(),
  };
}

/** Run the soak and the fault rows, print them, and return the soak minutes per implementation. */
export async function runSoakBench(options: SoakBenchOptions = {}): Promise<Record<SoakImpl, SoakMinute[]>> {
  const minutes = options.minutes ?? 10;
  const replies = options.replies ?? 1000;
  const live = options.live ?? 5;
  const print = options.print ?? true;
  const soakRows = {
    current: await soak('current', minutes, replies, live),
    before: await soak('before', minutes, replies, live),
  };
  if (print) printSoak(soakRows, minutes, replies, live);
  const faults = await faultRows();
  if (print) printFaults(faults);
  const broken = soakRows.current.at(-1);
  if (broken !== undefined && broken.finished < replies) {
    throw new Error(`soak: only ${broken.finished} of ${replies} replies finished with their exact text`);
  }
  return soakRows;
}

// ---- soak ----

async function soak(impl: SoakImpl, minutes: number, replies: number, live: number): Promise<SoakMinute[]> {
  const clock = installVirtualClock();
  try {
    const backend = createMockAgentBackend();
    const server = soakServer(backend);
    const socket = pageSocket(impl, { url: 'ws://soak/v1', WebSocket: server.WebSocket });
    // Each reply lasts about 3 s, so `live` at a time make `replies` within the simulated minutes.
    const replyMs = ((minutes * 60_000 * live) / replies) * 0.97;
    const chunkChars = 12;
    const outputs = 124;
    const intervalMs = (replyMs - 50) / (outputs + 1);
    let started = 0;
    let exact = 0;
    const startReply = (): void => {
      const index = started++;
      const text = replyText(index, outputs * chunkChars);
      // One session per reply, deleted once the reply is released: the stand-in server forgets it, so
      // the heap figures are the page's (the server runs in this process).
      const sessionkey = `soak-${index}`;
      const { agenttoken } = backend.createMessage(
        { text, chunkChars, intervalMs, queueMs: 50 },
        { useragentguid: 'soak', sessionkey },
      );
      const release = socket.subscribe(agenttoken);
      let done = false;
      const unwatch = socket.watch(agenttoken, (stream) => {
        if (done || !stream.isDone) return;
        done = true;
        if (stream.answer === text) exact++;
        setTimeout(() => {
          unwatch();
          release();
          backend.deleteSession({ useragentguid: 'soak', sessionkey });
        }, 5000);
        if (started < replies) startReply();
      });
    };
    for (let i = 0; i < live; i++) startReply();
    const rows: SoakMinute[] = [sample(0, socket, server.connections(), exact)];
    for (let m = 1; m <= minutes; m++) {
      await clock.advance(60_000);
      rows.push(sample(m, socket, server.connections(), exact));
    }
    socket.close();
    backend.dispose();
    return rows;
  } finally {
    clock.restore();
  }
}

function sample(minute: number, socket: PageSocket, connections: number, finished: number): SoakMinute {
  return {
    minute,
    heapMiB: heapUsed() / MiB,
    storeSize: Object.keys(socket.store.getState().streams).length,
    connections,
    finished,
  };
}

/** A markdown-ish reply of exactly `length` characters, different for each reply. */
function replyText(index: number, length: number): string {
  const parts = [
    `Reply ${index}: here is what I found. `,
    'The **socket** streams each reply as it is written, ',
    'with `code`, lists and tables:\n\n- one item\n- another item\n\n',
    '| a | b |\n| - | - |\n| 1 | 2 |\n\n',
    'and a closing paragraph that repeats until the reply is long enough. ',
  ];
  let text = '';
  for (let i = 0; text.length < length; i++) text += parts[i % parts.length];
  return text.slice(0, length).trimEnd().padEnd(length, '.');
}

// ---- faults ----

interface FaultRow {
  fault: string;
  measure: string;
  before: string;
  current: string;
}

async function faultRows(): Promise<FaultRow[]> {
  const rows: FaultRow[] = [];
  for (const fault of ['accept-then-close', 'no-welcome', 'silent'] as const) {
    const before = await connectionsPerMinute('before', fault, 10);
    const current = await connectionsPerMinute('current', fault, 10);
    rows.push({
      fault,
      measure: 'connections per minute, minutes 1-10 (default reconnect policy)',
      before: before.join(' '),
      current: current.join(' '),
    });
  }
  const capped = {
    before: await connectionsPerMinute('before', 'accept-then-close', 1, 3),
    current: await connectionsPerMinute('current', 'accept-then-close', 1, 3),
  };
  rows.push({
    fault: 'accept-then-close',
    measure: 'connections in the first minute with maxAttempts: 3',
    before: String(capped.before[0]),
    current: String(capped.current[0]),
  });
  const flood = { before: await floodRow('before'), current: await floodRow('current') };
  rows.push({
    fault: 'flood 10,000 frames/s, 200 replies, 10 s',
    measure: 'connections; replies exact; heap growth MiB once released and evicted',
    before: flood.before,
    current: flood.current,
  });
  const strangers = { before: await strangersRow('before'), current: await strangersRow('current') };
  rows.push({
    fault: '100,000 stranger frames',
    measure: 'heap growth MiB: after the frames / after close()',
    before: strangers.before,
    current: strangers.current,
  });
  const churn = { before: await churnRow('before'), current: await churnRow('current') };
  rows.push({
    fault: '10,000 subscribe/release beside 1 live reply',
    measure: 'store size; heap growth MiB after evictAfterMs / after close() (in-process server included)',
    before: churn.before,
    current: churn.current,
  });
  return rows;
}

async function withClock<T>(run: (clock: VirtualClock) => Promise<T>): Promise<T> {
  const clock = installVirtualClock();
  try {
    return await run(clock);
  } finally {
    clock.restore();
  }
}

function connectionsPerMinute(
  impl: SoakImpl,
  fault: SoakFault,
  minutes: number,
  maxAttempts?: number,
): Promise<number[]> {
  return withClock(async (clock) => {
    const backend = createMockAgentBackend();
    const server = soakServer(backend, fault);
    const socket = pageSocket(impl, {
      url: 'ws://soak/v1',
      WebSocket: server.WebSocket,
      ...(maxAttempts === undefined ? {} : { reconnect: { maxAttempts } }),
    });
    const { agenttoken } = backend.createMessage({ text: 'a reply that takes its time', queueMs: 3_600_000 });
    socket.subscribe(agenttoken);
    const perMinute: number[] = [];
    let seen = 0;
    for (let m = 0; m < minutes; m++) {
      await clock.advance(60_000);
      perMinute.push(server.connections() - seen);
      seen = server.connections();
    }
    socket.close();
    backend.dispose();
    return perMinute;
  });
}

function floodRow(impl: SoakImpl): Promise<string> {
  return withClock(async (clock) => {
    const backend = createMockAgentBackend();
    const server = soakServer(backend);
    const socket = pageSocket(impl, { url: 'ws://soak/v1', WebSocket: server.WebSocket });
    const before = heapUsed();
    const replies = Array.from({ length: 200 }, (_, i) => {
      const text = replyText(i, 500 * 4);
      // 200 replies, one frame each every 20 ms: 10,000 frames/s together, for 10 s.
      const options = { useragentguid: 'flood', sessionkey: 'flood' };
      return {
        text,
        token: backend.createMessage({ text, chunkChars: 4, intervalMs: 20, queueMs: 0 }, options).agenttoken,
      };
    });
    const releases = replies.map((r) => socket.subscribe(r.token));
    await clock.advance(11_000);
    const exact = replies.filter((r) => socket.getStream(r.token).answer === r.text).length;
    for (const release of releases) release();
    // Released and finished: evicted after evictAfterMs (the server's copies deleted too).
    backend.deleteSession({ useragentguid: 'flood', sessionkey: 'flood' });
    await clock.advance(61_000);
    const grown = (heapUsed() - before) / MiB;
    socket.close();
    backend.dispose();
    return `${server.connections()}; ${exact}/200; ${grown.toFixed(1)}`;
  });
}

function strangersRow(impl: SoakImpl): Promise<string> {
  return withClock(async (clock) => {
    const backend = createMockAgentBackend();
    const server = soakServer(backend);
    const socket = pageSocket(impl, { url: 'ws://soak/v1', WebSocket: server.WebSocket, onProtocolError: () => {} });
    const { agenttoken } = backend.createMessage({ text: 'the live reply', queueMs: 3_600_000 });
    socket.subscribe(agenttoken);
    await clock.advance(1000);
    const before = heapUsed();
    for (let i = 0; i < 100_000; i++) {
      server.broadcast(
        JSON.stringify({
          type: 'agent_output',
          agenttoken: `stranger-${String(i).padStart(8, '0')}-not-subscribed`,
          message: { raw: 'not yours', thinking: [], answer: ['not yours'], isThinking: false },
          result: true,
        }),
      );
      if (i % 1000 === 999) await clock.advance(0);
    }
    await clock.advance(1000);
    const grown = (heapUsed() - before) / MiB;
    socket.close();
    await clock.advance(0);
    const afterClose = (heapUsed() - before) / MiB;
    backend.dispose();
    return `${grown.toFixed(1)} / ${afterClose.toFixed(1)}`;
  });
}

function churnRow(impl: SoakImpl): Promise<string> {
  return withClock(async (clock) => {
    const backend = createMockAgentBackend();
    const server = soakServer(backend);
    const socket = pageSocket(impl, { url: 'ws://soak/v1', WebSocket: server.WebSocket, evictAfterMs: 60_000 });
    const { agenttoken } = backend.createMessage({ text: 'the live reply', queueMs: 3_600_000 });
    socket.subscribe(agenttoken);
    await clock.advance(1000);
    const before = heapUsed();
    for (let i = 0; i < 10_000; i++) socket.subscribe(`churn-${String(i).padStart(6, '0')}-token-nobody-knows`)();
    await clock.advance(61_000);
    const size = Object.keys(socket.store.getState().streams).length;
    const grown = (heapUsed() - before) / MiB;
    // Closing ends the connection: what it knew per token goes, on both sides of the stand-in.
    socket.close();
    await clock.advance(0);
    const afterClose = (heapUsed() - before) / MiB;
    backend.dispose();
    return `${size}; ${grown.toFixed(1)} / ${afterClose.toFixed(1)}`;
  });
}

// ---- heap ----

let gc: (() => void) | null | undefined;

/** Heap in use after two full collections (`gc` exposed at run time, as bench/engine.ts does). */
function heapUsed(): number {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const found: unknown = runInNewContext('gc');
      gc = typeof found === 'function' ? (found as () => void) : null;
    } catch {
      gc = null;
    }
  }
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

// ---- output ----

function printSoak(rows: Record<SoakImpl, SoakMinute[]>, minutes: number, replies: number, live: number): void {
  console.log(
    `\nSoak: one page-like socket, ${minutes} simulated minutes, ${replies} replies, ${live} streaming at a time, ` +
      'each released 5 s after it ends; heap after full GC',
  );
  console.table(
    rows.current.map((c, i) => {
      const b = rows.before[i] as SoakMinute;
      return {
        minute: c.minute,
        'heap MiB': +c.heapMiB.toFixed(1),
        'store size': c.storeSize,
        'replies done': c.finished,
        connections: c.connections,
        'before: heap MiB': +b.heapMiB.toFixed(1),
        'before: store size': b.storeSize,
      };
    }),
  );
  for (const impl of ['current', 'before'] as const) {
    const r = rows[impl];
    const from = r[2] ?? r[0];
    const to = r.at(-1);
    if (from === undefined || to === undefined) continue;
    const flatHeap = to.heapMiB - from.heapMiB < 2;
    const flatStore = to.storeSize <= from.storeSize * 1.25 + 5;
    console.log(
      `${impl}: heap minute 2 -> ${to.minute}: ${from.heapMiB.toFixed(1)} -> ${to.heapMiB.toFixed(1)} MiB ` +
        `(${flatHeap ? 'flat' : 'GROWING'}); store ${from.storeSize} -> ${to.storeSize} (${flatStore ? 'flat' : 'GROWING'}); ` +
        `${to.finished} replies ended with their exact text`,
    );
  }
}

function printFaults(rows: FaultRow[]): void {
  console.log('\nFaults, simulated time, default reconnect policy (1 s doubling to 30 s, jitter) unless stated');
  console.table(rows);
}
