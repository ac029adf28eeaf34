/**
 * The demo's "Run a model" page (`?run`) in Chromium, against the mock server through the demo's proxy
 * (`createTaskProxy` beside `createAgentProxy`): an image run's progress then its image, Stop killing a
 * running run, a dropped connection recovered through Task/Detail, and a chat reply streaming at the same
 * time as a model run over exactly one WebSocket. Every wait is for a state of the page or the env.mock.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { DEMO_MODELS, DEMO_RUN_PROMPTS, llmAnswer } from '../../demo/models';
import { DEMO_PROMPTS, SLOW_REPLY } from '../../demo/replies';
import { demoInBrowser } from './support/demo-browser';
import { answerOf, lastReply, send, WAIT } from './support/demo-page';

const env = demoInBrowser();

interface RunPage {
  page: Page;
  /** URLs of the WebSockets the page opened to the mock (the dev server's own socket excluded). */
  sockets: () => string[];
  /** Types of every task frame the page received, over any of its sockets. */
  taskFramesReceived: () => string[];
  /** Paths of the page's requests to the proxy, in order (`/api/wiro/Task/Detail`, …). */
  proxyCalls: () => string[];
  /** Sockets opened (`socket`) and proxy calls (their path), in the order the page made them. */
  timeline: () => string[];
}

async function openRunPage(): Promise<RunPage> {
  const page = await env.newPage({ width: 1280, height: 900 });
  const sockets: string[] = [];
  const taskFrames: string[] = [];
  const timeline: string[] = [];
  page.on('websocket', (socket) => {
    if (!socket.url().startsWith(env.demo.socketUrl)) return;
    sockets.push(socket.url());
    timeline.push('socket');
    socket.on('framereceived', ({ payload }) => {
      const type = /"type"\s*:\s*"(task_[a-z_]+)"/.exec(String(payload))?.[1];
      if (type !== undefined) taskFrames.push(type);
    });
  });
  const calls: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (request.method() === 'POST' && url.href.startsWith(env.demo.apiBaseUrl)) {
      calls.push(url.pathname);
      timeline.push(url.pathname);
    }
  });
  await page.goto(`${env.demo.url}?run&session=run-${Math.random().toString(36).slice(2, 8)}`);
  return {
    page,
    sockets: () => [...sockets],
    taskFramesReceived: () => [...taskFrames],
    proxyCalls: () => [...calls],
    timeline: () => [...timeline],
  };
}

/** The panel of one of the page's models. */
function panel(page: Page, model: string): Locator {
  return page.locator(`.demo-run-panel[data-model="${model}"]`);
}

async function runWith(page: Page, model: string, prompt?: string): Promise<Locator> {
  const form = panel(page, model);
  if (prompt !== undefined) await form.getByLabel('Prompt').fill(prompt);
  await form.getByRole('button', { name: 'Run' }).click();
  return form;
}

/** The `data-stage` of a panel's `<TaskProgress>`. */
function stage(form: Locator): Promise<string | null> {
  return form.locator('.wiro-task-progress').getAttribute('data-stage');
}

/** The tasktoken of the newest run the mock was asked to follow. */
function newestTasktoken(): string {
  const infos = env.mock.received().filter((r) => (r.frame as { type?: unknown } | null)?.type === 'task_info');
  return (infos[infos.length - 1]?.frame as { tasktoken: string }).tasktoken;
}

describe('the "Run a model" page', () => {
  test('an image run shows its stages and a determinate progress bar, then the image', async () => {
    const { page } = await openRunPage();
    const form = await runWith(page, DEMO_MODELS.image);
    const bar = form.getByRole('progressbar', { name: 'Run progress' });
    // Stages before the model runs: an indeterminate bar.
    await expect.poll(() => stage(form), WAIT).toMatch(/^(waiting|queued|preparing|loading)$/);
    // Running: the bar shows the model's percentage, and it grows.
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), WAIT).toBeGreaterThan(0);
    const first = Number(await bar.getAttribute('aria-valuenow'));
    expect(first).toBeLessThan(100);
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), WAIT).toBeGreaterThan(first);
    expect(await bar.getAttribute('aria-valuetext')).toMatch(/^Running, \d+%, Step \d+ of 20$/);

    await expect.poll(() => stage(form), WAIT).toBe('succeeded');
    const image = form.getByRole('img', { name: 'Output image (0.png)' });
    // The generated PNG, loaded from the mock's files: 96 × 64 once decoded.
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), WAIT).toBe(96);
    expect(await image.getAttribute('src')).toMatch(/\/v1\/mock-task-files\/\d+\/0\.png$/);
    expect(await form.getAttribute('data-status')).toBe('done');
  });

  test('Stop kills a running run: it ends as cancelled, on the page and on the server', async () => {
    const { page, proxyCalls } = await openRunPage();
    const form = await runWith(page, DEMO_MODELS.image, DEMO_RUN_PROMPTS.slow);
    await expect.poll(() => stage(form), WAIT).toBe('running');
    await form.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => stage(form), WAIT).toBe('cancelled');
    expect(await form.getByRole('status').textContent()).toBe('Cancelled');
    expect(env.mock.backend.getTask({ tasktoken: newestTasktoken() })?.detail.status).toBe('task_cancel');
    expect(proxyCalls()).toContain('/api/wiro/Task/Kill');
    expect(proxyCalls()).not.toContain('/api/wiro/Task/Cancel');
    // No image: a killed run has no outputs.
    expect(await form.getByRole('img').count()).toBe(0);
  });

  test('a connection dropped mid-run: the result, sent while the page was away, comes from Task/Detail', async () => {
    const { page, sockets, taskFramesReceived, timeline } = await openRunPage();
    const form = await runWith(page, DEMO_MODELS.image, DEMO_RUN_PROMPTS.drop);
    await expect.poll(() => sockets().length, WAIT).toBe(2);
    await expect.poll(() => stage(form), WAIT).toBe('succeeded');
    await expect
      .poll(() => form.getByRole('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), WAIT)
      .toBe(96);
    // The result frame never reached the page: the mock sent it while no connection followed the run.
    expect(taskFramesReceived()).toContain('task_postprocess_start');
    expect(taskFramesReceived()).not.toContain('task_postprocess_end');
    // Task/Detail was asked after the page reconnected (and once before, when the run was first followed).
    const events = timeline();
    const reconnected = events.lastIndexOf('socket');
    expect(events.slice(reconnected)).toContain('/api/wiro/Task/Detail');
    expect(events.slice(0, reconnected)).toContain('/api/wiro/Task/Detail');
    // Re-subscribed once on the new connection.
    const tasktoken = newestTasktoken();
    const infos = env.mock
      .received()
      .filter((r) => (r.frame as { tasktoken?: unknown } | null)?.tasktoken === tasktoken)
      .map((r) => r.connection);
    expect(new Set(infos).size).toBe(2);
    expect(infos).toHaveLength(2);
  });

  test('a chat reply and an LLM run stream at the same time, over exactly one WebSocket', async () => {
    const { page, sockets } = await openRunPage();
    await send(page, DEMO_PROMPTS.slow);
    const form = await runWith(page, DEMO_MODELS.llm, 'What is special here?');
    // Both in flight at once: the reply streaming and the run's text growing.
    await page.waitForFunction(
      (model) => {
        const reply = [...document.querySelectorAll('.wiro-chat-agent .wiro-message')].pop();
        const run = document.querySelector(`.demo-run-panel[data-model="${model}"] .wiro-task-progress`);
        const text = document.querySelector(`.demo-run-panel[data-model="${model}"] .wiro-md`);
        return (
          reply?.getAttribute('data-status') === 'streaming' &&
          run?.getAttribute('data-stage') === 'running' &&
          (text?.textContent ?? '').length > 0
        );
      },
      DEMO_MODELS.llm,
      WAIT,
    );
    await expect.poll(() => stage(form), WAIT).toBe('succeeded');
    // The whole answer, as the mock LLM wrote it (rendered from Markdown: compare without markup and spaces).
    const squash = (text: string): string => text.replace(/[\s*-]/g, '');
    const shown = (await form.locator('.wiro-task-answer').allTextContents()).join('');
    expect(squash(shown)).toBe(squash(llmAnswer('What is special here?')));
    await expect.poll(() => lastReply(page).getAttribute('data-status'), WAIT).toBe('done');
    expect(await answerOf(page)).toBe(SLOW_REPLY);

    // One socket, and both subscriptions on the same connection.
    expect(sockets()).toHaveLength(1);
    const subscriptions = env.mock
      .received()
      .filter((r) => {
        const type = (r.frame as { type?: unknown } | null)?.type;
        return type === 'agent_info' || type === 'task_info';
      })
      .slice(-2);
    expect(subscriptions.map((r) => (r.frame as { type: string }).type).sort()).toEqual(['agent_info', 'task_info']);
    expect(new Set(subscriptions.map((r) => r.connection)).size).toBe(1);
  });
});
