/**
 * Chat benchmark: `<AgentChat>` on a conversation of 50 and of 10,000 finished turns (mixed Markdown:
 * lists, code, tables; demo/long-thread.ts), served by the Node mock agent, in Chromium with production
 * React. Three set-ups (bench/chat/page.tsx): the kit as shipped (virtualised), `virtualize={false}`
 * (every turn mounted: the list before virtualisation) and react-virtuoso, the other library considered.
 *
 * Per set-up and size:
 * 1. first render: a fresh page mounts the chat with the whole history already fetched, and times it
 *    until the frame showing the last turn was painted; elements in the chat then (median of `rounds`);
 * 2. streaming: a message is sent and its reply streams (about 400 characters a second); main-thread
 *    busy time per second (CDP `TaskDuration`) over `streamSeconds` of the stream. The reply must end
 *    showing exactly the scripted text;
 * 3. scrolling: from the bottom to the first turn, one step per animation frame (`scrollStepPx`, about
 *    a page: every frame shows turns not seen before), traced; main-thread busy time per frame
 *    (bench/chat/frames.ts), p50/p95/max.
 *
 * Goals (issue 12): with 10,000 turns, first render <= 1.5x and DOM nodes <= 1.5x those with 50 turns;
 * busy time while streaming within 1.2x of 50 turns; scrolling p95 frame < 16 ms.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { startMockAgentServer, type MockAgentServer } from 'wiro-agent-react/testing/node';
import { createSeeder } from '../demo/seed';
import { bundlePage, launchChromium, servePage, stats } from './lib/browser';
import type { ChatBenchMode, FirstRender, ScrollRun } from './chat/page';
import { frameTimes, FRAME_TRACE_CATEGORIES } from './chat/frames';
import type { TraceEvent } from './lib/trace';

/** One set-up on one conversation size. */
export interface ChatBenchRow {
  mode: ChatBenchMode;
  turns: number;
  /** Median first render, ms, with the lowest and highest of the rounds. */
  firstRenderMs: number;
  firstRenderRange: [number, number];
  /** Elements in the chat after the first render. */
  domNodes: number;
  /** Turns mounted after the first render. */
  mountedTurns: number;
  /** Main-thread busy ms per second while the last reply streams. */
  streamBusyMsPerS: number;
  /** The streamed reply ended showing exactly the scripted text. */
  exact: boolean;
  /**
   * Frames while scrolling to the top: main-thread busy ms per frame (from a trace: the frame and any
   * task before the next one), p50/p95/max; the p95 of the frame work alone (`BeginMainFrame`); frames of
   * 16 ms or more.
   */
  scroll: {
    frames: number;
    p50: number;
    p95: number;
    max: number;
    beginMainFrameP95: number;
    /** Scroll steps (one per animation frame the page asked for) and main-thread busy time in all, ms. */
    steps: number;
    busyTotalMs: number;
    reachedTop: boolean;
    slowFrames: number;
  };
}

/** Options of {@link runChatBench}. */
export interface ChatBenchOptions {
  sizes?: readonly number[];
  modes?: readonly ChatBenchMode[];
  /** Fresh page loads per set-up and size for the first render (default 3). */
  rounds?: number;
  streamSeconds?: number;
  scrollStepPx?: number;
  /**
   * Scroll steps at most with every turn mounted (default 600): with 10,000 turns each frame there takes
   * a large fraction of a second, and a sample of that many frames already says what scrolling costs.
   */
  plainScrollSteps?: number;
  print?: boolean;
}

const AGENT = 'bench-agent';
const VIEWPORT = { width: 1000, height: 900 };
/** The streamed reply: plain sentences, so the text on screen equals the script character for character. */
const STREAM_TEXT = Array.from(
  { length: 60 },
  (_, i) => `Sentence ${String(i + 1).padStart(2, '0')} of the streamed reply arrives in order.`,
).join(' ');
const PROMPT = 'Stream the benchmark reply';
const LABEL: Record<ChatBenchMode, string> = {
  plain: 'every turn mounted (before)',
  virtual: 'kit, virtualised (after)',
  virtuoso: 'react-virtuoso (compared)',
};

/** Run the benchmark and print its tables; returns one row per set-up and size. */
export async function runChatBench({
  sizes = [50, 10_000],
  // The heaviest set-up last: a page holding 10,000 mounted turns leaves the machine busy reclaiming memory.
  modes = ['virtual', 'virtuoso', 'plain'],
  rounds = 3,
  streamSeconds = 4,
  scrollStepPx = 700,
  plainScrollSteps = 600,
  print = true,
}: ChatBenchOptions = {}): Promise<ChatBenchRow[]> {
  const mock = await startMockAgentServer({
    reply: () => ({ text: STREAM_TEXT, chunkChars: 12, intervalMs: 30, queueMs: 50 }),
  });
  const entry = fileURLToPath(new URL('./chat/page.tsx', import.meta.url));
  const served = await servePage(await bundlePage(entry), 'chat bench');
  const css = await readFile(fileURLToPath(new URL('../src/components/styles.css', import.meta.url)), 'utf8');
  const rows: ChatBenchRow[] = [];
  try {
    const seed = createSeeder(mock);
    for (const turns of sizes) {
      for (const mode of modes) {
        // A session per set-up: the streamed message adds a turn to it.
        const sessionkey = `bench-${mode}-${turns}`;
        await seed({ useragentguid: AGENT, sessionkey, turns });
        const url =
          `${served.url}?mode=${mode}&agent=${AGENT}&session=${sessionkey}` +
          `&api=${encodeURIComponent(mock.httpUrl)}&socket=${encodeURIComponent(mock.url)}`;
        const maxSteps = mode === 'plain' ? plainScrollSteps : 20_000;
        // A browser per set-up: nothing one leaves behind (memory, compiled code) helps or slows the next.
        const browser = await launchChromium();
        try {
          rows.push(
            await measure(browser, mock, url, css, { mode, turns, rounds, streamSeconds, scrollStepPx, maxSteps }),
          );
        } finally {
          await browser.close();
        }
      }
    }
  } finally {
    await served.close();
    await mock.close();
  }
  if (print) printTables(rows, { rounds, streamSeconds, scrollStepPx, plainScrollSteps, bundles: await bundleSizes() });
  const wrong = rows.filter((r) => !r.exact);
  if (wrong.length > 0) {
    throw new Error(`chat bench: streamed text wrong in ${wrong.map((r) => `${r.mode}/${r.turns}`).join(', ')}`);
  }
  return rows;
}

interface MeasureOptions {
  mode: ChatBenchMode;
  turns: number;
  rounds: number;
  streamSeconds: number;
  scrollStepPx: number;
  maxSteps: number;
}

async function measure(
  browser: Browser,
  mock: MockAgentServer,
  url: string,
  css: string,
  { mode, turns, rounds, streamSeconds, scrollStepPx, maxSteps }: MeasureOptions,
): Promise<ChatBenchRow> {
  const renders: FirstRender[] = [];
  let row: ChatBenchRow | null = null;
  for (let round = 0; round < rounds; round++) {
    const page = await browser.newPage({ viewport: VIEWPORT });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(url);
      await page.waitForFunction(() => (window as { __ready?: boolean }).__ready === true);
      await page.addStyleTag({ content: `${css}\nbody { margin: 0 } #root { height: 860px; }` });
      const loaded = await page.evaluate(() => (window as unknown as { __prepare: () => Promise<number> }).__prepare());
      if (loaded !== turns) throw new Error(`${mode}: expected ${turns} turns, the mock holds ${loaded}`);
      const render = await page.evaluate(
        (n) => (window as unknown as { __mount: (n: number) => Promise<FirstRender> }).__mount(n),
        turns,
      );
      renders.push(render);
      // The stream and the scroll once, on the last round's page (the stream adds a turn to the session).
      if (round === rounds - 1) {
        const streamBusyMsPerS = await streamBusy(page, mock, streamSeconds);
        const exact = await page
          .waitForFunction(
            (expected) => {
              const reply = (window as unknown as { __reply: () => { status: string | null; text: string } }).__reply();
              return reply.status === 'done' && reply.text === expected;
            },
            STREAM_TEXT,
            { timeout: 60_000 },
          )
          .then(
            () => true,
            () => false,
          );
        await browser.startTracing(page, { categories: FRAME_TRACE_CATEGORIES });
        const scroll = await page.evaluate(
          ([step, max]) =>
            (window as unknown as { __scroll: (s: number, m: number) => Promise<ScrollRun> }).__scroll(step, max),
          [scrollStepPx, maxSteps] as const,
        );
        const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as
          { traceEvents: TraceEvent[] } | TraceEvent[];
        const { busyMs, frameMs } = frameTimes(Array.isArray(trace) ? trace : trace.traceEvents);
        const frames = stats(busyMs);
        row = {
          mode,
          turns,
          firstRenderMs: 0,
          firstRenderRange: [0, 0],
          domNodes: 0,
          mountedTurns: 0,
          streamBusyMsPerS,
          exact,
          scroll: {
            frames: busyMs.length,
            p50: frames.p50,
            p95: frames.p95,
            max: frames.max,
            beginMainFrameP95: stats(frameMs).p95,
            steps: scroll.frames,
            busyTotalMs: frames.total,
            reachedTop: scroll.reachedTop,
            slowFrames: busyMs.filter((ms) => ms >= 16).length,
          },
        };
      }
      if (errors.length) throw new Error(`page errors (${mode}, ${turns}): ${errors.join('; ')}`);
    } finally {
      await page.close();
    }
  }
  const times = renders.map((r) => r.ms);
  const last = renders[renders.length - 1] as FirstRender;
  return {
    ...(row as ChatBenchRow),
    firstRenderMs: stats(times).p50,
    firstRenderRange: [Math.min(...times), Math.max(...times)],
    domNodes: last.domNodes,
    mountedTurns: last.turns,
  };
}

/** Send the prompt, wait for its reply to stream, and read busy ms/s over `seconds` of streaming. */
async function streamBusy(page: Page, mock: MockAgentServer, seconds: number): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.evaluate((text) => (window as unknown as { __send: (t: string) => void }).__send(text), PROMPT);
  await page.waitForFunction(
    () => {
      const reply = (window as unknown as { __reply: () => { status: string | null; text: string } }).__reply();
      return reply.status === 'streaming' && reply.text.length > 100;
    },
    undefined,
    { timeout: 60_000, polling: 20 },
  );
  const read = async (): Promise<{ busy: number; at: number }> => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const value = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
    return { busy: value('TaskDuration'), at: value('Timestamp') };
  };
  const before = await read();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const after = await read();
  await cdp.detach();
  // The window must lie inside the stream, or it measures an idle page.
  const reply = await page.evaluate(() =>
    (window as unknown as { __reply: () => { status: string | null } }).__reply(),
  );
  if (reply.status !== 'streaming')
    throw new Error(`the reply ended inside the ${seconds} s window (mock: ${mock.url})`);
  return ((after.busy - before.busy) * 1000) / (after.at - before.at);
}

/** Minified and gzipped size of each list library as the chat imports it (React left out). */
async function bundleSizes(): Promise<Record<'tanstack' | 'virtuoso', number>> {
  const size = async (contents: string): Promise<number> => {
    const result = await build({
      stdin: { contents, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'js' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      external: ['react', 'react-dom', 'react/jsx-runtime'],
      logLevel: 'error',
    });
    return gzipSync(result.outputFiles[0]?.contents ?? new Uint8Array(), { level: 9 }).length;
  };
  return {
    tanstack: await size(`export { useVirtualizer, defaultRangeExtractor } from '@tanstack/react-virtual';`),
    virtuoso: await size(`export { Virtuoso } from 'react-virtuoso';`),
  };
}

function printTables(
  rows: ChatBenchRow[],
  options: {
    rounds: number;
    streamSeconds: number;
    scrollStepPx: number;
    plainScrollSteps: number;
    bundles: Record<string, number>;
  },
): void {
  console.log(
    `\nChat: <AgentChat> with N finished turns of mixed Markdown, Chromium ${VIEWPORT.width}x${VIEWPORT.height}, ` +
      `production React; first render median of ${options.rounds} page loads (min-max); streaming busy over ` +
      `${options.streamSeconds} s; scrolling ${options.scrollStepPx} px per frame from the bottom to the first turn ` +
      `(every turn mounted: the first ${options.plainScrollSteps} steps)`,
  );
  console.table(
    rows.map((r) => ({
      'set-up': LABEL[r.mode],
      turns: r.turns,
      'first render ms': `${r.firstRenderMs.toFixed(0)} (${r.firstRenderRange[0].toFixed(0)}-${r.firstRenderRange[1].toFixed(0)})`,
      'DOM nodes': r.domNodes,
      'turns mounted': r.mountedTurns,
      'streaming busy ms/s': r.streamBusyMsPerS.toFixed(0),
      'scroll steps/frames': `${r.scroll.steps}/${r.scroll.frames}`,
      'scroll busy s': (r.scroll.busyTotalMs / 1000).toFixed(1),
      'frame p50 ms': r.scroll.p50.toFixed(1),
      'frame p95 ms': r.scroll.p95.toFixed(1),
      'BeginMainFrame p95 ms': r.scroll.beginMainFrameP95.toFixed(1),
      'frame max ms': r.scroll.max.toFixed(1),
      'frames >= 16 ms': r.scroll.slowFrames,
      'reached top': r.scroll.reachedTop ? 'yes' : `no (${r.scroll.steps} steps)`,
      exact: r.exact ? 'yes' : 'NO',
    })),
  );
  const check = (ok: boolean): string => (ok ? 'ok' : 'MISSED');
  const modes = [...new Set(rows.map((r) => r.mode))];
  const sizes = [...new Set(rows.map((r) => r.turns))].sort((a, b) => a - b);
  const small = sizes[0];
  const large = sizes[sizes.length - 1];
  for (const mode of modes) {
    const a = rows.find((r) => r.mode === mode && r.turns === small);
    const b = rows.find((r) => r.mode === mode && r.turns === large);
    if (!a || !b || a === b) continue;
    const render = b.firstRenderMs / a.firstRenderMs;
    const nodes = b.domNodes / a.domNodes;
    const busy = b.streamBusyMsPerS / a.streamBusyMsPerS;
    console.log(
      `${LABEL[mode]}, ${large} vs ${small} turns: first render ${render.toFixed(2)}x (goal <= 1.5x, ${check(render <= 1.5)}), ` +
        `DOM nodes ${nodes.toFixed(2)}x (goal <= 1.5x, ${check(nodes <= 1.5)}), ` +
        `streaming busy ${busy.toFixed(2)}x (goal <= 1.2x, ${check(busy <= 1.2)}), ` +
        `scrolling p95 ${b.scroll.p95.toFixed(1)} ms (goal < 16 ms, ${check(b.scroll.p95 < 16)})`,
    );
  }
  const before = rows.find((r) => r.mode === 'plain' && r.turns === large);
  const after = rows.find((r) => r.mode === 'virtual' && r.turns === large);
  if (before && after) {
    console.log(
      `Before -> after, ${large} turns: first render ${before.firstRenderMs.toFixed(0)} -> ${after.firstRenderMs.toFixed(0)} ms, ` +
        `DOM nodes ${before.domNodes} -> ${after.domNodes}, streaming busy ${before.streamBusyMsPerS.toFixed(0)} -> ` +
        `${after.streamBusyMsPerS.toFixed(0)} ms/s, scrolling frame p95 ${before.scroll.p95.toFixed(1)} -> ${after.scroll.p95.toFixed(1)} ms`,
    );
  }
  console.log(
    `List library, minified + gzip (React excluded): @tanstack/react-virtual ${(options.bundles.tanstack ?? 0) / 1000} kB, ` +
      `react-virtuoso ${(options.bundles.virtuoso ?? 0) / 1000} kB`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runChatBench().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
