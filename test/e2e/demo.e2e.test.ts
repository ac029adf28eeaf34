/**
 * The `npm start` demo in Chromium, against the mock agent server: the same startDemo() that
 * `npm start` runs (mock agent + server-side proxy + Vite).
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_PROMPTS, PLAIN_REPLY, SLOW_REPLY, THINK_ANSWER, THINK_REASONING } from '../../demo/replies';
import { DEMO_API_KEY, startDemo, type RunningDemo } from '../../demo/start';
import type { MockAgentServer } from '../../src/testing/mock-server';
import { collectProblems, launchChromium, type PageProblem } from './support/browser';

const ARTIFACTS = resolve(import.meta.dirname, '../../test-results');
const TEXTBOX = { name: 'Write a message…' };
const WAIT = { timeout: 20_000 };

let demo: RunningDemo;
let mock: MockAgentServer;
let browser: Browser;
const open: { context: BrowserContext; problems: PageProblem[] }[] = [];

beforeAll(async () => {
  demo = await startDemo({ port: 0, logLevel: 'warn' });
  if (demo.mock === null) throw new Error('the e2e tests need the mock agent: unset WIRO_API_KEY');
  mock = demo.mock;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

afterEach(async () => {
  // Every page of every test must stay free of console errors and uncaught exceptions.
  const problems = open.flatMap((o) => o.problems);
  for (const { context } of open.splice(0)) await context.close();
  expect(problems).toEqual([]);
});

/** A fresh browser context on the demo, in its own chat session. */
async function openDemo(query: string, viewport = { width: 1100, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  open.push({ context, problems: collectProblems(page) });
  await page.goto(`${demo.url}?${query}`);
  return page;
}

/** A chat session name no other test uses. */
function session(name: string): string {
  return `${name}-${Math.random().toString(36).slice(2, 8)}`;
}

async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', TEXTBOX);
  await box.fill(text);
  await box.press('Enter');
}

/** The latest reply's root element, with its view state in `data-status`. */
const lastReply = (page: Page) => page.locator('.wiro-chat-agent .wiro-message').last();

/** The answer text of the latest reply (its Markdown parts; thinking excluded). */
async function answerOf(page: Page): Promise<string> {
  return lastReply(page).evaluate((el) => [...el.querySelectorAll('.wiro-md')].map((md) => md.textContent ?? '').join(''));
}

/** Resolves once the latest reply shows at least `chars` characters of answer. */
async function answerReaches(page: Page, chars: number): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const replies = document.querySelectorAll('.wiro-chat-agent .wiro-message');
      const last = replies[replies.length - 1];
      const text = last ? [...last.querySelectorAll('.wiro-md')].map((md) => md.textContent ?? '').join('') : '';
      return text.length >= n;
    },
    chars,
    WAIT,
  );
}

async function replyStatus(page: Page, status: string): Promise<void> {
  await expect.poll(() => lastReply(page).getAttribute('data-status'), WAIT).toBe(status);
}

/** The connections that sent a subscribe (`agent_info`) since `from` frames were received. */
function subscribingConnections(from: number): Set<number> {
  return new Set(
    mock
      .received()
      .slice(from)
      .filter((r) => (r.frame as { type?: unknown } | null)?.type === 'agent_info')
      .map((r) => r.connection),
  );
}

describe('the npm start demo', () => {
  test('a reply streams and ends with exactly the scripted text', async () => {
    const page = await openDemo(`session=${session('stream')}`);
    await send(page, DEMO_PROMPTS.plain);
    await answerReaches(page, 40);
    // Mid-stream: busy for screen readers, and not all of it yet.
    await expect.poll(() => lastReply(page).getAttribute('data-status')).toBe('streaming');
    expect((await answerOf(page)).length).toBeLessThan(PLAIN_REPLY.length);
    expect(await lastReply(page).locator('[aria-live="polite"]').getAttribute('aria-busy')).toBe('true');

    await replyStatus(page, 'done');
    expect(await answerOf(page)).toBe(PLAIN_REPLY);
    expect(await lastReply(page).locator('[aria-live="polite"]').getAttribute('aria-busy')).toBe('false');
    await expect.poll(() => page.getByRole('button', { name: 'Copy answer' }).isVisible()).toBe(true);
  });

  test('thinking shows a live "Thinking…", then collapses to "Thought for N s"; the user can open and close it', async () => {
    const page = await openDemo(`session=${session('think')}`);
    await send(page, DEMO_PROMPTS.think);
    const toggle = lastReply(page).locator('.wiro-thinking-toggle').first();
    await expect.poll(() => toggle.textContent(), WAIT).toContain('Thinking…');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');

    await replyStatus(page, 'done');
    expect(await toggle.textContent()).toMatch(/Thought for \d+ s/);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await answerOf(page)).toBe(THINK_ANSWER);

    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const panel = page.locator(`[id="${await toggle.getAttribute('aria-controls')}"]`);
    await expect.poll(() => panel.isVisible()).toBe(true);
    expect(await panel.textContent()).toContain(THINK_REASONING);

    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => panel.isVisible()).toBe(false);
  });

  test('Stop cancels the reply: the partial text stays, marked as cancelled, and the agent stops', async () => {
    const name = session('stop');
    const page = await openDemo(`session=${name}`);
    await send(page, DEMO_PROMPTS.slow);
    await answerReaches(page, 20);
    await page.getByRole('button', { name: 'Stop' }).click();

    await replyStatus(page, 'cancelled');
    await expect.poll(() => lastReply(page).getByText('Cancelled').isVisible()).toBe(true);
    const partial = await answerOf(page);
    expect(partial.length).toBeGreaterThanOrEqual(20);
    expect(SLOW_REPLY.startsWith(partial)).toBe(true);
    expect(partial.length).toBeLessThan(SLOW_REPLY.length);

    const history = mock.backend.history({ useragentguid: demo.useragentguid, sessionkey: name });
    expect(history.result && history.data.messages[0]?.status).toBe('agent_cancel');
    await expect.poll(() => page.getByRole('button', { name: 'Retry' }).isVisible()).toBe(true);
  });

  test('the server drops the connection mid-reply: the socket reconnects and the text completes with nothing lost', async () => {
    const page = await openDemo(`session=${session('drop')}`);
    const before = mock.received().length;
    await send(page, DEMO_PROMPTS.plain);
    await answerReaches(page, 200);
    const shown = (await answerOf(page)).length;
    mock.dropAllConnections();

    await replyStatus(page, 'done');
    expect(await answerOf(page)).toBe(PLAIN_REPLY);
    // Re-subscribed on a new connection, having shown part of the text before the drop.
    expect(subscribingConnections(before).size).toBeGreaterThanOrEqual(2);
    expect(shown).toBeLessThan(PLAIN_REPLY.length);
  });

  test('a page reload mid-reply resumes the reply where it is and completes it, with no duplicate turn', async () => {
    const page = await openDemo(`session=${session('reload')}`);
    await send(page, DEMO_PROMPTS.plain);
    await answerReaches(page, 150);
    await page.reload();

    await replyStatus(page, 'done');
    expect(await answerOf(page)).toBe(PLAIN_REPLY);
    expect(await page.locator('.wiro-chat-turn').count()).toBe(1);
    expect(await page.locator('.wiro-chat-user').textContent()).toBe(DEMO_PROMPTS.plain);
  });

  test('20 chats stream at once over ONE WebSocket and all complete', async () => {
    const page = await openDemo('chats=20', { width: 1400, height: 900 });
    await expect.poll(() => page.getByRole('textbox', TEXTBOX).count(), WAIT).toBe(20);
    const before = mock.received().length;
    const suggestion = page.getByRole('button', { name: DEMO_PROMPTS.think });
    for (let i = 0; i < 20; i++) await suggestion.first().click();

    const streaming = page.locator('.wiro-chat-agent .wiro-message[data-status="thinking"], .wiro-chat-agent .wiro-message[data-status="streaming"]');
    await expect.poll(() => streaming.count(), WAIT).toBeGreaterThanOrEqual(10);
    expect(mock.connectionCount()).toBe(1);

    const done = page.locator('.wiro-chat-agent .wiro-message[data-status="done"]');
    await expect.poll(() => done.count(), WAIT).toBe(20);
    const answers = await done.evaluateAll((els) =>
      els.map((el) => [...el.querySelectorAll('.wiro-md')].map((md) => md.textContent ?? '').join('')),
    );
    expect(answers).toEqual(Array.from({ length: 20 }, () => THINK_ANSWER));
    expect(subscribingConnections(before).size).toBe(1);
    expect(mock.connectionCount()).toBeLessThanOrEqual(1);
  });

  test('screenshots of the demo in light and dark are saved to test-results/', async () => {
    const page = await openDemo(`session=${session('shot')}`, { width: 1100, height: 800 });
    await send(page, DEMO_PROMPTS.markdown);
    await replyStatus(page, 'done');
    await mkdir(ARTIFACTS, { recursive: true });

    const theme = page.getByRole('button', { name: 'Dark theme' });
    if ((await theme.getAttribute('aria-pressed')) === 'true') await theme.click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await page.screenshot({ path: resolve(ARTIFACTS, 'demo-light.png') });
    await theme.click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).not.toBe('rgb(255, 255, 255)');
    await page.screenshot({ path: resolve(ARTIFACTS, 'demo-dark.png') });

    for (const name of ['demo-light.png', 'demo-dark.png']) {
      const file = resolve(ARTIFACTS, name);
      const bytes = await readFile(file);
      expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect((await stat(file)).size).toBeGreaterThan(20_000);
      // PNG width and height (IHDR) are the viewport's.
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1100, 800]);
    }
  });

  test('the API key stays on the server: the page never receives it, and the mock refuses calls without it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    open.push({ context, problems: collectProblems(page) });
    const bodies: Promise<string>[] = [];
    context.on('response', (response) => {
      const type = response.headers()['content-type'] ?? '';
      if (/javascript|json|html|css/.test(type)) bodies.push(response.text().catch(() => ''));
    });
    await page.goto(`${demo.url}?session=${session('key')}`);
    await send(page, 'hello');
    await replyStatus(page, 'done');
    const seen = await Promise.all(bodies);
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.filter((body) => body.includes(DEMO_API_KEY))).toEqual([]);

    const direct = await fetch(`${mock.httpUrl}/UserAgent/Message/Send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ useragentguid: demo.useragentguid, message: 'no key' }),
    });
    expect(direct.status).toBe(401);
  });
});
