/**
 * The `npm start` demo in Chromium, against the mock agent server: the same startDemo() that
 * `npm start` runs (mock agent + server-side proxy + Vite). Every wait is for a state of the page or
 * of the mock server, never for a length of time.
 */
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { DEMO_PROMPTS, GRID_REPLY, PLAIN_REPLY, SLOW_REPLY, THINK_ANSWER, THINK_REASONING } from '../../demo/replies';
import { DEMO_API_KEY } from '../../demo/start';
import { demoInBrowser } from './support/demo-browser';
import {
  answerLengths,
  answerOf,
  answerReaches,
  lastReply,
  nonDecreasing,
  recordAnswerLengths,
  replyStatus,
  send,
  TEXTBOX,
  WAIT,
} from './support/demo-page';
import { ARTIFACTS, DOCS_SCREENSHOT, pngSize } from './support/artifacts';

const env = demoInBrowser();

interface DemoPage {
  page: Page;
  /** URLs of the agent WebSockets the page opened so far (the dev server's own socket excluded). */
  agentSockets: () => string[];
}

/** A fresh browser context on the demo. `recordLengths` installs {@link recordAnswerLengths} first. */
async function openDemo(
  query: string,
  options: { viewport?: { width: number; height: number }; recordLengths?: boolean } = {},
): Promise<DemoPage> {
  const page = await env.newPage(options.viewport ?? { width: 1100, height: 800 }, (context) =>
    options.recordLengths ? recordAnswerLengths(context) : undefined,
  );
  const sockets: string[] = [];
  page.on('websocket', (socket) => {
    if (socket.url().startsWith(env.demo.socketUrl)) sockets.push(socket.url());
  });
  await page.goto(`${env.demo.url}?${query}`);
  return { page, agentSockets: () => [...sockets] };
}

/** A chat session name no other test uses. */
function session(name: string): string {
  return `${name}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The connections that sent a subscribe (`agent_info`) since `from` frames were received. */
function subscribingConnections(from: number): Set<number> {
  return new Set(subscribes(from).map((r) => r.connection));
}

function subscribes(from: number) {
  return env.mock
    .received()
    .slice(from)
    .filter((r) => (r.frame as { type?: unknown } | null)?.type === 'agent_info');
}

/** Where the agent is with the latest message of a session, as the mock server has it. */
function serverStatus(sessionkey: string): string | undefined {
  // The page's `?session=name` is the demo user's `name`: the proxy binds them to their prefix.
  const history = env.mock.backend.history({
    useragentguid: env.demo.useragentguid,
    sessionkey: env.demo.sessionPrefix + sessionkey,
  });
  return history.result ? history.data.messages[0]?.status : undefined;
}

describe('the npm start demo', () => {
  test('a reply streams and ends with exactly the scripted text', async () => {
    const { page } = await openDemo(`session=${session('stream')}`);
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
    const { page } = await openDemo(`session=${session('think')}`);
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
    const { page } = await openDemo(`session=${name}`);
    await send(page, DEMO_PROMPTS.slow);
    await answerReaches(page, 20);
    await page.getByRole('button', { name: 'Stop' }).click();

    await replyStatus(page, 'cancelled');
    await expect.poll(() => lastReply(page).getByText('Cancelled').isVisible()).toBe(true);
    const partial = await answerOf(page);
    expect(partial.length).toBeGreaterThanOrEqual(20);
    expect(SLOW_REPLY.startsWith(partial)).toBe(true);
    expect(partial.length).toBeLessThan(SLOW_REPLY.length);

    expect(serverStatus(name)).toBe('agent_cancel');
    await expect.poll(() => page.getByRole('button', { name: 'Retry' }).isVisible()).toBe(true);
  });

  test('the server drops the connection mid-reply: the socket reconnects and the text completes with nothing lost', async () => {
    const name = session('drop');
    const { page, agentSockets } = await openDemo(`session=${name}`, { recordLengths: true });
    const before = env.mock.received().length;
    await send(page, DEMO_PROMPTS.plain);
    await answerReaches(page, 200);
    const statusAtDrop = serverStatus(name);
    env.mock.dropAllConnections();
    // The agent was still writing when the connection went.
    expect(statusAtDrop).toBe('agent_output');

    await replyStatus(page, 'done');
    expect(await answerOf(page)).toBe(PLAIN_REPLY);
    // Nothing lost at any moment either: the text on screen only ever grew.
    const lengths = await answerLengths(page);
    expect(nonDecreasing(lengths)).toBe(true);
    expect(lengths.at(-1)).toBe(PLAIN_REPLY.length);
    // A second WebSocket (the reconnection) re-subscribed the token.
    expect(agentSockets()).toEqual([env.demo.socketUrl, env.demo.socketUrl]);
    expect(subscribingConnections(before).size).toBe(2);
  });

  test('a page reload mid-reply resumes the reply where it is and completes it, with no duplicate turn', async () => {
    const name = session('reload');
    const { page } = await openDemo(`session=${name}`, { recordLengths: true });
    await send(page, DEMO_PROMPTS.plain);
    await answerReaches(page, 150);
    const shownBeforeReload = (await answerOf(page)).length;
    expect(serverStatus(name)).toBe('agent_output');
    await page.reload();

    await replyStatus(page, 'done');
    expect(await answerOf(page)).toBe(PLAIN_REPLY);
    expect(await page.locator('.wiro-chat-turn').count()).toBe(1);
    expect(await page.locator('.wiro-chat-user .wiro-chat-bubble').textContent()).toBe(DEMO_PROMPTS.plain);
    // After the reload, the reply came back with the text already streamed (not from its start).
    const lengths = await answerLengths(page);
    expect(lengths[0]).toBeGreaterThanOrEqual(shownBeforeReload);
    expect(nonDecreasing(lengths)).toBe(true);
  });

  test('20 chats stream at once over ONE WebSocket and all complete', async () => {
    const { page, agentSockets } = await openDemo('streams=20', { viewport: { width: 1400, height: 900 } });
    await expect.poll(() => page.getByRole('textbox', TEXTBOX).count(), WAIT).toBe(20);
    const before = env.mock.received().length;
    const suggestions = page.getByRole('button', { name: DEMO_PROMPTS.grid });
    // Each chat shows its suggestion once its (empty) history has loaded.
    await expect.poll(() => suggestions.count(), WAIT).toBe(20);
    // One click in each chat, all in the same task: whether the replies overlap must not depend on
    // how fast the test clicks.
    await suggestions.evaluateAll((buttons) => {
      for (const button of buttons) (button as HTMLButtonElement).click();
    });

    // All 20 mid-reply at the same moment, over a single connection.
    await page.waitForFunction(
      () =>
        document.querySelectorAll(
          '.wiro-chat-agent .wiro-message:is([data-status="thinking"], [data-status="streaming"])',
        ).length === 20,
      undefined,
      WAIT,
    );
    expect(env.mock.connectionCount()).toBe(1);

    const done = page.locator('.wiro-chat-agent .wiro-message[data-status="done"]');
    await expect.poll(() => done.count(), WAIT).toBe(20);
    const answers = await done.evaluateAll((els) =>
      els.map((el) => [...el.querySelectorAll('.wiro-md')].map((md) => md.textContent ?? '').join('')),
    );
    expect(answers).toEqual(Array.from({ length: 20 }, () => GRID_REPLY));
    // The page opened exactly one agent WebSocket, and all 20 tokens were subscribed on it.
    expect(agentSockets()).toEqual([env.demo.socketUrl]);
    expect(subscribingConnections(before).size).toBe(1);
    expect(new Set(subscribes(before).map((r) => (r.frame as { agenttoken: string }).agenttoken)).size).toBe(20);
  });

  test('screenshots of the demo in light and dark are saved as test artifacts', async () => {
    const { page } = await openDemo(`session=${session('shot')}`, { viewport: { width: 1100, height: 800 } });
    await send(page, DEMO_PROMPTS.markdown);
    await replyStatus(page, 'done');
    await mkdir(ARTIFACTS, { recursive: true });
    const light = resolve(ARTIFACTS, 'demo-light.png');
    const dark = resolve(ARTIFACTS, 'demo-dark.png');

    const theme = page.getByRole('button', { name: 'Dark theme' });
    if ((await theme.getAttribute('aria-pressed')) === 'true') await theme.click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    const lightBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.screenshot({ path: light });
    await theme.click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const darkBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.screenshot({ path: dark });

    // The toggle really re-themes the kit: the page background changes and is darker in dark mode.
    expect(luminance(darkBackground)).toBeLessThan(luminance(lightBackground));
    for (const file of [light, dark]) expect(pngSize(await readFile(file))).toEqual({ width: 1100, height: 800 });
    // The README's image: refreshed on request (it changes a little on every run, so not by default).
    if (process.env.WIRO_UPDATE_SCREENSHOT === '1') await copyFile(light, DOCS_SCREENSHOT);
  });

  test('the API key stays on the server: the page never receives it, and the mock refuses calls without it', async () => {
    const page = await env.newPage();
    const bodies: Promise<string>[] = [];
    page.context().on('response', (response) => {
      const type = response.headers()['content-type'] ?? '';
      if (/javascript|json|html|css/.test(type)) bodies.push(response.text().catch(() => ''));
    });
    await page.goto(`${env.demo.url}?session=${session('key')}`);
    await send(page, 'hello');
    await replyStatus(page, 'done');
    const seen = await Promise.all(bodies);
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.filter((body) => body.includes(DEMO_API_KEY))).toEqual([]);

    const direct = await fetch(`${env.mock.httpUrl}/UserAgent/Message/Send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ useragentguid: env.demo.useragentguid, message: 'no key' }),
    });
    expect(direct.status).toBe(401);
  });
});

/** Relative luminance (0 black … 1 white) of a computed `rgb(r, g, b)` colour. */
function luminance(color: string): number {
  const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  if (r === undefined || g === undefined || b === undefined) throw new Error(`not an rgb() colour: ${color}`);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}
