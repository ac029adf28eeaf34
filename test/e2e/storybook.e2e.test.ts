/**
 * The built Storybook loads and every story and docs page renders in Chromium without console errors;
 * play functions (which check the main stories) must pass.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { collectProblems, launchChromium, type PageProblem } from './support/browser';
import { serveStatic, type StaticServer } from './support/static-server';

const ROOT = resolve(import.meta.dirname, '../..');
/** Stories rendered at once (one page each). */
const PARALLEL = 2;

interface IndexEntry {
  id: string;
  type: 'story' | 'docs';
  title: string;
  name: string;
}

interface Outcome {
  id: string;
  type: IndexEntry['type'];
  status: string;
  problems: PageProblem[];
  ms: number;
}

/**
 * Known-harmless console noise. None is expected today; add entries here with the reason when a
 * dependency starts logging something benign.
 */
function harmless(_problem: PageProblem): boolean {
  return false;
}

/** Hooks Storybook's channel as soon as the preview creates it, recording story and docs completions. */
const RECORD_EVENTS = `(() => {
  const events = [];
  window.__e2eEvents = events;
  let channel;
  Object.defineProperty(globalThis, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get() { return channel; },
    set(value) {
      channel = value;
      for (const name of ['storyFinished', 'docsRendered', 'storyErrored', 'storyMissing', 'storyThrewException', 'playFunctionThrewException']) {
        value.on(name, (payload) => events.push({ name, payload }));
      }
    },
  });
})();`;

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1', CI: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${command} exited ${code}\n${stderr.slice(-2000)}`))));
  });
}

describe('built Storybook', () => {
  let outDir = '';
  let site: StaticServer;
  let browser: Browser;
  let entries: IndexEntry[] = [];

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'wiro-storybook-'));
    await run(join(ROOT, 'node_modules/.bin/storybook'), ['build', '-o', outDir, '--quiet']);
    site = await serveStatic(outDir);
    browser = await launchChromium();
    const index = JSON.parse(await readFile(join(outDir, 'index.json'), 'utf8')) as { entries: Record<string, IndexEntry> };
    entries = Object.values(index.entries);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  async function newContext(): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    await context.addInitScript(RECORD_EVENTS);
    return context;
  }

  async function visit(page: Page, entry: IndexEntry): Promise<Outcome> {
    const started = Date.now();
    const problems = collectProblems(page, harmless);
    const viewMode = entry.type === 'docs' ? 'docs' : 'story';
    await page.goto(`${site.url}/iframe.html?id=${encodeURIComponent(entry.id)}&viewMode=${viewMode}`);
    const event = entry.type === 'docs' ? 'docsRendered' : 'storyFinished';
    // Play functions wait up to 20 s for their condition; the slowest story takes about 8 s.
    const handle = await page.waitForFunction(
      (name) => {
        const events = (window as unknown as { __e2eEvents?: { name: string; payload: unknown }[] }).__e2eEvents ?? [];
        const failure = events.find((e) => e.name === 'storyMissing' || e.name === 'storyErrored');
        return failure ?? events.find((e) => e.name === name) ?? null;
      },
      event,
      { timeout: 40_000, polling: 100 },
    );
    const result = (await handle.jsonValue()) as { name: string; payload: unknown };
    let status = result.name === event ? 'success' : result.name;
    if (result.name === 'storyFinished') status = (result.payload as { status: string }).status;
    // A failing play function does not always turn storyFinished's status to "error": look for its event too.
    const failures = await page.evaluate(() =>
      ((window as unknown as { __e2eEvents?: { name: string }[] }).__e2eEvents ?? [])
        .map((e) => e.name)
        .filter((name) => name.endsWith('ThrewException')),
    );
    if (failures.length > 0) status = failures.join(', ');
    if (entry.type === 'docs') {
      // Docs pages stream every story at once and run no play functions: watch them for a moment.
      await page.waitForTimeout(1500);
    }
    const rootId = entry.type === 'docs' ? '#storybook-docs' : '#storybook-root';
    const rendered = await page.$eval(rootId, (el) => el.childElementCount > 0 && (el.textContent ?? '').trim().length > 0);
    if (!rendered) status = 'empty';
    page.removeAllListeners('console');
    page.removeAllListeners('pageerror');
    return { id: entry.id, type: entry.type, status, problems: [...problems], ms: Date.now() - started };
  }

  test('every story and docs page renders, plays and logs no errors', async () => {
    expect(entries.filter((e) => e.type === 'story').length).toBeGreaterThanOrEqual(50);
    expect(entries.filter((e) => e.type === 'docs').map((e) => e.title).sort()).toEqual([
      'Components/AgentChat',
      'Components/AgentMessage',
      'Components/StreamMetrics',
      'Components/ThinkingBlock',
      'Playground',
    ]);

    const queue = [...entries];
    const outcomes: Outcome[] = [];
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        // One context per lane: pages of one context share msw's service worker registration, and two
        // pages registering it at the same moment can race (`Failed to update a ServiceWorker … Not found`).
        const context = await newContext();
        const page = await context.newPage();
        for (let entry = queue.shift(); entry !== undefined; entry = queue.shift()) outcomes.push(await visit(page, entry));
        await context.close();
      }),
    );

    const slowest = [...outcomes].sort((a, b) => b.ms - a.ms).slice(0, 3);
    console.info(`visited ${outcomes.length} entries; slowest: ${slowest.map((o) => `${o.id} ${o.ms} ms`).join(', ')}`);
    const failed = outcomes.filter((o) => o.status !== 'success' || o.problems.length > 0);
    expect(failed.map((o) => ({ id: o.id, status: o.status, problems: o.problems.map((p) => p.text.slice(0, 300)) }))).toEqual([]);
  }, 300_000);
});
