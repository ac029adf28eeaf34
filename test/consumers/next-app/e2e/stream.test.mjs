// The built app (`next start`, built with the secrets unset) in Chromium against the kit's mock agent
// server: the page's server component ran `splitThinking`, and a message sent in <AgentChat> goes
// through the README's route handler (the proxy, signing with the key it now has) and streams back.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { startMockAgentServer } from 'wiro-agent-react/testing/node';

const WAIT = { timeout: 60_000 };
const AGENT = 'YOUR-AGENT-GUID'; // the guid app/Chat.tsx names

let agent;
let next;
let base;
let browser;
let nextOutput = '';

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url, child) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited ${child.exitCode}:\n${nextOutput}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`next start did not answer within 60 s:\n${nextOutput}`);
}

before(async () => {
  agent = await startMockAgentServer({
    apiKey: 'test-key',
    apiSecret: 'test-secret',
    reply: (text) => ({
      thinking: 'Reading the message.',
      text: `You said: ${text}. Served by **Next.js**.`,
      chunkChars: 4,
      intervalMs: 15,
    }),
  });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  next = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: {
      ...process.env,
      WIRO_API_KEY: 'test-key',
      WIRO_API_SECRET: 'test-secret',
      WIRO_AGENT_GUID: AGENT,
      WIRO_API_URL: agent.httpUrl,
      WIRO_SOCKET_URL: agent.url,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  next.stdout.on('data', (chunk) => (nextOutput += chunk));
  next.stderr.on('data', (chunk) => (nextOutput += chunk));
  await waitUntilUp(base, next);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});

after(async () => {
  await browser?.close();
  if (next && next.exitCode === null) {
    const exited = new Promise((resolve) => next.once('exit', resolve));
    next.kill('SIGTERM');
    await exited;
  }
  await agent?.close();
});

test('the page renders, with splitThinking run in its server component', async () => {
  const html = await (await fetch(base)).text();
  assert.match(html, /data-thinking="Greet the visitor."[^>]*>Ask me anything.<\/p>/);
});

test('a message sent in <AgentChat> streams its reply through the route handler to the exact text', async () => {
  const context = await browser.newContext();
  await context.addCookies([{ name: 'user', value: '42', url: base }]);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.addInitScript(() => {
    const lengths = [];
    window.__lengths = lengths;
    new MutationObserver(() => {
      const last = [...document.querySelectorAll('.wiro-chat-agent .wiro-message')].at(-1);
      const length = last ? [...last.querySelectorAll('.wiro-md')].map((md) => md.textContent).join('').length : 0;
      if (length > 0 && length !== lengths[lengths.length - 1]) lengths.push(length);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto(base);

  const box = page.getByRole('textbox', { name: 'Write a message…' });
  await box.fill('Hi there');
  await box.press('Enter');
  await page.waitForFunction(
    () => [...document.querySelectorAll('.wiro-chat-agent .wiro-message')].at(-1)?.dataset.status === 'done',
    null,
    WAIT,
  );
  const reply = page.locator('.wiro-chat-agent .wiro-message').last();
  const answer = await reply.evaluate((el) =>
    [...el.querySelectorAll('.wiro-md')].map((md) => md.textContent).join(''),
  );
  assert.equal(answer, 'You said: Hi there. Served by Next.js.');
  const lengths = await page.evaluate(() => window.__lengths);
  assert.ok(lengths.length >= 3, `the answer appeared in ${lengths.length} step(s), not streamed: ${lengths}`);
  // authorize bound the call to the cookie's user, whatever session the page named.
  const history = agent.backend.history({ useragentguid: AGENT, sessionkey: 'user-42' });
  assert.deepEqual(history.result && history.data.messages.map((m) => m.content), ['Hi there']);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the route refuses a visitor the app's authorize does not know", async () => {
  const response = await fetch(`${base}/api/wiro/UserAgent/Message/History`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ useragentguid: AGENT, sessionkey: 'user-42' }),
  });
  assert.equal(response.status, 403);
});
