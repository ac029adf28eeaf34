/**
 * React benchmark: 100 streams at 20 frames/s each on one provider (`useAgentStream`), beside the naive
 * hook (one WebSocket and one `useState` per component, `setState` on every message), in Chromium with
 * production React. A third row runs the load generator alone, so its own cost is visible.
 *
 * Per round, each set-up is loaded twice, in fresh pages:
 * 1. untraced: React root commits per second, and main-thread busy time from CDP `Performance.getMetrics`
 *    `TaskDuration`. Its `ScriptDuration` is printed for reference only: it reads far below the scripting
 *    time a trace shows for the same load, so no conclusion rests on it;
 * 2. traced: a Chromium trace of the same window, split by self time into scripting, style + layout and
 *    paint the way DevTools does (bench/lib/trace.ts). Tracing costs time itself, so busy time comes
 *    from the untraced load.
 * Figures are medians over the rounds; the order of the set-ups rotates each round.
 */
import { fileURLToPath } from 'node:url';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { bundlePage, launchChromium, servePage } from './lib/browser';
import { mainThreadBreakdown, TRACE_CATEGORIES, type MainThreadBreakdown, type TraceEvent } from './lib/trace';
import type { ReactBenchMode, ReactPageResult } from './react/page';

/** One set-up's figures, per second of the measured window. */
export interface ReactBenchRow {
  mode: ReactBenchMode;
  /** Frames delivered to sockets per second, all streams together (the offered load actually achieved). */
  framesPerS: number;
  /** React root commits per second. */
  commitsPerS: number;
  /** Main-thread busy ms per second, CDP `TaskDuration` (untraced run). */
  busyMsPerS: number;
  /** Lowest and highest `busyMsPerS` over the rounds. */
  busyRange: [number, number];
  /** CDP `ScriptDuration` ms per second (untraced run); known to under-report. */
  cdpScriptMsPerS: number;
  /** From the trace: scripting (JS, GC, compile) self time, ms per second. */
  scriptMsPerS: number;
  /** From the trace: style + layout self time, ms per second. */
  renderMsPerS: number;
  /** From the trace: paint and compositing-commit self time, ms per second. */
  paintMsPerS: number;
  /** From the trace: main-thread busy ms per second (cross-check of `busyMsPerS`, with tracing overhead). */
  tracedBusyMsPerS: number;
  /** Every stream ended showing exactly its last frame's text. */
  exact: boolean;
}

/** Options of {@link runReactBench}. */
export interface ReactBenchOptions {
  streams?: number;
  fps?: number;
  seconds?: number;
  /** Page loads per set-up, untraced and traced each; figures are medians (default 3). */
  rounds?: number;
  /** Print the table (default `true`). */
  print?: boolean;
}

type Metrics = Record<string, number>;

/** Run the benchmark and print its table; returns one row per set-up (medians over the rounds). */
export async function runReactBench({
  streams = 100,
  fps = 20,
  seconds = 5,
  rounds = 3,
  print = true,
}: ReactBenchOptions = {}): Promise<ReactBenchRow[]> {
  const entry = fileURLToPath(new URL('./react/page.tsx', import.meta.url));
  const served = await servePage(await bundlePage(entry), 'react bench');
  const browser = await launchChromium();
  const samples = new Map<ReactBenchMode, ReactBenchRow[]>(MODES.map((m) => [m, []]));
  try {
    for (let round = 0; round < rounds; round++) {
      // Rotate the order each round: on a small machine the first page of a round can run on a cooler or
      // busier CPU than the last, and a fixed order would hand that bias to one set-up every time.
      const order = MODES.map((_, i) => MODES[(i + round) % MODES.length] as ReactBenchMode);
      for (const mode of order) {
        const url = `${served.url}?mode=${mode}&streams=${streams}&fps=${fps}&seconds=${seconds}`;
        (samples.get(mode) as ReactBenchRow[]).push(await measure(browser, url, mode));
      }
    }
  } finally {
    await browser.close();
    await served.close();
  }
  const rows = MODES.map((mode) => summarise(mode, samples.get(mode) as ReactBenchRow[]));
  if (print) printTable(rows, { streams, fps, seconds, rounds });
  const failed = rows.filter((r) => !r.exact);
  if (failed.length > 0) throw new Error(`react bench: final text wrong in ${failed.map((r) => r.mode).join(', ')}`);
  const idle = await runIdleConsumersBench({ fps, seconds, rounds, print });
  const idleFailed = idle.filter((r) => !r.exact);
  if (idleFailed.length > 0) throw new Error('react bench: final text wrong in the idle-consumer comparison');
  return rows;
}

/** One set-up of the idle-consumer comparison. */
export interface IdleConsumersRow extends ReactBenchRow {
  /** Mounted `useAgentStream` consumers. */
  mounted: number;
  /** Of which streaming. */
  streaming: number;
}

/** Scripting within this factor with 1,000 mounted consumers as with 10 (10 streaming in both). */
const IDLE_GOAL = 1.2;

/**
 * Issue 12: do idle consumers cost anything? 10 replies stream at `fps` in both set-ups; one mounts only
 * their 10 consumers, the other 990 more whose replies stay queued. Measured for the kit and for its
 * binding before issue 12 (`kit-before`), medians over `rounds` with the order rotating.
 */
export async function runIdleConsumersBench({
  fps = 20,
  seconds = 5,
  rounds = 3,
  print = true,
}: Omit<ReactBenchOptions, 'streams'> = {}): Promise<IdleConsumersRow[]> {
  const entry = fileURLToPath(new URL('./react/page.tsx', import.meta.url));
  const served = await servePage(await bundlePage(entry), 'react idle bench');
  const browser = await launchChromium();
  const setups = [
    ...(['kit', 'kit-before'] as const).flatMap((mode) => [10, 1000].map((mounted) => ({ mode, mounted }))),
    { mode: 'react-floor' as const, mounted: 1000 },
  ];
  const samples = setups.map(() => [] as ReactBenchRow[]);
  try {
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < setups.length; k++) {
        const i = (k + round) % setups.length;
        const { mode, mounted } = setups[i] as (typeof setups)[number];
        const url = `${served.url}?mode=${mode}&streams=10&mounted=${mounted}&fps=${fps}&seconds=${seconds}`;
        (samples[i] as ReactBenchRow[]).push(await measure(browser, url, mode));
      }
    }
  } finally {
    await browser.close();
    await served.close();
  }
  const rows = setups.map(({ mode, mounted }, i) => ({
    ...summarise(mode, samples[i] as ReactBenchRow[]),
    mounted,
    streaming: 10,
  }));
  if (print) printIdle(rows, { fps, seconds, rounds });
  return rows;
}

function printIdle(
  rows: IdleConsumersRow[],
  { fps, seconds, rounds }: { fps: number; seconds: number; rounds: number },
): void {
  console.log(
    `\nIdle consumers: 10 replies streaming at ${fps} frames/s for ${seconds} s, with 10 or 1,000 mounted ` +
      `useAgentStream consumers; Chromium, production React; medians of ${rounds} rounds`,
  );
  console.table(
    rows.map((r) => ({
      'set-up': LABEL[r.mode],
      mounted: r.mounted,
      streaming: r.streaming,
      'script ms/s': +r.scriptMsPerS.toFixed(1),
      'busy ms/s': +r.busyMsPerS.toFixed(1),
      'commits/s': +r.commitsPerS.toFixed(1),
      exact: r.exact ? 'yes' : 'NO',
    })),
  );
  for (const mode of ['kit', 'kit-before'] as const) {
    const few = rows.find((r) => r.mode === mode && r.mounted === 10);
    const many = rows.find((r) => r.mode === mode && r.mounted === 1000);
    if (few === undefined || many === undefined) continue;
    const ratio = many.scriptMsPerS / few.scriptMsPerS;
    const goal = mode === 'kit' ? ` (goal <= ${IDLE_GOAL}x, ${ratio <= IDLE_GOAL ? 'met' : 'MISSED'})` : '';
    console.log(
      `${LABEL[mode]}: scripting with 1,000 mounted / with 10 mounted = ` +
        `${many.scriptMsPerS.toFixed(1)} / ${few.scriptMsPerS.toFixed(1)} ms/s = ${ratio.toFixed(2)}x${goal}`,
    );
  }
  // What the 990 idle consumers add over React's own cost of mounting 990 more siblings (it clones the
  // fibers of an updated parent's children on every commit, hooks or not).
  const floor = rows.find((r) => r.mode === 'react-floor');
  const kitMany = rows.find((r) => r.mode === 'kit' && r.mounted === 1000);
  const kitFew = rows.find((r) => r.mode === 'kit' && r.mounted === 10);
  if (floor !== undefined && kitMany !== undefined && kitFew !== undefined) {
    console.log(
      `React alone with 1,000 mounted (990 without a hook) / kit with 10 mounted = ` +
        `${(floor.scriptMsPerS / kitFew.scriptMsPerS).toFixed(2)}x; kit with 1,000 / React alone with 1,000 = ` +
        `${(kitMany.scriptMsPerS / floor.scriptMsPerS).toFixed(2)}x (what idle useAgentStream consumers add, goal <= ${IDLE_GOAL}x)`,
    );
  }
}

const MODES: readonly ReactBenchMode[] = ['harness', 'naive', 'kit'];

/** One untraced and one traced page load of a set-up. */
async function measure(browser: Browser, url: string, mode: ReactBenchMode): Promise<ReactBenchRow> {
  const plain = await measureUntraced(browser, url);
  const traced = await measureTraced(browser, url);
  const perS = (x: number) => x / plain.result.elapsedS;
  const perTracedS = (ms: number) => (ms * 1000) / traced.windowMs;
  const busy = perSecond(plain.before, plain.after, 'TaskDuration');
  return {
    mode,
    framesPerS: perS(plain.result.delivered),
    commitsPerS: perS(plain.result.commits),
    busyMsPerS: busy,
    busyRange: [busy, busy],
    cdpScriptMsPerS: perSecond(plain.before, plain.after, 'ScriptDuration'),
    scriptMsPerS: perTracedS(traced.scriptMs),
    renderMsPerS: perTracedS(traced.renderMs),
    paintMsPerS: perTracedS(traced.paintMs),
    tracedBusyMsPerS: perTracedS(traced.busyMs),
    exact: plain.result.exact,
  };
}

/** Medians of every figure; `exact` only if every round was exact. */
function summarise(mode: ReactBenchMode, rows: ReactBenchRow[]): ReactBenchRow {
  const median = (pick: (r: ReactBenchRow) => number): number => {
    const sorted = rows.map(pick).sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  };
  const busy = rows.map((r) => r.busyMsPerS);
  return {
    mode,
    framesPerS: median((r) => r.framesPerS),
    commitsPerS: median((r) => r.commitsPerS),
    busyMsPerS: median((r) => r.busyMsPerS),
    busyRange: [Math.min(...busy), Math.max(...busy)],
    cdpScriptMsPerS: median((r) => r.cdpScriptMsPerS),
    scriptMsPerS: median((r) => r.scriptMsPerS),
    renderMsPerS: median((r) => r.renderMsPerS),
    paintMsPerS: median((r) => r.paintMsPerS),
    tracedBusyMsPerS: median((r) => r.tracedBusyMsPerS),
    exact: rows.every((r) => r.exact),
  };
}

/** Busy ms per wall-clock second between two metric samples (both in seconds, from the same clock). */
function perSecond(before: Metrics, after: Metrics, name: string): number {
  const wall = (after.Timestamp ?? 0) - (before.Timestamp ?? 0);
  return wall > 0 ? (((after[name] ?? 0) - (before[name] ?? 0)) * 1000) / wall : 0;
}

async function openReady(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => (window as { __ready?: boolean }).__ready === true, undefined, { timeout: 60_000 });
  return { page, errors };
}

/** Run the load; resolves right after the last delivery (the end of the measured window). */
async function start(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { __start: () => Promise<void> }).__start());
}

async function collect(page: Page): Promise<ReactPageResult> {
  return page.evaluate(() => (window as unknown as { __collect: () => Promise<ReactPageResult> }).__collect());
}

async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function measureUntraced(browser: Browser, url: string) {
  const { page, errors } = await openReady(browser, url);
  try {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const before = await metrics(cdp);
    await start(page);
    // Sampled as soon as the last frame was delivered: the two samples bracket the load.
    const after = await metrics(cdp);
    const result = await collect(page);
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return { before, after, result };
  } finally {
    await page.close();
  }
}

async function measureTraced(browser: Browser, url: string): Promise<MainThreadBreakdown> {
  const { page, errors } = await openReady(browser, url);
  try {
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    await start(page);
    const buffer = await browser.stopTracing();
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    const trace = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
    const events = Array.isArray(trace) ? trace : trace.traceEvents;
    return mainThreadBreakdown(events, 'bench-start', 'bench-end');
  } finally {
    await page.close();
  }
}

const LABEL: Record<ReactBenchMode, string> = {
  harness: 'load generator alone',
  naive: 'naive: useState + own onmessage',
  kit: 'kit: useAgentStream',
  'kit-before': 'kit before issue 12: store listener per consumer',
  'react-floor': 'React alone: 10 kit consumers + 990 plain components',
};

function printTable(
  rows: ReactBenchRow[],
  { streams, fps, seconds, rounds }: { streams: number; fps: number; seconds: number; rounds: number },
): void {
  console.log(
    `\nReact: ${streams} streams x ${fps} frames/s for ${seconds} s on one page, Chromium, production React; ` +
      `medians of ${rounds} rounds (busy: min-max)`,
  );
  const header = [
    'set-up',
    'frames/s',
    'commits/s',
    'busy ms/s (min-max)',
    'script ms/s',
    'style+layout ms/s',
    'paint ms/s',
    'exact',
  ];
  const body = rows.map((r) => [
    LABEL[r.mode],
    r.framesPerS.toFixed(0),
    r.commitsPerS.toFixed(1),
    `${r.busyMsPerS.toFixed(0)} (${r.busyRange[0].toFixed(0)}-${r.busyRange[1].toFixed(0)})`,
    r.scriptMsPerS.toFixed(0),
    r.renderMsPerS.toFixed(0),
    r.paintMsPerS.toFixed(0),
    r.exact ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of body) console.log(line(row));
  const by = (mode: ReactBenchMode) => rows.find((r) => r.mode === mode) as ReactBenchRow;
  const naive = by('naive');
  const kit = by('kit');
  const harness = by('harness');
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a');
  console.log(
    `naive / kit (above 1 = the kit is cheaper): commits ${ratio(naive.commitsPerS, kit.commitsPerS)}, ` +
      `busy ${ratio(naive.busyMsPerS, kit.busyMsPerS)}, scripting ${ratio(naive.scriptMsPerS, kit.scriptMsPerS)}; ` +
      `net of the load generator: busy ${ratio(naive.busyMsPerS - harness.busyMsPerS, kit.busyMsPerS - harness.busyMsPerS)}, ` +
      `scripting ${ratio(naive.scriptMsPerS - harness.scriptMsPerS, kit.scriptMsPerS - harness.scriptMsPerS)}`,
  );
  console.log(
    'busy = CDP TaskDuration over the untraced load. script, style+layout, paint = self time from a Chromium trace of ' +
      'a second load (tracing adds overhead; traced busy: ' +
      rows.map((r) => `${r.mode} ${r.tracedBusyMsPerS.toFixed(0)}`).join(', ') +
      ' ms/s). For reference, CDP ScriptDuration (under-reports) read ' +
      rows.map((r) => `${r.mode} ${r.cdpScriptMsPerS.toFixed(0)}`).join(', ') +
      ' ms/s.',
  );
}
