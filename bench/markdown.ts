/**
 * Markdown streaming benchmark: a ~20 KB answer streamed as 500 replace updates, rendered by
 * `<AgentMessage stream>` (ours), by plain react-markdown + remark-gfm re-rendering the whole text,
 * and by streamdown (defaults: streaming mode, incomplete-markdown healing, controls; no code or
 * mermaid plugin installed, so no highlighting), in Chromium with production React.
 *
 * Per update it times `root.render` to commit (`flushSync`), and the layout after it; over the
 * whole run it reads Chromium's main-thread busy time (CDP `TaskDuration`), which also counts work
 * a renderer defers past the commit. A second scenario streams the worst case for block
 * memoization: one long paragraph followed by one long code block.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { bundlePage, launchChromium, servePage, stats } from './lib/browser';
import type { MarkdownBenchMode, MarkdownPageResult } from './markdown/page';

/** One renderer's figures in one scenario. */
export interface MarkdownBenchRow {
  mode: MarkdownBenchMode;
  /** Sum, median, 95th percentile and maximum of per-update render-to-commit times, ms. */
  totalMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Render-to-commit plus the forced layout after each update, summed, ms. */
  totalWithLayoutMs: number;
  /**
   * Chromium main-thread busy time over the measured run (CDP `TaskDuration`: script, style, layout,
   * GC), including work a renderer defers past the commit, ms.
   */
  mainThreadMs: number;
  counts: MarkdownPageResult['counts'];
}

/** Figures of one scenario (a document streamed in `events` updates). */
export interface MarkdownScenarioResult {
  doc: 'answer' | 'long';
  bytes: number;
  events: number;
  rows: MarkdownBenchRow[];
  /** react-markdown total / ours total (goal ≥ 5). */
  reactMarkdownOverOurs: number;
  /** ours total / streamdown total (goal ≤ 1). */
  oursOverStreamdown: number;
  /** The same ratio on main-thread busy time. */
  oursOverStreamdownMainThread: number;
  /** Our slowest single update, ms (goal < 16). */
  oursMaxMs: number;
}

/** Result of {@link runMarkdownBench}: the realistic answer (the goals) and the long-blocks worst case. */
export interface MarkdownBenchResult extends MarkdownScenarioResult {
  long: MarkdownScenarioResult;
  /** All three goals met on the realistic answer. */
  goalsMet: boolean;
}

const MODES: MarkdownBenchMode[] = ['react-markdown', 'streamdown', 'ours'];
const LABELS: Record<MarkdownBenchMode, string> = {
  ours: 'AgentMessage (kit)',
  'react-markdown': 'react-markdown, full text',
  streamdown: 'streamdown (defaults)',
};

/** Run the benchmark, print tables and ratios, and return the figures. */
export async function runMarkdownBench({ events = 500, bytes = 20 * 1024 } = {}): Promise<MarkdownBenchResult> {
  const entry = fileURLToPath(new URL('./markdown/page.tsx', import.meta.url));
  const script = await bundlePage(entry);
  const served = await servePage(script, 'markdown bench');
  const browser = await launchChromium();
  try {
    const answer = await runScenario(browser, served.url, 'answer', events, bytes);
    const long = await runScenario(browser, served.url, 'long', events, bytes);
    const goalsMet = answer.reactMarkdownOverOurs >= 5 && answer.oursOverStreamdown <= 1 && answer.oursMaxMs < 16;
    print(answer, 'realistic answer');
    print(long, 'one long paragraph + one long code block');
    return { ...answer, long, goalsMet };
  } finally {
    await browser.close();
    await served.close();
  }
}

async function runScenario(
  browser: Browser,
  url: string,
  doc: 'answer' | 'long',
  events: number,
  bytes: number,
): Promise<MarkdownScenarioResult> {
  const rows: MarkdownBenchRow[] = [];
  let textBytes = 0;
  for (const mode of MODES) {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${url}?mode=${mode}&doc=${doc}&events=${events}&bytes=${bytes}`);
    // The page warms up before it reports ready; busy time is read around the measured pass only.
    await page.waitForFunction(() => window.__ready === true, undefined, { timeout: 120_000 });
    const result = await measure(page, cdp);
    if (errors.length) throw new Error(`page errors (${mode}, ${doc}): ${errors.join('; ')}`);
    textBytes = result.page.bytes;
    const commit = stats(result.page.commitMs);
    const withLayout = stats(result.page.commitMs.map((c, i) => c + (result.page.layoutMs[i] ?? 0)));
    rows.push({
      mode,
      totalMs: commit.total,
      p50Ms: commit.p50,
      p95Ms: commit.p95,
      maxMs: commit.max,
      totalWithLayoutMs: withLayout.total,
      mainThreadMs: result.mainThreadMs,
      counts: result.page.counts,
    });
    await page.close();
  }
  const row = (mode: MarkdownBenchMode): MarkdownBenchRow => rows.find((r) => r.mode === mode) as MarkdownBenchRow;
  const ours = row('ours');
  const rm = row('react-markdown');
  const sd = row('streamdown');
  return {
    doc,
    bytes: textBytes,
    events,
    rows,
    reactMarkdownOverOurs: rm.totalMs / ours.totalMs,
    oursOverStreamdown: ours.totalMs / sd.totalMs,
    oursOverStreamdownMainThread: ours.mainThreadMs / sd.mainThreadMs,
    oursMaxMs: ours.maxMs,
  };
}

function print(result: MarkdownScenarioResult, title: string): void {
  console.log(
    `\nMarkdown, ${title}: ${(result.bytes / 1024).toFixed(1)} KB in ${result.events} replace updates, Chromium (production React)`,
  );
  console.table(
    result.rows.map((r) => ({
      renderer: LABELS[r.mode],
      'total ms': r.totalMs.toFixed(1),
      'p50 ms': r.p50Ms.toFixed(2),
      'p95 ms': r.p95Ms.toFixed(2),
      'max ms': r.maxMs.toFixed(2),
      '+layout ms': r.totalWithLayoutMs.toFixed(1),
      'main-thread ms': r.mainThreadMs.toFixed(1),
      'h2/li/pre/table': `${r.counts.h2}/${r.counts.li}/${r.counts.pre}/${r.counts.table}`,
    })),
  );
  const check = (ok: boolean): string => (ok ? 'ok' : 'MISSED');
  console.log(
    `react-markdown / ours: ${result.reactMarkdownOverOurs.toFixed(1)}x (goal >= 5x, ${check(result.reactMarkdownOverOurs >= 5)}); ` +
      `ours / streamdown: ${result.oursOverStreamdown.toFixed(2)}x (goal <= 1x, ${check(result.oursOverStreamdown <= 1)}), ` +
      `main-thread time ${result.oursOverStreamdownMainThread.toFixed(2)}x; ` +
      `ours max update: ${result.oursMaxMs.toFixed(2)} ms (goal < 16 ms, ${check(result.oursMaxMs < 16)})`,
  );
}

async function measure(page: Page, cdp: CDPSession): Promise<{ page: MarkdownPageResult; mainThreadMs: number }> {
  const before = await busySeconds(cdp);
  await page.evaluate(() => window.__start?.());
  await page.waitForFunction(() => window.__benchResult !== undefined, undefined, { timeout: 300_000, polling: 50 });
  const after = await busySeconds(cdp);
  const result = (await page.evaluate(() => window.__benchResult)) as MarkdownPageResult;
  return { page: result, mainThreadMs: (after - before) * 1000 };
}

/**
 * Main-thread busy seconds so far. `TaskDuration`, not `ScriptDuration`: in this Chromium the latter
 * leaves out script run from timer and message tasks, which is where a streamed page spends its time.
 */
async function busySeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runMarkdownBench().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
