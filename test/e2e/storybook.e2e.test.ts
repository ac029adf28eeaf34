/**
 * The built Storybook in Chromium: every story and docs page renders without console errors and every
 * play function passes; a story's sockets close when another story is shown; the Playground's controls
 * change the reply. Every wait is for a state (a Storybook event, the DOM, the mock's socket count).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page, Request as PlaywrightRequest } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defaultLabels } from 'wiro-agent-react';
import { SANITIZED_AGENT_ERROR } from 'wiro-agent-react/testing';
import { REPLY_STATES } from '../../stories/support/scenarios';
import { collectProblems, launchChromium, type PageProblem } from './support/browser';
import { serveStatic, type StaticServer } from './support/static-server';

const ROOT = resolve(import.meta.dirname, '../..');
/** Stories rendered at once (one page each). */
const PARALLEL = 2;
const WAIT = { timeout: 40_000 };

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

interface RecordedEvent {
  name: string;
  payload: { storyId?: string; status?: string } | undefined;
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
    child.on('exit', (code) =>
      code === 0 ? resolvePromise() : reject(new Error(`${command} exited ${code}\n${stderr.slice(-2000)}`)),
    );
  });
}

/** The events recorded on the page so far. */
function events(page: Page): Promise<RecordedEvent[]> {
  return page.evaluate(() => [...((window as unknown as { __e2eEvents?: RecordedEvent[] }).__e2eEvents ?? [])]);
}

/** Resolves with the first event named `name` (for `storyId`, when given), or a failure event if one comes first. */
async function waitForEvent(page: Page, name: string, storyId?: string): Promise<RecordedEvent> {
  const handle = await page.waitForFunction(
    ([wanted, id]) => {
      const recorded = (window as unknown as { __e2eEvents?: RecordedEvent[] }).__e2eEvents ?? [];
      const failure = recorded.find((e) => e.name === 'storyMissing' || e.name === 'storyErrored');
      return (
        failure ?? recorded.find((e) => e.name === wanted && (id === undefined || e.payload?.storyId === id)) ?? null
      );
    },
    [name, storyId] as const,
    { ...WAIT, polling: 100 },
  );
  return (await handle.jsonValue()) as RecordedEvent;
}

/** The mocked sockets the page holds open (see `.storybook/agent-mocks.ts`). */
function openSockets(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      (
        window as unknown as { __wiroStorybookMocks?: { openSockets(): string[] } }
      ).__wiroStorybookMocks?.openSockets() ?? [],
  );
}

/** Waits until the open mocked sockets are exactly one per story id in `storyIds` (none for `[]`). */
async function socketsOf(page: Page, storyIds: string[]): Promise<void> {
  await expect
    .poll(async () => (await openSockets(page)).map((url) => new URL(url).pathname.split('/')[1]).sort(), WAIT)
    .toEqual([...storyIds].sort());
}

/** Show another story in the same preview (as the Storybook UI does), without reloading the page. */
async function showStory(page: Page, storyId: string, viewMode: 'story' | 'docs' = 'story'): Promise<void> {
  await page.evaluate(
    ([id, mode]) => {
      const win = window as unknown as {
        __e2eEvents?: RecordedEvent[];
        __STORYBOOK_ADDONS_CHANNEL__: { emit(event: string, payload: unknown): void };
      };
      // Forget the previous story's events, so only the new story's completion counts.
      win.__e2eEvents?.splice(0);
      win.__STORYBOOK_ADDONS_CHANNEL__.emit('setCurrentStory', { storyId: id, viewMode: mode });
    },
    [storyId, viewMode] as const,
  );
  await waitForEvent(
    page,
    viewMode === 'docs' ? 'docsRendered' : 'storyFinished',
    viewMode === 'docs' ? undefined : storyId,
  );
}

describe('built Storybook', () => {
  let outDir = '';
  let site: StaticServer;
  let browser: Browser;
  let entries: IndexEntry[] = [];

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'wiro-storybook-'));
    const started = Date.now();
    await run(join(ROOT, 'node_modules/.bin/storybook'), ['build', '-o', outDir, '--quiet']);
    console.info(`storybook build: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    site = await serveStatic(outDir);
    browser = await launchChromium();
    const index = JSON.parse(await readFile(join(outDir, 'index.json'), 'utf8')) as {
      entries: Record<string, IndexEntry>;
    };
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

  async function open(context: BrowserContext, id: string, viewMode: 'story' | 'docs' = 'story'): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${site.url}/iframe.html?id=${encodeURIComponent(id)}&viewMode=${viewMode}`);
    return page;
  }

  async function visit(page: Page, entry: IndexEntry): Promise<Outcome> {
    const started = Date.now();
    const problems = collectProblems(page, harmless);
    const mocked = mockedRequests(page);
    const viewMode = entry.type === 'docs' ? 'docs' : 'story';
    await page.goto(`${site.url}/iframe.html?id=${encodeURIComponent(entry.id)}&viewMode=${viewMode}`);
    const event = entry.type === 'docs' ? 'docsRendered' : 'storyFinished';
    // Play functions wait up to 20 s for their condition; the slowest story takes about 8 s.
    const result = await waitForEvent(page, event);
    let status = result.name === event ? 'success' : result.name;
    if (result.name === 'storyFinished') status = result.payload?.status ?? 'unknown';
    // A failing play function does not always turn storyFinished's status to "error": look for its event too.
    const failures = (await events(page)).map((e) => e.name).filter((name) => name.endsWith('ThrewException'));
    if (failures.length > 0) status = failures.join(', ');
    if (entry.type === 'docs') await docsSettled(page);
    const rootId = entry.type === 'docs' ? '#storybook-docs' : '#storybook-root';
    const rendered = await page.$eval(
      rootId,
      (el) => el.childElementCount > 0 && (el.textContent ?? '').trim().length > 0,
    );
    if (!rendered) status = 'empty';
    // msw answers a mocked request through the page that made it: one still in flight when the page goes
    // on to the next story falls through to the static server (a 404 in the next story's console).
    await expect.poll(() => mocked.size, WAIT).toBe(0);
    for (const event of ['console', 'pageerror', 'request', 'requestfinished', 'requestfailed'] as const) {
      page.removeAllListeners(event);
    }
    return { id: entry.id, type: entry.type, status, problems: [...problems], ms: Date.now() - started };
  }

  /** The requests to the stories' mocked Wiro (REST and files) `page` has in flight, kept up to date. */
  function mockedRequests(page: Page): Set<PlaywrightRequest> {
    const inFlight = new Set<PlaywrightRequest>();
    const mocked = (request: PlaywrightRequest): boolean => /^\/mock-api\//.test(new URL(request.url()).pathname);
    page.on('request', (request) => {
      if (mocked(request)) inFlight.add(request);
    });
    page.on('requestfinished', (request) => inFlight.delete(request));
    page.on('requestfailed', (request) => inFlight.delete(request));
    return inFlight;
  }

  /**
   * A docs page runs no play functions but streams all its stories at once: wait until each story has
   * rendered and every reply on the page has reached a resting state (a queued one stays queued), so
   * any console error along the way is seen.
   */
  async function docsSettled(page: Page): Promise<void> {
    await page.waitForFunction(
      () => {
        const stories = [...document.querySelectorAll('#storybook-docs .docs-story')];
        const allRendered = stories.length > 0 && stories.every((story) => (story.textContent ?? '').trim().length > 0);
        const busy = document.querySelector(
          '#storybook-docs [data-status="thinking"], #storybook-docs [data-status="streaming"]',
        );
        const captions = [...document.querySelectorAll('#storybook-docs [data-testid="wire-status"]')];
        const captionBusy = captions.some((c) =>
          /status: (idle|subscribing|agent_start|agent_output)\b/.test(c.textContent ?? ''),
        );
        return allRendered && busy === null && !captionBusy;
      },
      undefined,
      { ...WAIT, polling: 100 },
    );
  }

  test('has stories for every component and state, and a docs page for each component', () => {
    const titles = new Set(entries.map((e) => e.title));
    expect([...titles].sort()).toEqual([
      'Components/AgentChat',
      'Components/AgentMessage',
      'Components/CopyButton',
      'Components/StreamMetrics',
      'Components/StreamingMarkdown',
      'Components/ThinkingBlock',
      'Conversations/AgentSessionList',
      'Conversations/Attachments',
      'Playground',
      'Tasks/Playground',
      'Tasks/TaskOutputs',
      'Tasks/TaskProgress',
    ]);
    // The conversation states of the chat, one story each.
    const chatStories = new Set(entries.filter((e) => e.title === 'Components/AgentChat').map((e) => e.id));
    expect(
      ['with-sessions', 'versions-switcher', 'feedback-given', 'drag-over', 'attachment-errors'].filter(
        (story) => !chatStories.has(`components-agentchat--${story}`),
      ),
    ).toEqual([]);
    // And the conversations list's own: empty, loading, load error.
    const listStories = new Set(entries.filter((e) => e.title === 'Conversations/AgentSessionList').map((e) => e.id));
    expect(
      ['empty', 'loading', 'load-error'].filter(
        (story) => !listStories.has(`conversations-agentsessionlist--${story}`),
      ),
    ).toEqual([]);
    // Autodocs: one docs page per title.
    expect(
      entries
        .filter((e) => e.type === 'docs')
        .map((e) => e.title)
        .sort(),
    ).toEqual([...titles].sort());
    // One story per state, named alike in every component's file.
    const states = [
      'queued',
      'thinking',
      'interleaved-thinking-and-answer',
      'long-markdown',
      'string-error',
      'object-error',
      'cancelled',
      'unknown-token',
      'reconnecting',
      'dark-theme',
      'narrow-container',
    ];
    expect(states).toHaveLength(Object.keys(REPLY_STATES).length);
    const ids = new Set(entries.filter((e) => e.type === 'story').map((e) => e.id));
    for (const component of ['agentmessage', 'thinkingblock', 'streammetrics', 'agentchat']) {
      expect({ component, missing: states.filter((state) => !ids.has(`components-${component}--${state}`)) }).toEqual({
        component,
        missing: [],
      });
    }
    expect(entries.some((e) => e.id === 'playground--playground')).toBe(true);
  });

  test('every story and docs page renders, plays and logs no errors', async () => {
    const queue = [...entries];
    const outcomes: Outcome[] = [];
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        // One context per lane: pages of one context share msw's service worker registration, and two
        // pages registering it at the same moment can race (`Failed to update a ServiceWorker … Not found`).
        const context = await newContext();
        // msw's worker unregisters itself when its last page goes away, which is what a navigation to the
        // next story does, while the next page is already asking for the registration (same error). A page
        // that stays open on a mocked story keeps the worker registered for the whole lane.
        const anchor = await open(context, 'components-thinkingblock--queued');
        await waitForEvent(anchor, 'storyFinished', 'components-thinkingblock--queued');
        const page = await context.newPage();
        for (let entry = queue.shift(); entry !== undefined; entry = queue.shift())
          outcomes.push(await visit(page, entry));
        await context.close();
      }),
    );

    const slowest = [...outcomes].sort((a, b) => b.ms - a.ms).slice(0, 3);
    console.info(
      `visited ${outcomes.filter((o) => o.type === 'story').length} stories and ${outcomes.filter((o) => o.type === 'docs').length} docs pages; ` +
        `slowest: ${slowest.map((o) => `${o.id} ${o.ms} ms`).join(', ')}`,
    );
    const failed = outcomes.filter((o) => o.status !== 'success' || o.problems.length > 0);
    expect(
      failed.map((o) => ({
        id: o.id,
        status: o.status,
        problems: o.problems.map((p) => `${p.text.slice(0, 300)}${p.source ? ` (${p.source})` : ''}`),
      })),
    ).toEqual([]);
  }, 400_000);

  test("showing another story closes the previous story's sockets", async () => {
    const context = await newContext();
    const page = await open(context, 'components-thinkingblock--queued');
    const problems = collectProblems(page, harmless);
    // A queued reply keeps its socket open for as long as the story is shown.
    await waitForEvent(page, 'storyFinished', 'components-thinkingblock--queued');
    await socketsOf(page, ['components-thinkingblock--queued']);
    // Storybook reloads the page when a story is left mid-render; mark the page to prove it did not.
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    const sameDocument = (): Promise<boolean | undefined> =>
      page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument);

    await showStory(page, 'components-agentchat--queued');
    await socketsOf(page, ['components-agentchat--queued']);
    expect(await sameDocument()).toBe(true);
    await showStory(page, 'components-streammetrics--queued');
    await socketsOf(page, ['components-streammetrics--queued']);
    expect(await sameDocument()).toBe(true);
    // A docs page streams all its stories at once; leaving it closes every one of their sockets.
    await showStory(page, 'components-thinkingblock--docs', 'docs');
    await docsSettled(page);
    expect((await openSockets(page)).length).toBeGreaterThan(1);
    await showStory(page, 'components-thinkingblock--static-text');
    await socketsOf(page, []);
    expect(await sameDocument()).toBe(true);

    await context.close();
    expect(problems).toEqual([]);
  });

  test("the Playground's controls set the reply: text, chunk size, speed, failure, cancel point, thinking, dropped connection", async () => {
    const context = await newContext();
    const page = await open(context, 'playground--playground');
    const problems = collectProblems(page, harmless);
    await waitForEvent(page, 'storyFinished', 'playground--playground');
    const message = page.locator('#storybook-root [data-status]');
    // The play function ends by pressing Replay: let that run finish before changing anything.
    await expect.poll(() => message.getAttribute('data-status'), WAIT).toBe('done');
    const answer = (): Promise<string> =>
      message.evaluate((el) => [...el.querySelectorAll('.wiro-md')].map((md) => md.textContent ?? '').join(''));
    const elapsed = (): Promise<string | null> => page.locator('[data-metric="elapsed"] dd').textContent();
    const TEXT = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

    /** Set controls as the Controls panel does, then watch the answer's lengths until the reply is `status`. */
    async function play(args: Record<string, unknown>, status: string): Promise<number[]> {
      // Tag the reply on screen: the new args' reply is a new element, and only it counts.
      await message.evaluate((el) => el.setAttribute('data-e2e-previous', ''));
      await page.evaluate(() => {
        const lengths: number[] = [];
        (window as unknown as { __lengths: number[] }).__lengths = lengths;
        new MutationObserver(() => {
          const el = document.querySelector('#storybook-root [data-status]:not([data-e2e-previous])');
          const length = el
            ? [...el.querySelectorAll('.wiro-md')].reduce((n, md) => n + (md.textContent ?? '').length, 0)
            : 0;
          if (length > 0 && length !== lengths[lengths.length - 1]) lengths.push(length);
        }).observe(document.getElementById('storybook-root') as HTMLElement, {
          subtree: true,
          childList: true,
          characterData: true,
        });
      });
      await page.evaluate(
        (updatedArgs) =>
          (
            window as unknown as { __STORYBOOK_ADDONS_CHANNEL__: { emit(event: string, payload: unknown): void } }
          ).__STORYBOOK_ADDONS_CHANNEL__.emit('updateStoryArgs', { storyId: 'playground--playground', updatedArgs }),
        args,
      );
      await expect.poll(() => message.getAttribute('data-e2e-previous'), WAIT).toBeNull();
      await expect.poll(() => message.getAttribute('data-status'), WAIT).toBe(status);
      return page.evaluate(() => [...(window as unknown as { __lengths: number[] }).__lengths]);
    }

    // Text, chunk size and speed: 36 characters in chunks of 7 (so 6 updates), 100 ms apart.
    let lengths = await play(
      {
        text: TEXT,
        thinking: false,
        chunkChars: 7,
        intervalMs: 100,
        failure: 'none',
        cancelAt: 0,
        dropConnectionAt: 0,
        showMetrics: true,
      },
      'done',
    );
    expect(await answer()).toBe(TEXT);
    expect(lengths.every((n) => n % 7 === 0 || n === TEXT.length)).toBe(true);
    // The agent's own clock: 6 updates and the end, 100 ms apart.
    expect(await elapsed()).toBe('0.7 s');

    // Slower: the same reply at 200 ms per update, ending in an agent error.
    await play({ intervalMs: 200, failure: 'string' }, 'error');
    expect(await page.getByRole('alert').textContent()).toContain(SANITIZED_AGENT_ERROR);
    expect(await answer()).toBe(TEXT);
    expect(await elapsed()).toBe('1.2 s');

    // A non-response (agent_error with a progress object).
    await play({ intervalMs: 50, failure: 'object' }, 'failed');
    expect(await page.getByRole('alert').textContent()).toContain(defaultLabels.failed);

    // Cancel point: the run stops after 14 characters, which stay on screen.
    await play({ failure: 'none', cancelAt: 14 }, 'cancelled');
    expect(await answer()).toBe(TEXT.slice(0, 14));

    // Thinking on: reasoning first, collapsed once the answer is complete.
    await play({ cancelAt: 0, thinking: true, chunkChars: 40 }, 'done');
    expect(await page.locator('#storybook-root .wiro-thinking-toggle').getAttribute('aria-expanded')).toBe('false');
    expect(await answer()).toBe(TEXT);

    // Dropped connection: the mock drops the socket after 20 characters; the kit reconnects and completes.
    lengths = await play({ thinking: false, chunkChars: 4, dropConnectionAt: 20 }, 'done');
    expect(await answer()).toBe(TEXT);
    expect(lengths.every((n, i) => i === 0 || n >= (lengths[i - 1] as number))).toBe(true);
    // The story's mocked socket (new with these args) was connected twice: once, then again after the drop.
    const [url] = await openSockets(page);
    expect(
      await page.evaluate(
        (socketUrl) =>
          (
            window as unknown as { __wiroStorybookMocks: { socketsOpened(url: string): number } }
          ).__wiroStorybookMocks.socketsOpened(socketUrl),
        url as string,
      ),
    ).toBe(2);

    await context.close();
    expect(problems).toEqual([]);
  });
});
