/**
 * React benchmark: 100 streams at 20 frames/s each on one provider, against the naive hook.
 * Reports React commits per second and main-thread scripting time per second (Chromium's own
 * ScriptDuration counter, read over CDP), both measured over the same window.
 */
import { fileURLToPath } from 'node:url';
import { bundlePage, launchChromium, servePage } from './lib/browser';

export interface ReactBenchRow {
  mode: 'kit' | 'naive';
  commitsPerS: number;
  scriptMsPerS: number;
  renderMsPerS: number;
}

interface PageResult {
  mode: 'kit' | 'naive';
  commits: number;
  renderMs: number;
  elapsedS: number;
  lastTextLength: number;
}

export async function runReactBench({ streams = 100, fps = 20, seconds = 5 } = {}): Promise<ReactBenchRow[]> {
  const entry = fileURLToPath(new URL('./react/page.tsx', import.meta.url));
  const script = await bundlePage(entry);
  const served = await servePage(script, 'react bench');
  const browser = await launchChromium();
  const rows: ReactBenchRow[] = [];
  try {
    for (const mode of ['naive', 'kit'] as const) {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto(`${served.url}?mode=${mode}&streams=${streams}&fps=${fps}&seconds=${seconds}`);
      await page.waitForFunction(() => (window as { __ready?: boolean }).__ready === true, undefined, { timeout: 60_000 });
      const scriptBefore = await scriptDuration(cdp);
      await page.evaluate(() => (window as unknown as { __start: () => void }).__start());
      await page.waitForFunction(() => (window as { __benchResult?: unknown }).__benchResult !== undefined, undefined, {
        timeout: (seconds + 30) * 1000,
      });
      const scriptAfter = await scriptDuration(cdp);
      const result = (await page.evaluate(() => (window as { __benchResult?: unknown }).__benchResult)) as PageResult;
      if (errors.length) throw new Error(`page errors (${mode}): ${errors.join('; ')}`);
      if (result.lastTextLength === 0) throw new Error(`${mode}: nothing rendered`);
      rows.push({
        mode,
        commitsPerS: result.commits / result.elapsedS,
        scriptMsPerS: ((scriptAfter - scriptBefore) * 1000) / result.elapsedS,
        renderMsPerS: result.renderMs / result.elapsedS,
      });
      await page.close();
    }
  } finally {
    await browser.close();
    await served.close();
  }
  const [naive, kit] = rows as [ReactBenchRow, ReactBenchRow];
  console.log(`\nReact: ${streams} streams x ${fps} frames/s for ${seconds} s, Chromium (production React)`);
  console.table(
    rows.map((r) => ({
      hook: r.mode === 'kit' ? 'useAgentStream (kit)' : 'naive useState + own onmessage',
      'commits/s': r.commitsPerS.toFixed(1),
      'scripting ms/s': r.scriptMsPerS.toFixed(1),
      'React render ms/s': r.renderMsPerS.toFixed(1),
    })),
  );
  console.log(
    `kit vs naive: ${(naive.commitsPerS / kit.commitsPerS).toFixed(1)}x fewer commits, ` +
      `${(naive.scriptMsPerS / kit.scriptMsPerS).toFixed(1)}x less scripting time`,
  );
  return rows;
}

async function scriptDuration(cdp: { send: (m: 'Performance.getMetrics') => Promise<{ metrics: { name: string; value: number }[] }> }) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0;
}
