/**
 * Engine benchmark: ingest throughput of decode + reduce + store (createAgentSocket driven by an
 * in-process fake WebSocket, so no network noise) against a bare `JSON.parse` of the same frame strings.
 *
 * Two workloads:
 * - one stream: a 20 KB answer in 500 `agent_output` frames, each carrying the full text so far (as Wiro's do);
 * - 100 streams at once on one socket, interleaved: 100 × 2 KB answers in 50 frames each.
 *
 * Three ways of flushing:
 * - sync: every frame is applied and published (`schedule: 'sync'`), the worst case;
 * - coalesced: frames arrive faster than the screen paints. Each stream sends one frame per ms (a fast
 *   model, or a burst after a stall) and the screen paints every 16 ms, so one flush covers 16 ms of
 *   frames: 16 frames of the one stream, or 16 × 100 frames of the hundred;
 * - batched: one flush per 16 frames whatever their stream. With 100 streams each stream then gets less
 *   than one frame per flush, so nothing can be skipped: this shows what batching alone saves.
 *
 * Goals: sync ≤ 1.5× the bare parse; coalesced < 1×.
 *
 * A fourth figure, the sync floor, is no engine at all: `JSON.parse` of each frame plus the one thing any store
 * with an immutable `streams` record must do per published frame, copy the record with one entry replaced.
 * With many streams that copy alone can cost more than the parse, so the sync goal is then out of reach by
 * construction; the floor shows by how much.
 *
 * Honesty checks: every run must end with each stream's exact final text, no frame may be refused as a
 * protocol error (a decoder that refused frames would skip the work), and in sync mode every frame must
 * publish once. A young-generation GC runs before each timed run so no measurement pays for another's garbage.
 */
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  createAgentSocket,
  type AgentSocketOptions,
  type WebSocketConstructor,
  type WebSocketLike,
} from 'wiro-agent-react/core';
import { wireProgress } from 'wiro-agent-react/testing';

/** One workload measured three ways. */
export interface EngineBenchRow {
  workload: string;
  frames: number;
  /** Total size of the frame strings, in bytes (UTF-16 code units). */
  bytes: number;
  /** Median ms for `JSON.parse` of every frame. */
  parseMs: number;
  /** Median ms for the engine with a flush (and a store update) per frame. */
  syncMs: number;
  /** Median ms for the engine with one flush per 16 ms of frames at 1 frame/ms per stream. */
  coalescedMs: number;
  /** Frames per flush in the coalesced mode (16 × streams). */
  flushEvery: number;
  /** Median ms with one flush per 16 frames, whichever streams they belong to. */
  batchedMs: number;
  /** `syncMs / parseMs`. */
  syncRatio: number;
  /** `coalescedMs / parseMs`. */
  coalescedRatio: number;
  /** `batchedMs / parseMs`. */
  batchedRatio: number;
  /** Median ms for `JSON.parse` of every frame plus one copy of a `streams`-sized record per frame. */
  floorMs: number;
  /** `floorMs / parseMs`: the least the sync ratio can be with an immutable record copied per frame. */
  floorRatio: number;
}

/** What {@link runEngineBench} measured. */
export interface EngineBenchResult {
  rows: EngineBenchRow[];
  /** Goal: `syncRatio` at most this. */
  syncGoal: number;
  /** Goal: `coalescedRatio` below this. */
  coalescedGoal: number;
  /** Every row met both goals. */
  pass: boolean;
}

/** Options of {@link runEngineBench}. */
export interface EngineBenchOptions {
  /** Timed repetitions per measurement (the median is reported). Default 21. */
  repeats?: number;
  /** Untimed runs first, so the JIT has settled. Default 5. */
  warmup?: number;
  /** Milliseconds between paints; each stream sends one frame per ms. Default 16. */
  paintMs?: number;
  /** Print the table. Default `true`. */
  print?: boolean;
}

const SYNC_GOAL = 1.5;
const COALESCED_GOAL = 1;

/** Run the engine benchmark and print a table. */
export async function runEngineBench(options: EngineBenchOptions = {}): Promise<EngineBenchResult> {
  const repeats = options.repeats ?? 21;
  const warmup = options.warmup ?? 5;
  const paintMs = options.paintMs ?? 16;
  const workloads = [
    {
      name: '1 stream, 20 KB in 500 frames',
      tokens: tokens(1),
      bytes: 20 * 1024,
      frames: interleave(tokens(1), 20 * 1024, 500),
    },
    {
      name: '100 streams, 2 KB in 50 frames each',
      tokens: tokens(100),
      bytes: 2 * 1024,
      frames: interleave(tokens(100), 2 * 1024, 50),
    },
  ];

  const rows: EngineBenchRow[] = [];
  for (const workload of workloads) {
    const finalText = workload.tokens.map((_, t) => answerText(workload.bytes, t));
    const parse = (): number => clean(() => bareParse(workload.frames));
    const floor = (): number => clean(() => parseAndCopy(workload.tokens, workload.frames));
    const sync = (): number => clean(() => engine(workload.tokens, workload.frames, 0, finalText));
    const flushEvery = paintMs * workload.tokens.length;
    const coalesced = (): number => clean(() => engine(workload.tokens, workload.frames, flushEvery, finalText));
    const batched = (): number => clean(() => engine(workload.tokens, workload.frames, paintMs, finalText));
    for (let i = 0; i < warmup; i++) {
      parse();
      floor();
      sync();
      coalesced();
      batched();
    }
    const times = {
      parse: [] as number[],
      floor: [] as number[],
      sync: [] as number[],
      coalesced: [] as number[],
      batched: [] as number[],
    };
    // Interleaved so drift (thermal, other load) hits all modes alike.
    for (let i = 0; i < repeats; i++) {
      times.parse.push(parse());
      times.floor.push(floor());
      times.sync.push(sync());
      times.coalesced.push(coalesced());
      times.batched.push(batched());
      await new Promise((resolve) => setImmediate(resolve));
    }
    const parseMs = median(times.parse);
    const floorMs = median(times.floor);
    const syncMs = median(times.sync);
    const coalescedMs = median(times.coalesced);
    const batchedMs = median(times.batched);
    rows.push({
      workload: workload.name,
      frames: workload.frames.length,
      bytes: workload.frames.reduce((n, f) => n + f.length, 0),
      parseMs,
      syncMs,
      coalescedMs,
      flushEvery,
      batchedMs,
      syncRatio: syncMs / parseMs,
      coalescedRatio: coalescedMs / parseMs,
      batchedRatio: batchedMs / parseMs,
      floorMs,
      floorRatio: floorMs / parseMs,
    });
  }

  const result: EngineBenchResult = {
    rows,
    syncGoal: SYNC_GOAL,
    coalescedGoal: COALESCED_GOAL,
    pass: rows.every((r) => r.syncRatio <= SYNC_GOAL && r.coalescedRatio < COALESCED_GOAL),
  };
  if (options.print ?? true) printTable(result);
  return result;
}

// ---- measurements ----

function bareParse(frames: readonly string[]): number {
  let sink = 0;
  const start = performance.now();
  for (const frame of frames) sink += (JSON.parse(frame) as { result: boolean }).result ? 1 : 0;
  const ms = performance.now() - start;
  if (sink < 0) console.log(sink);
  return ms;
}

/**
 * `JSON.parse` of every frame plus, for each lifecycle frame, a copy of a record as large as the store's with
 * one entry replaced: the work a store update needs whatever the engine, and nothing else.
 */
function parseAndCopy(tokenList: readonly string[], frames: readonly string[]): number {
  let record: Record<string, unknown> = {};
  for (const token of tokenList) record[token] = { token };
  const start = performance.now();
  for (const frame of frames) {
    const parsed = JSON.parse(frame) as { agenttoken?: unknown };
    if (typeof parsed.agenttoken !== 'string') continue;
    const next = { ...record };
    next[parsed.agenttoken] = parsed;
    record = next;
  }
  const ms = performance.now() - start;
  if (Object.keys(record).length !== tokenList.length) throw new Error('bench: floor record lost a key');
  return ms;
}

/**
 * Feed every frame through a real AgentSocket; `flushEvery` 0 means `schedule: 'sync'`. Throws unless every
 * stream ends with its exact `finalText`, no frame was refused, and (sync) every frame published once.
 */
function engine(
  tokenList: readonly string[],
  frames: readonly string[],
  flushEvery: number,
  finalText: readonly string[],
): number {
  let pending: (() => void) | null = null;
  const schedule: AgentSocketOptions['schedule'] =
    flushEvery === 0
      ? 'sync'
      : (flush) => {
          pending = flush;
        };
  let refused = 0;
  const socket = createAgentSocket({
    url: 'ws://bench/v1',
    WebSocket: BenchWebSocket as unknown as WebSocketConstructor,
    schedule,
    onProtocolError: () => refused++,
  });
  for (const token of tokenList) socket.subscribe(token);
  const ws = BenchWebSocket.last as BenchWebSocket;
  ws.connect();
  // Subscribing is setup, not ingest (the bare parse has no counterpart): publish it before the clock starts.
  if (pending !== null) (pending as () => void)();
  pending = null;
  // One listener reading the published record, as a mounted app's selector would.
  let notified = 0;
  let seen: unknown = null;
  socket.store.subscribe((state) => {
    notified++;
    seen = state.streams;
  });
  const deliver = ws.onmessage as (event: { data: unknown }) => void;

  const start = performance.now();
  for (let i = 0; i < frames.length; i++) {
    deliver({ data: frames[i] });
    if (flushEvery !== 0 && (i + 1) % flushEvery === 0 && pending !== null) {
      const flush: () => void = pending;
      pending = null;
      flush();
    }
  }
  if (pending !== null) (pending as () => void)();
  const ms = performance.now() - start;

  tokenList.forEach((token, t) => {
    const stream = socket.getStream(token);
    if (stream.status !== 'agent_end' || stream.raw !== finalText[t]) {
      throw new Error(`bench: stream ${token.slice(0, 4)} did not end with its final text`);
    }
  });
  if (refused > 0) throw new Error(`bench: ${refused} frames were refused as protocol errors`);
  if (seen !== socket.store.getState().streams) throw new Error('bench: the last update was not published');
  // Each frame changes its stream (status, text or metrics), so sync mode must publish once per frame.
  if (flushEvery === 0 && notified !== frames.length) {
    throw new Error(`bench: sync mode published ${notified} times for ${frames.length} frames`);
  }
  socket.close();
  return ms;
}

/** The smallest WebSocket the socket accepts; frames are pushed straight into `onmessage`. */
class BenchWebSocket implements WebSocketLike {
  static last: BenchWebSocket | null = null;
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: { code?: number; reason?: string; wasClean?: boolean }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  constructor(_url: string) {
    BenchWebSocket.last = this;
  }
  send(_data: string): void {}
  close(): void {
    this.readyState = 3;
  }
  connect(): void {
    this.readyState = 1;
    this.onopen?.({});
    this.onmessage?.({ data: '{"type":"connected","version":"1.0"}' });
  }
}

// ---- fixtures ----

function tokens(n: number): string[] {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length: n }, (_, i) => {
    let t = '';
    let x = i * 7919 + 17;
    for (let k = 0; k < 30; k++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      t += alphabet[x % alphabet.length];
    }
    return t;
  });
}

/** A markdown-ish answer of `bytes` characters (prose, a list, a code block, repeated). */
function answerText(bytes: number, seed: number): string {
  const words = [
    'stream',
    'agent',
    'token',
    'socket',
    'render',
    'frame',
    'markdown',
    'reply',
    'wiro',
    'the',
    'and',
    'of',
  ];
  let text = '';
  let i = seed;
  while (text.length < bytes) {
    const block = i % 9;
    if (block === 3) text += '\n\n- item one with **bold** text\n- item two with `code`\n- item three\n\n';
    else if (block === 7) text += '\n\n```ts\nconst answer = await agent.reply({ stream: true });\n```\n\n';
    else text += `${words[i % words.length]} ${words[(i * 7) % words.length]}, `;
    i++;
  }
  return text.slice(0, bytes);
}

/** Wire frames of every token (subscribed snapshot, start, outputs with the full text so far, end), round-robin. */
function interleave(tokenList: readonly string[], bytes: number, outputs: number): string[] {
  const perToken = tokenList.map((token, t) => {
    const text = answerText(bytes, t);
    const frames: string[] = [
      JSON.stringify({
        type: 'agent_subscribed',
        agenttoken: token,
        status: 'agent_queue',
        debugoutput: '',
        result: true,
      }),
      JSON.stringify({ type: 'agent_start', agenttoken: token, message: '', result: true }),
    ];
    for (let k = 1; k <= outputs; k++) {
      const raw = text.slice(0, Math.round((text.length * k) / outputs));
      frames.push(
        JSON.stringify({ type: 'agent_output', agenttoken: token, message: wireProgress(raw, k * 40), result: true }),
      );
    }
    frames.push(
      JSON.stringify({
        type: 'agent_end',
        agenttoken: token,
        message: wireProgress(text, outputs * 40, true),
        result: true,
      }),
    );
    return frames;
  });
  const all: string[] = [];
  const longest = Math.max(...perToken.map((f) => f.length));
  for (let k = 0; k < longest; k++)
    for (const frames of perToken) if (frames[k] !== undefined) all.push(frames[k] as string);
  return all;
}

/**
 * `run()` after a young-generation collection, so no run starts with another's short-lived garbage to collect
 * (the engine's garbage was otherwise collected during the next bare parse, flattering the ratios). Not a
 * full collection: that lets V8 drop maps the optimised engine code depends on, and the deoptimisations it
 * causes would cost the engine far more than any real app pays.
 */
function clean(run: () => number): number {
  youngGarbageCollector()?.();
  return run();
}

let collector: (() => void) | null | undefined;

/** V8's `gc({ type: 'minor' })`, exposed on first use (the flag only makes `gc` reachable); `null` if unavailable. */
function youngGarbageCollector(): (() => void) | null {
  if (collector !== undefined) return collector;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    collector = typeof gc === 'function' ? () => (gc as (options: { type: 'minor' }) => void)({ type: 'minor' }) : null;
  } catch {
    collector = null;
  }
  return collector;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function printTable(result: EngineBenchResult): void {
  const check = (ok: boolean): string => (ok ? 'met' : 'MISSED');
  console.log('\nEngine ingest (decode + reduce + store) vs bare JSON.parse of the same frames; medians in ms');
  console.log(
    'coalesced: 16 ms of frames per flush at 1 frame/ms per stream; batched: 1 flush per 16 frames of any stream',
  );
  console.log('sync floor: JSON.parse + one copy of the streams record per frame, no decoding or reducing');
  console.table(
    result.rows.map((r) => ({
      workload: r.workload,
      frames: r.frames,
      MB: +(r.bytes / 1e6).toFixed(1),
      'JSON.parse ms': +r.parseMs.toFixed(2),
      'sync ms': +r.syncMs.toFixed(2),
      'sync ×': +r.syncRatio.toFixed(2),
      'coalesced ms': +r.coalescedMs.toFixed(2),
      'coalesced ×': +r.coalescedRatio.toFixed(2),
      'frames/flush': r.flushEvery,
      'batched/16 ms': +r.batchedMs.toFixed(2),
      'batched ×': +r.batchedRatio.toFixed(2),
      'sync floor ×': +r.floorRatio.toFixed(2),
    })),
  );
  for (const r of result.rows) {
    console.log(
      `${r.workload}: sync ${r.syncRatio.toFixed(2)}x (goal <= ${result.syncGoal}x, ${check(r.syncRatio <= result.syncGoal)}; ` +
        `parse + record copy alone ${r.floorRatio.toFixed(2)}x), ` +
        `coalesced ${r.coalescedRatio.toFixed(2)}x (goal < ${result.coalescedGoal}x, ${check(r.coalescedRatio < result.coalescedGoal)})`,
    );
  }
  if (youngGarbageCollector() === null) console.log('(no GC between runs: --expose-gc could not be set)');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runEngineBench().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
