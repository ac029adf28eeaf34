/**
 * Run a bundled page in Debian's Chromium and collect what it reports.
 *
 * Browser benchmarks measure what users pay (layout, React commits, scripting) in the engine users
 * run, so they use a real Chromium rather than jsdom. A page entry is bundled with esbuild in
 * production mode (React's development build would distort every figure), served on 127.0.0.1, and
 * expected to set `window.__benchResult` when done.
 */
import { build } from 'esbuild';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Bundle `entry` (TS/TSX) for the browser in production mode; returns the JS source. */
export async function bundlePage(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild produced nothing for ${entry}`);
  return file.text;
}

/** Serve one HTML page with the bundle inlined as a module on 127.0.0.1; returns its URL and a closer. */
export async function servePage(script: string, title = 'bench'): Promise<{ url: string; close: () => Promise<void> }> {
  const html =
    `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head>` +
    `<body><div id="root"></div><script type="module">${script.replace(/<\/script/gi, '<\\/script')}</script></body></html>`;
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Bundle `entry`, open it in Chromium, wait for `window.__benchResult`, and return it.
 * `query` is appended to the URL so one page can run several variants.
 */
export async function runPage<T>(
  entry: string,
  { query = '', timeoutMs = 120_000, browser }: { query?: string; timeoutMs?: number; browser?: Browser } = {},
): Promise<T> {
  const script = await bundlePage(entry);
  const page$ = await servePage(script);
  const ownBrowser = !browser;
  const b = browser ?? (await launchChromium());
  try {
    const page: Page = await b.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(page$.url + query);
    await page.waitForFunction(() => (window as { __benchResult?: unknown }).__benchResult !== undefined, undefined, {
      timeout: timeoutMs,
      polling: 100,
    });
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    const result = (await page.evaluate(() => (window as { __benchResult?: unknown }).__benchResult)) as T;
    await page.close();
    return result;
  } finally {
    if (ownBrowser) await b.close();
    await page$.close();
  }
}

/** Remove a temp dir made by `makeTempDir`. */
export function makeTempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Median and percentiles of a sample. */
export function stats(sample: number[]): { total: number; p50: number; p95: number; max: number; mean: number } {
  const sorted = [...sample].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const total = sample.reduce((a, b) => a + b, 0);
  return {
    total,
    p50: at(0.5),
    p95: at(0.95),
    max: sorted[sorted.length - 1] ?? 0,
    mean: total / (sample.length || 1),
  };
}
