// The built app (dist/) in Chromium, served beside the kit's proxy on 127.0.0.1, against the kit's mock
// agent server, everything from the installed tarball: a message sent in <AgentChat> goes through the
// proxy to the agent, and its reply streams over the socket to exactly the scripted text.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { createAgentProxy, toNodeHandler } from 'wiro-agent-react/server';
import { startMockAgentServer } from 'wiro-agent-react/testing/node';

const WAIT = { timeout: 30_000 };
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

let agent;
let app;
let base;
let browser;
const pageErrors = [];

before(async () => {
  agent = await startMockAgentServer({
    apiKey: 'test-key',
    apiSecret: 'test-secret',
    reply: (text) => ({
      thinking: 'Reading the message.',
      text: `You said: ${text}. Here is **bold** and \`code\`.`,
      chunkChars: 4,
      intervalMs: 15,
    }),
  });
  const proxy = toNodeHandler(
    createAgentProxy({
      apiKey: 'test-key',
      apiSecret: 'test-secret',
      useragentguid: 'YOUR-AGENT-GUID',
      upstream: agent.httpUrl,
    }),
  );
  const dist = join(import.meta.dirname, '..', 'dist');
  app = createServer(async (req, res) => {
    if (req.url?.startsWith('/api/wiro/')) return proxy(req, res);
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    const file = join(dist, path === '' ? 'index.html' : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => app.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${app.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (app ? app.close(resolve) : resolve()));
  await agent?.close();
});

async function open(query) {
  const page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()));
  // Every length the latest reply's answer takes, from the first script on: proof that it streamed.
  await page.addInitScript(() => {
    const lengths = [];
    window.__lengths = lengths;
    new MutationObserver(() => {
      const replies = document.querySelectorAll('.wiro-message');
      const last = replies[replies.length - 1];
      const length = last ? [...last.querySelectorAll('.wiro-md')].map((md) => md.textContent).join('').length : 0;
      if (length > 0 && length !== lengths[lengths.length - 1]) lengths.push(length);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto(`${base}/?${new URLSearchParams({ socket: agent.url, ...query })}`);
  return page;
}

test('a message sent in <AgentChat> streams its reply through the proxy to the exact text', async () => {
  const page = await open({});
  const box = page.getByRole('textbox', { name: 'Write a message…' });
  await box.fill('Hi there');
  await box.press('Enter');

  const reply = page.locator('.wiro-chat-agent .wiro-message').last();
  await page.waitForFunction(
    () => [...document.querySelectorAll('.wiro-chat-agent .wiro-message')].at(-1)?.dataset.status === 'done',
    null,
    WAIT,
  );
  const answer = await reply.evaluate((el) =>
    [...el.querySelectorAll('.wiro-md')].map((md) => md.textContent).join(''),
  );
  assert.equal(answer, 'You said: Hi there. Here is bold and code.');
  assert.equal(await reply.locator('strong').textContent(), 'bold');
  const lengths = await page.evaluate(() => window.__lengths);
  assert.ok(lengths.length >= 3, `the answer appeared in ${lengths.length} step(s), not streamed: ${lengths}`);
  // The message went to the agent through the proxy, bound to the page's session.
  const history = agent.backend.history({ useragentguid: 'YOUR-AGENT-GUID', sessionkey: 'user-42' });
  assert.deepEqual(history.result && history.data.messages.map((m) => m.content), ['Hi there']);
  await page.close();
});

test('a reply by token streams through the composed <AgentMessage> and the hooks', async () => {
  const text = 'Composed from the parts: one socket, one reply.';
  const { agenttoken } = agent.createMessage({ text, chunkChars: 6, intervalMs: 15 });
  const page = await open({ token: agenttoken });
  const message = page.getByRole('region', { name: 'Composed' }).locator('.wiro-message');
  await page.waitForFunction(() => document.querySelector('.wiro-message')?.dataset.status === 'done', null, WAIT);
  assert.equal(await message.locator('.wiro-md').textContent(), text);
  const hooks = page.getByRole('region', { name: 'Hooks' });
  await hooks.locator('.badge', { hasText: 'agent_end' }).waitFor(WAIT);
  assert.equal(await hooks.locator('.answer').textContent(), text);
  await page.close();
});

test('no page errors', () => {
  assert.deepEqual(pageErrors, []);
});
