/**
 * `npm start` in "real service" mode (WIRO_API_KEY, WIRO_API_SECRET, WIRO_AGENT_GUID set). Wiro itself is
 * out of reach here, so a mock agent that insists on the key AND a valid signature stands in for it
 * (WIRO_API_URL / WIRO_SOCKET_URL point the demo at it): the chat only works if the proxy signs every
 * call, and the page must never see the key or the secret.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { demoReply, DEMO_PROMPTS, THINK_ANSWER } from '../../demo/replies';
import { startDemo, type RunningDemo } from '../../demo/start';
import { startMockAgentServer, type MockAgentServer } from 'wiro-agent-react/testing/node';
import { collectProblems, launchChromium } from './support/browser';
import { answerOf, replyStatus, send } from './support/demo-page';

const KEY = 'live-key-0123456789abcdef';
const SECRET = 'live-secret-fedcba9876543210';
const AGENT = 'live-agent-guid';

let wiro: MockAgentServer;
let demo: RunningDemo;
let browser: Browser;

beforeAll(async () => {
  wiro = await startMockAgentServer({ reply: demoReply, apiKey: KEY, apiSecret: SECRET });
  demo = await startDemo({
    port: 0,
    logLevel: 'warn',
    env: {
      WIRO_API_KEY: KEY,
      WIRO_API_SECRET: SECRET,
      WIRO_AGENT_GUID: AGENT,
      WIRO_API_URL: wiro.httpUrl,
      WIRO_SOCKET_URL: wiro.url,
    },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await wiro?.close();
});

describe('the demo against a real service, through createAgentProxy', () => {
  test('starts no mock and gives the page only URLs and the agent GUID', () => {
    expect(demo.mode).toBe('live');
    expect(demo.mock).toBeNull();
    expect(demo.useragentguid).toBe(AGENT);
    expect(demo.socketUrl).toBe(wiro.url);
  });

  test('the chat works through the signing proxy, and neither the key nor the secret reaches the browser', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = collectProblems(page);
    const bodies: Promise<string>[] = [];
    const requests: string[] = [];
    context.on('request', (request) =>
      requests.push(JSON.stringify({ url: request.url(), headers: request.headers(), body: request.postData() })),
    );
    context.on('response', (response) => bodies.push(response.text().catch(() => '')));

    await page.goto(`${demo.url}?session=live-check`);
    await expect.poll(() => page.getByText('live Wiro agent').isVisible()).toBe(true);
    await send(page, DEMO_PROMPTS.think);
    await replyStatus(page, 'done');
    expect(await answerOf(page)).toBe(THINK_ANSWER);
    // Stored under the agent the proxy is configured with.
    const stored = wiro.backend.history({ useragentguid: AGENT, sessionkey: `${demo.sessionPrefix}live-check` });
    expect(stored.result && stored.data.messages.map((m) => m.content)).toEqual([DEMO_PROMPTS.think]);

    const seen = [...(await Promise.all(bodies)), ...requests];
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.filter((text) => text.includes(KEY) || text.includes(SECRET))).toEqual([]);
    await context.close();
    expect(problems).toEqual([]);
  });

  test('the stand-in really checks: the key without a signature is refused', async () => {
    const response = await fetch(`${wiro.httpUrl}/UserAgent/Message/Send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify({ useragentguid: AGENT, message: 'unsigned' }),
    });
    expect(response.status).toBe(401);
  });
});
