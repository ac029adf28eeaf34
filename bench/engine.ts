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
 * A mixed workload puts agent replies and model runs (tasks) on one socket, as a page with a chat and a
 * "Run a model" panel does: 50 replies (2 KB in 50 frames each) and 50 runs (25 image runs with their
 * lifecycle, 50 progress frames, a stderr line and the result; 25 LLM runs streaming 2 KB of text in 50
 * frames), interleaved. Its per-frame cost is printed beside the agent-only 100-stream workload's.
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
import { createAgentSocket, withTasks, type AgentSocketOptions, type WebSocketLike } from 'wiro-agent-react/core';
import { taskScenarioFrames, wireProgress } from 'wiro-agent-react/testing';
import { createLegacyAgentSocket } from './engine-legacy-socket';

/**
 * Which socket a measurement drives: the current one (per-token store, `watchStream` listeners), or the
 * one from before issue 12 (one zustand record copied per publish, one store listener): kept measurable
 * so the table shows today's figures beside the new ones.
 */
export type EngineImpl = 'current' | 'before';

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
  /** The same sync and coalesced figures for the socket from before issue 12. */
  beforeSyncRatio: number;
  beforeCoalescedRatio: number;
}

/** Per-frame cost with N live streams held, 10 of them streaming (issue 12's scaling goal). */
export interface EngineScalingRow {
  streams: number;
  /** Microseconds per frame, every frame published. */
  syncUs: number;
  /** Microseconds per frame, one flush per 16 ms at 1 frame/ms per streaming reply (160 frames). */
  coalescedUs: number;
  beforeSyncUs: number;
  beforeCoalescedUs: number;
}

/** Agent replies and model runs on one socket, per frame, beside the agent-only workload. */
export interface EngineMixedRow {
  workload: string;
  frames: number;
  /** Frames that belong to runs (`task_*`). */
  taskFrames: number;
  /** Microseconds per frame for `JSON.parse` alone. */
  parseUs: number;
  /** Microseconds per frame, every frame applied and published. */
  syncUs: number;
  /** Microseconds per frame, one flush per 16 ms at 1 frame/ms per reply or run. */
  coalescedUs: number;
  /** The agent-only 100-stream workload's figures, per frame. */
  agentOnlySyncUs: number;
  agentOnlyCoalescedUs: number;
  agentOnlyParseUs: number;
}

/** What {@link runEngineBench} measured. */
export interface EngineBenchResult {
  rows: EngineBenchRow[];
  /** Agent replies and model runs on one socket. */
  mixed: EngineMixedRow;
  /** Goal: `syncRatio` at most this. */
  syncGoal: number;
  /** Goal: `coalescedRatio` below this. */
  coalescedGoal: number;
  /** Per-frame cost by number of live streams. */
  scaling: EngineScalingRow[];
  /** Goal: the cost at the most streams within this factor of the cost at the fewest. */
  scalingGoal: number;
  /** Heap bytes per idle stream (held, snapshot received, one watcher) for each socket. */
  idleStreamBytes: Record<EngineImpl, number>;
  /** Every row met every goal. */
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
  /** Timed repetitions per scaling measurement (median reported). Default 7. */
  scalingRepeats?: number;
  /** Print the table. Default `true`. */
  print?: boolean;
}

const SYNC_GOAL = 1.5;
const COALESCED_GOAL = 1;
const SCALING_GOAL = 1.5;
const SCALING_STREAMS = [10, 100, 1000, 3000, 10_000];
/** Streams that stream in the scaling workload; the others are live (held, queued) but quiet. */
const ACTIVE = 10;

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
    const sync = (): number => clean(() => engine('current', workload.tokens, workload.frames, 0, finalText));
    const flushEvery = paintMs * workload.tokens.length;
    const coalesced = (): number =>
      clean(() => engine('current', workload.tokens, workload.frames, flushEvery, finalText));
    const batched = (): number => clean(() => engine('current', workload.tokens, workload.frames, paintMs, finalText));
    const beforeSync = (): number => clean(() => engine('before', workload.tokens, workload.frames, 0, finalText));
    const beforeCoalesced = (): number =>
      clean(() => engine('before', workload.tokens, workload.frames, flushEvery, finalText));
    for (let i = 0; i < warmup; i++) {
      parse();
      floor();
      sync();
      coalesced();
      batched();
      beforeSync();
      beforeCoalesced();
    }
    const times = {
      parse: [] as number[],
      floor: [] as number[],
      sync: [] as number[],
      coalesced: [] as number[],
      batched: [] as number[],
      beforeSync: [] as number[],
      beforeCoalesced: [] as number[],
    };
    // Interleaved so drift (thermal, other load) hits all modes alike.
    for (let i = 0; i < repeats; i++) {
      times.parse.push(parse());
      times.floor.push(floor());
      times.sync.push(sync());
      times.coalesced.push(coalesced());
      times.batched.push(batched());
      times.beforeSync.push(beforeSync());
      times.beforeCoalesced.push(beforeCoalesced());
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
      beforeSyncRatio: median(times.beforeSync) / parseMs,
      beforeCoalescedRatio: median(times.beforeCoalesced) / parseMs,
    });
  }

  const agentOnly = rows[1] as EngineBenchRow;
  const mixed = await mixedRow(paintMs, repeats, warmup, agentOnly);

  const scaling: EngineScalingRow[] = [];
  for (const streams of SCALING_STREAMS) scaling.push(await scalingRow(streams, paintMs, options.scalingRepeats ?? 7));
  const first = scaling[0] as EngineScalingRow;
  const last = scaling[scaling.length - 1] as EngineScalingRow;
  const idleStreamBytes = { before: await idleBytes('before'), current: await idleBytes('current') };

  const result: EngineBenchResult = {
    rows,
    mixed,
    syncGoal: SYNC_GOAL,
    coalescedGoal: COALESCED_GOAL,
    scaling,
    scalingGoal: SCALING_GOAL,
    idleStreamBytes,
    pass:
      rows.every((r) => r.syncRatio <= SYNC_GOAL && r.coalescedRatio < COALESCED_GOAL) &&
      last.syncUs <= first.syncUs * SCALING_GOAL &&
      last.coalescedUs <= first.coalescedUs * SCALING_GOAL,
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
  impl: EngineImpl,
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
  const options: AgentSocketOptions = {
    url: 'ws://bench/v1',
    WebSocket: BenchWebSocket,
    schedule,
    onProtocolError: () => refused++,
  };
  const current = impl === 'current' ? createAgentSocket(options) : null;
  const socket = current ?? createLegacyAgentSocket(options);
  for (const token of tokenList) socket.subscribe(token);
  const ws = BenchWebSocket.last as BenchWebSocket;
  ws.connect();
  // Subscribing is setup, not ingest (the bare parse has no counterpart): publish it before the clock starts.
  if (pending !== null) (pending as () => void)();
  pending = null;
  let notified = 0;
  let seen: unknown = null;
  if (current !== null) {
    // One watcher per stream, as a mounted `useAgentStream` per reply has: each reads its new stream.
    for (const token of tokenList) {
      current.watchStream(token, (stream) => {
        notified++;
        seen = stream;
      });
    }
  } else {
    // The old binding: a store listener reading the published record, as its selectors did.
    socket.store.subscribe((state) => {
      notified++;
      seen = state.streams;
    });
  }
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
  const last = tokenList[tokenList.length - 1] as string;
  const published = impl === 'current' ? socket.getStream(last) : socket.store.getState().streams;
  if (seen !== published) throw new Error('bench: the last update was not published');
  // Each frame changes its stream (status, text or metrics), so sync mode must publish once per frame.
  if (flushEvery === 0 && notified !== frames.length) {
    throw new Error(`bench: sync mode published ${notified} times for ${frames.length} frames`);
  }
  socket.close();
  return ms;
}

// ---- mixed: agent replies and model runs on one socket ----

const MIXED_AGENTS = 50;
const MIXED_RUNS = 50;
const MIXED_FRAMES_EACH = 50;
const MIXED_BYTES = 2 * 1024;

interface MixedWorkload {
  agentTokens: string[];
  agentTexts: string[];
  runTokens: string[];
  /** The LLM answer of each run, `null` for an image run. */
  runAnswers: (string | null)[];
  frames: string[];
  taskFrames: number;
}

/** 50 replies and 50 runs (image and LLM, alternating), their wire frames interleaved round-robin. */
function mixedWorkload(): MixedWorkload {
  const all = tokens(MIXED_AGENTS + MIXED_RUNS);
  const agentTokens = all.slice(0, MIXED_AGENTS);
  const runTokens = all.slice(MIXED_AGENTS);
  const agentTexts = agentTokens.map((_, t) => answerText(MIXED_BYTES, t));
  const agentFrames = splitByToken(interleave(agentTokens, MIXED_BYTES, MIXED_FRAMES_EACH), agentTokens);
  const runAnswers: (string | null)[] = [];
  const runFrames = runTokens.map((token, r) => {
    const llm = r % 2 === 1;
    const answer = llm ? answerText(MIXED_BYTES, 1000 + r) : null;
    runAnswers.push(answer);
    const steps = taskScenarioFrames(
      token,
      llm
        ? { text: answer as string, chunkChars: Math.ceil(MIXED_BYTES / MIXED_FRAMES_EACH) }
        : { steps: MIXED_FRAMES_EACH, stderr: ['UserWarning: Some weights were not initialized'], outputs: ['0.png'] },
      { taskid: String(534574 + r) },
    );
    return steps.map((step) => JSON.stringify(step.frame));
  });
  const queues = [...agentFrames, ...runFrames];
  const frames: string[] = [];
  const longest = Math.max(...queues.map((q) => q.length));
  // Round-robin over replies and runs alternately, so their frames are mixed throughout.
  for (let k = 0; k < longest; k++) {
    for (let i = 0; i < MIXED_AGENTS; i++) {
      const a = agentFrames[i]?.[k];
      if (a !== undefined) frames.push(a);
      const r = runFrames[i]?.[k];
      if (r !== undefined) frames.push(r);
    }
  }
  const taskFrames = runFrames.reduce((n, f) => n + f.length, 0);
  return { agentTokens, agentTexts, runTokens, runAnswers, frames, taskFrames };
}

function splitByToken(frames: readonly string[], tokenList: readonly string[]): string[][] {
  const byToken = new Map(tokenList.map((token) => [token, [] as string[]]));
  for (const frame of frames) {
    const token = (JSON.parse(frame) as { agenttoken: string }).agenttoken;
    byToken.get(token)?.push(frame);
  }
  return tokenList.map((token) => byToken.get(token) ?? []);
}

/**
 * Feed the mixed frames through a real socket (`flushEvery` 0: sync). Throws unless every reply ends with
 * its exact text, every run succeeded with its exact result, and no frame was refused.
 */
function mixedEngine(workload: MixedWorkload, flushEvery: number): number {
  let pending: (() => void) | null = null;
  let refused = 0;
  const socket = withTasks(
    createAgentSocket({
      url: 'ws://bench/v1',
      WebSocket: BenchWebSocket,
      schedule: flushEvery === 0 ? 'sync' : (flush) => void (pending = flush),
      onProtocolError: () => refused++,
      idleTimeoutMs: 600_000,
    }),
  );
  for (let i = 0; i < MIXED_AGENTS; i++) {
    socket.subscribe(workload.agentTokens[i] as string);
    socket.subscribeTask(workload.runTokens[i] as string);
  }
  const ws = BenchWebSocket.last as BenchWebSocket;
  ws.connect();
  if (pending !== null) (pending as () => void)();
  pending = null;
  // One watcher per reply and per run, as one mounted component each has.
  for (const token of workload.agentTokens) socket.watchStream(token, () => {});
  for (const token of workload.runTokens) socket.watchTask(token, () => {});
  const deliver = ws.onmessage as (event: { data: unknown }) => void;
  const { frames } = workload;

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

  workload.agentTokens.forEach((token, t) => {
    const stream = socket.getStream(token);
    if (stream.status !== 'agent_end' || stream.raw !== workload.agentTexts[t]) {
      throw new Error(`bench: reply ${token.slice(0, 4)} did not end with its final text`);
    }
  });
  workload.runTokens.forEach((token, r) => {
    const task = socket.getTask(token);
    const answer = workload.runAnswers[r];
    const exact =
      answer === null
        ? task.outputs.length === 1 && task.outputs[0]?.name === '0.png' && task.progress.percentage === 100
        : task.text?.answer === answer && task.outputs.length === 0;
    if (task.succeeded !== true || !exact)
      throw new Error(`bench: run ${token.slice(0, 4)} did not end with its result`);
  });
  if (refused > 0) throw new Error(`bench: ${refused} frames were refused as protocol errors`);
  socket.close();
  return ms;
}

async function mixedRow(
  paintMs: number,
  repeats: number,
  warmup: number,
  agentOnly: EngineBenchRow,
): Promise<EngineMixedRow> {
  const workload = mixedWorkload();
  const flushEvery = paintMs * (MIXED_AGENTS + MIXED_RUNS);
  const parse = (): number => clean(() => bareParse(workload.frames));
  const sync = (): number => clean(() => mixedEngine(workload, 0));
  const coalesced = (): number => clean(() => mixedEngine(workload, flushEvery));
  for (let i = 0; i < warmup; i++) {
    parse();
    sync();
    coalesced();
  }
  const times = { parse: [] as number[], sync: [] as number[], coalesced: [] as number[] };
  for (let i = 0; i < repeats; i++) {
    times.parse.push(parse());
    times.sync.push(sync());
    times.coalesced.push(coalesced());
    await new Promise((resolve) => setImmediate(resolve));
  }
  const n = workload.frames.length;
  const us = (list: number[], frames: number): number => (median(list) * 1000) / frames;
  return {
    workload: `${MIXED_AGENTS} replies + ${MIXED_RUNS} runs (image and LLM), 2 KB / 50 frames each`,
    frames: n,
    taskFrames: workload.taskFrames,
    parseUs: us(times.parse, n),
    syncUs: us(times.sync, n),
    coalescedUs: us(times.coalesced, n),
    agentOnlySyncUs: (agentOnly.syncMs * 1000) / agentOnly.frames,
    agentOnlyCoalescedUs: (agentOnly.coalescedMs * 1000) / agentOnly.frames,
    agentOnlyParseUs: (agentOnly.parseMs * 1000) / agentOnly.frames,
  };
}

// ---- scaling: N live streams, 10 streaming ----

/** Frames of the ten streaming replies, round-robin, each the same size (the text changes, its length does not). */
function activeFrames(tokenList: readonly string[], count: number): string[] {
  const frames: string[] = [];
  const filler = answerText(400, 3);
  for (let i = 0; i < count; i++) {
    const token = tokenList[i % tokenList.length] as string;
    const raw = `${String(i).padStart(8, '0')} ${filler}`;
    frames.push(
      JSON.stringify({ type: 'agent_output', agenttoken: token, message: wireProgress(raw, 40 + i), result: true }),
    );
  }
  return frames;
}

/**
 * Microseconds per frame with `streams` live streams held on one socket (each has its snapshot and, for
 * the current socket, one watcher like a mounted consumer), of which 10 stream.
 */
async function scalingRow(streams: number, paintMs: number, repeats: number): Promise<EngineScalingRow> {
  const all = tokens(streams);
  const active = all.slice(0, ACTIVE);
  const snapshots = all.map((token) =>
    JSON.stringify({
      type: 'agent_subscribed',
      agenttoken: token,
      status: 'agent_queue',
      debugoutput: '',
      result: true,
    }),
  );
  const frames = activeFrames(active, 8000);
  // The old socket copies a record the size of `streams` per publish: fewer frames keep its runs short.
  const beforeFrames = frames.slice(
    0,
    Math.max(160, Math.min(frames.length, Math.round(2_000_000 / streams / 160) * 160)),
  );
  const flushEvery = paintMs * ACTIVE;
  const run = (impl: EngineImpl, list: string[], every: number): number =>
    clean(() => perFrame(impl, all, snapshots, list, every)) / list.length;
  const groups: Record<string, () => number>[] = [
    { sync: () => run('current', frames, 0), coalesced: () => run('current', frames, flushEvery) },
    {
      beforeSync: () => run('before', beforeFrames, 0),
      beforeCoalesced: () => run('before', beforeFrames, flushEvery),
    },
  ];
  const times: Record<string, number[]> = { sync: [], coalesced: [], beforeSync: [], beforeCoalesced: [] };
  // The sockets are measured one after the other, not interleaved: the old one's record copies leave
  // enough old-generation garbage to slow whatever runs next, which would charge the new one for them.
  for (const group of groups) {
    fullGarbageCollector()?.();
    for (let i = 0; i < 2; i++) for (const mode of Object.values(group)) mode();
    for (let i = 0; i < repeats; i++) {
      for (const [name, mode] of Object.entries(group)) (times[name] as number[]).push(mode());
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const us = (list: number[]): number => median(list) * 1000;
  return {
    streams,
    syncUs: us(times.sync as number[]),
    coalescedUs: us(times.coalesced as number[]),
    beforeSyncUs: us(times.beforeSync as number[]),
    beforeCoalescedUs: us(times.beforeCoalesced as number[]),
  };
}

/** Ms for `frames` on a socket holding every token of `all` with its snapshot applied. */
function perFrame(
  impl: EngineImpl,
  all: readonly string[],
  snapshots: readonly string[],
  frames: readonly string[],
  flushEvery: number,
): number {
  let pending: (() => void) | null = null;
  const options: AgentSocketOptions = {
    url: 'ws://bench/v1',
    WebSocket: BenchWebSocket,
    schedule: flushEvery === 0 ? 'sync' : (flush) => void (pending = flush),
    idleTimeoutMs: 600_000,
  };
  const current = impl === 'current' ? createAgentSocket(options) : null;
  const socket = current ?? createLegacyAgentSocket(options);
  for (const token of all) socket.subscribe(token);
  const ws = BenchWebSocket.last as BenchWebSocket;
  ws.connect();
  const deliver = ws.onmessage as (event: { data: unknown }) => void;
  for (const snapshot of snapshots) deliver({ data: snapshot });
  if (pending !== null) (pending as () => void)();
  pending = null;
  let notified = 0;
  if (current !== null) {
    for (const token of all) current.watchStream(token, () => notified++);
  } else {
    socket.store.subscribe(() => notified++);
  }
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
  if (flushEvery === 0 && notified !== frames.length) {
    throw new Error(`bench: ${impl} published ${notified} times for ${frames.length} frames`);
  }
  if (Object.keys(socket.store.getState().streams).length !== all.length)
    throw new Error('bench: a stream went missing');
  socket.close();
  return ms;
}

/** Heap bytes per idle stream: 10,000 held streams with their snapshot and one listener each, after full GC. */
async function idleBytes(impl: EngineImpl): Promise<number> {
  const gc = fullGarbageCollector();
  if (gc === null) return Number.NaN;
  const n = 10_000;
  const list = tokens(n);
  const snapshots = list.map((token) =>
    JSON.stringify({
      type: 'agent_subscribed',
      agenttoken: token,
      status: 'agent_queue',
      debugoutput: '',
      result: true,
    }),
  );
  gc();
  const before = process.memoryUsage().heapUsed;
  const options: AgentSocketOptions = {
    url: 'ws://bench/v1',
    WebSocket: BenchWebSocket,
    schedule: 'sync',
    // After close() the streams go at the next timer: nothing of this run is left for the next to measure.
    evictAfterMs: 0,
  };
  const current = impl === 'current' ? createAgentSocket(options) : null;
  const socket = current ?? createLegacyAgentSocket(options);
  const releases = list.map((token) => socket.subscribe(token));
  const ws = BenchWebSocket.last as BenchWebSocket;
  ws.connect();
  for (const snapshot of snapshots) ws.onmessage?.({ data: snapshot });
  if (current !== null) for (const token of list) current.watchStream(token, () => {});
  else for (let i = 0; i < n; i++) socket.store.subscribe(() => {});
  gc();
  const bytes = (process.memoryUsage().heapUsed - before) / n;
  for (const release of releases) release();
  socket.close();
  await new Promise((resolve) => setTimeout(resolve, 20));
  return bytes;
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

let fullCollector: (() => void) | null | undefined;

/** V8's full `gc()` (for memory figures only), exposed on first use; `null` if unavailable. */
function fullGarbageCollector(): (() => void) | null {
  if (fullCollector !== undefined) return fullCollector;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    fullCollector = typeof gc === 'function' ? () => (gc as () => void)() : null;
  } catch {
    fullCollector = null;
  }
  return fullCollector;
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
      'before: sync ×': +r.beforeSyncRatio.toFixed(2),
      'before: coalesced ×': +r.beforeCoalescedRatio.toFixed(2),
    })),
  );
  for (const r of result.rows) {
    console.log(
      `${r.workload}: sync ${r.syncRatio.toFixed(2)}x (goal <= ${result.syncGoal}x, ${check(r.syncRatio <= result.syncGoal)}; ` +
        `before ${r.beforeSyncRatio.toFixed(2)}x; parse + record copy alone ${r.floorRatio.toFixed(2)}x), ` +
        `coalesced ${r.coalescedRatio.toFixed(2)}x (goal < ${result.coalescedGoal}x, ${check(r.coalescedRatio < result.coalescedGoal)}; ` +
        `before ${r.beforeCoalescedRatio.toFixed(2)}x)`,
    );
  }
  const m = result.mixed;
  console.log('\nAgent replies and model runs on one socket vs agent replies only; µs per frame, medians');
  console.table([
    {
      workload: m.workload,
      frames: m.frames,
      'task frames': m.taskFrames,
      'JSON.parse µs': +m.parseUs.toFixed(2),
      'sync µs': +m.syncUs.toFixed(2),
      'coalesced µs': +m.coalescedUs.toFixed(2),
    },
    {
      workload: (result.rows[1] as EngineBenchRow).workload,
      frames: (result.rows[1] as EngineBenchRow).frames,
      'task frames': 0,
      'JSON.parse µs': +m.agentOnlyParseUs.toFixed(2),
      'sync µs': +m.agentOnlySyncUs.toFixed(2),
      'coalesced µs': +m.agentOnlyCoalescedUs.toFixed(2),
    },
  ]);
  console.log(
    `mixed vs agent only, per frame: sync ${(m.syncUs / m.agentOnlySyncUs).toFixed(2)}x, ` +
      `coalesced ${(m.coalescedUs / m.agentOnlyCoalescedUs).toFixed(2)}x ` +
      `(mixed: ${(m.syncUs / m.parseUs).toFixed(2)}x / ${(m.coalescedUs / m.parseUs).toFixed(2)}x its bare parse)`,
  );
  console.log(
    `\nPer-frame cost by live streams held (${ACTIVE} of them streaming, one watcher per stream; before: one store listener), µs per frame, medians`,
  );
  console.table(
    result.scaling.map((r) => ({
      'live streams': r.streams,
      'sync µs': +r.syncUs.toFixed(2),
      'coalesced µs': +r.coalescedUs.toFixed(2),
      'before: sync µs': +r.beforeSyncUs.toFixed(2),
      'before: coalesced µs': +r.beforeCoalescedUs.toFixed(2),
    })),
  );
  const first = result.scaling[0] as EngineScalingRow;
  const last = result.scaling[result.scaling.length - 1] as EngineScalingRow;
  const ratio = (a: number, b: number): string => (a / b).toFixed(2);
  console.log(
    `${last.streams} vs ${first.streams} live streams: sync ${ratio(last.syncUs, first.syncUs)}x ` +
      `(goal <= ${result.scalingGoal}x, ${check(last.syncUs <= first.syncUs * result.scalingGoal)}; before ${ratio(last.beforeSyncUs, first.beforeSyncUs)}x), ` +
      `coalesced ${ratio(last.coalescedUs, first.coalescedUs)}x (goal <= ${result.scalingGoal}x, ` +
      `${check(last.coalescedUs <= first.coalescedUs * result.scalingGoal)}; before ${ratio(last.beforeCoalescedUs, first.beforeCoalescedUs)}x)`,
  );
  console.log(
    `Memory per idle stream (held, snapshot applied, one listener; 10,000 of them, after full GC): ` +
      `${result.idleStreamBytes.current.toFixed(0)} B (before: ${result.idleStreamBytes.before.toFixed(0)} B)`,
  );
  console.log(
    'Figures recorded in issue 12 before the change (sync, per frame): 28 µs at 100 streams, 381 µs at 1,000, ' +
      '1,238 µs at 3,000; 2.94x the bare parse at 100 streams.',
  );
  if (youngGarbageCollector() === null) console.log('(no GC between runs: --expose-gc could not be set)');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runEngineBench().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
