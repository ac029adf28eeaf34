/**
 * Conversations in the `npm start` demo, in Chromium: the sessions sidebar, regenerate with versions,
 * editing the last message, rating a reply, dropping an image, deleting a conversation. Everything
 * goes through the demo's `createAgentProxy`, whose `authorize` binds the demo user to the
 * `sessionPrefix` "demo-user:" (so Sessions lists only their conversations, and a key outside it is
 * refused), to the mock agent server. Every wait is for a state of the page or of the mock server.
 */
import type { ConsoleMessage, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { gradientPng } from 'wiro-agent-react/testing';
import { DEMO_PROMPTS, SLOW_REPLY } from '../../demo/replies';
import { demoInBrowser } from './support/demo-browser';
import { answerOf, answerReaches, lastReply, replyStatus, send, TEXTBOX, WAIT } from './support/demo-page';

const env = demoInBrowser();

interface Opened {
  page: Page;
  /** Console lines the page logged with `console.info` (the demo logs each rating there). */
  infos: string[];
  /** REST calls the page made, by endpoint and session key. */
  calls: { endpoint: string; sessionkey: string | undefined }[];
}

/** A fresh browser context on the demo's one-chat page (with the sidebar). */
async function openDemo(query = ''): Promise<Opened> {
  const page = await env.newPage({ width: 1200, height: 820 });
  const infos: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'info') infos.push(message.text());
  });
  const calls: Opened['calls'] = [];
  page.on('request', (request) => {
    const match = /\/UserAgent\/Message\/(\w+)$/.exec(request.url());
    if (!match || request.method() !== 'POST') return;
    let sessionkey: string | undefined;
    try {
      sessionkey = (JSON.parse(request.postData() ?? '{}') as { sessionkey?: string }).sessionkey;
    } catch {
      sessionkey = undefined; // multipart: not needed here
    }
    calls.push({ endpoint: match[1] as string, sessionkey });
  });
  await page.goto(`${env.demo.url}${query}`);
  await page.getByRole('textbox', TEXTBOX).waitFor(WAIT);
  return { page, infos, calls };
}

/** A conversation name no other test uses. */
const unique = (name: string): string => `${name}-${Math.random().toString(36).slice(2, 8)}`;

/** The demo user's key of the conversation the page shows (from its address, which the demo keeps). */
async function shownSession(page: Page): Promise<string> {
  await expect.poll(() => new URL(page.url()).searchParams.get('session'), WAIT).not.toBeNull();
  return env.demo.sessionPrefix + (new URL(page.url()).searchParams.get('session') ?? '');
}

/** What the mock agent stored for a session, newest first. */
function stored(sessionkey: string) {
  const history = env.mock.backend.history({ useragentguid: env.demo.useragentguid, sessionkey });
  return history.result ? history.data.messages : [];
}

const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Conversations' });
/** The sidebar's entry of a conversation, by its title (its last message). */
const entry = (page: Page, title: string) => sidebar(page).getByRole('button', { name: new RegExp(`^${title} `) });
const turns = (page: Page) => page.locator('.wiro-chat-turn');
const bubbles = (page: Page) => page.locator('.wiro-chat-bubble').allTextContents();
const version = (page: Page) => lastReply(page).locator('xpath=ancestor::article').locator('.wiro-chat-version');

describe('conversations in the demo', () => {
  test('a reply streaming in one conversation goes on while another is shown, and is there, exact, on return', async () => {
    const { page, calls } = await openDemo();
    // No ?session: the chat opened a new conversation, listed as the current "New chat".
    await expect.poll(() => entry(page, 'New chat').getAttribute('aria-current'), WAIT).toBe('true');
    const first = await shownSession(page);
    await send(page, DEMO_PROMPTS.slow);
    await answerReaches(page, 20);
    // The first message moved the conversation to the top, titled by it.
    await expect.poll(() => entry(page, DEMO_PROMPTS.slow).getAttribute('aria-current'), WAIT).toBe('true');
    const subscribes = (): number =>
      env.mock.received().filter((r) => (r.frame as { type?: unknown } | null)?.type === 'agent_info').length;
    const subscribesBefore = subscribes();

    await sidebar(page).getByRole('button', { name: 'New chat' }).click();
    await expect.poll(() => page.getByText('How can I help?').isVisible(), WAIT).toBe(true);
    const second = await shownSession(page);
    expect(second).not.toBe(first);
    expect(stored(first)[0]?.status).toBe('agent_output'); // still being written
    const question = unique('Second conversation');
    await send(page, question);
    await replyStatus(page, 'done');
    expect(await answerOf(page)).toContain(question);

    // The first reply ends on the server while its conversation is not shown.
    await expect.poll(() => stored(first)[0]?.status, { timeout: 60_000 }).toBe('agent_end');
    const historyCalls = calls.filter((c) => c.endpoint === 'History' && c.sessionkey === first).length;
    await entry(page, DEMO_PROMPTS.slow).click();
    await replyStatus(page, 'done');
    expect(await answerOf(page)).toBe(SLOW_REPLY);
    expect(await turns(page).count()).toBe(1);
    // It was followed all along: one subscription (the second conversation's), no reload of its history.
    expect(subscribes() - subscribesBefore).toBe(1);
    expect(calls.filter((c) => c.endpoint === 'History' && c.sessionkey === first).length).toBe(historyCalls);
    expect(new URL(page.url()).searchParams.get('session')).toBe(first.slice(env.demo.sessionPrefix.length));
  });

  test('regenerate makes a second version; the switcher shows either; editing the last message replaces it', async () => {
    const name = unique('versions');
    const { page } = await openDemo(`?session=${name}`);
    const sessionkey = env.demo.sessionPrefix + name;
    const question = unique('Tell me about versions');
    await send(page, question);
    await replyStatus(page, 'done');
    const firstAnswer = await answerOf(page);
    expect(firstAnswer).not.toContain('regenerated');

    await lastReply(page).locator('xpath=ancestor::article').getByRole('button', { name: 'Regenerate' }).click();
    await replyStatus(page, 'done');
    expect(await answerOf(page)).toContain('This is answer 2 to the same message: regenerated.');
    expect(await version(page).innerText()).toContain('2 / 2');
    expect(await turns(page).count()).toBe(1);

    await page.getByRole('button', { name: 'Previous version' }).click();
    await expect.poll(() => version(page).innerText()).toContain('1 / 2');
    expect(await answerOf(page)).toBe(firstAnswer);
    // Focus stays on the switcher: the row is updated in place.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Previous version');
    await page.getByRole('button', { name: 'Next version' }).click();
    await expect.poll(() => version(page).innerText()).toContain('2 / 2');

    // Up in the empty composer opens the last message for editing; Enter sends the change.
    await page.getByRole('textbox', TEXTBOX).focus();
    await page.keyboard.press('ArrowUp');
    const editor = page.getByRole('textbox', { name: 'Edit your message' });
    await expect.poll(() => editor.evaluate((el) => el === document.activeElement), WAIT).toBe(true);
    const edited = unique('An edited question');
    await editor.fill(edited);
    await editor.press('Enter');
    await replyStatus(page, 'done');
    expect(await bubbles(page)).toEqual([edited]);
    expect(await answerOf(page)).toContain(edited);
    expect(await version(page).innerText()).toContain('3 / 3');
    // Wiro's history is linear: all three messages are stored, newest first.
    expect(stored(sessionkey).map((m) => m.content)).toEqual([edited, question, question]);

    // After a reload, history shows what Wiro stored: every version as a turn of its own.
    await page.reload();
    await expect.poll(() => turns(page).count(), WAIT).toBe(3);
    expect(await bubbles(page)).toEqual([question, question, edited]);
  });

  test('rating a reply: the choice shows, reaches onFeedback with the comment, and is still there after a reload', async () => {
    const name = unique('feedback');
    const { page, infos } = await openDemo(`?session=${name}`);
    await send(page, unique('Rate me'));
    await replyStatus(page, 'done');
    const messageguid = stored(env.demo.sessionPrefix + name)[0]?.guid ?? '';
    const good = page.getByRole('button', { name: 'Good reply' });
    await good.click();
    await expect.poll(() => good.getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('button', { name: 'Bad reply' }).getAttribute('aria-pressed')).toBe('false');
    const comment = page.getByRole('textbox', { name: 'Tell us more (optional)' });
    await comment.fill('Clear and short');
    await comment.press('Enter');
    await expect
      .poll(() => infos.filter((line) => line.startsWith('feedback')), WAIT)
      .toEqual([`feedback ${messageguid} up `, `feedback ${messageguid} up Clear and short`]);

    await page.reload();
    await replyStatus(page, 'done');
    await expect
      .poll(() => page.getByRole('button', { name: 'Good reply' }).getAttribute('aria-pressed'), WAIT)
      .toBe('true');
  });

  test('an image dropped on the thread shows as a thumbnail, is sent, and shows inline in history after a reload', async () => {
    const name = unique('drop');
    const { page } = await openDemo(`?session=${name}`);
    const png = Array.from(gradientPng(64, 48));
    const thread = page.locator('.wiro-chat-thread');
    // A real drag from the desktop cannot be scripted: the same events, with the file, are dispatched.
    const dataTransfer = await page.evaluateHandle((bytes) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], 'gradient.png', { type: 'image/png' }));
      return transfer;
    }, png);
    await thread.dispatchEvent('dragenter', { dataTransfer });
    await thread.dispatchEvent('dragover', { dataTransfer });
    expect(await thread.getAttribute('data-drag-over')).toBe('true');
    await expect.poll(() => page.getByText('Drop files to attach them').isVisible()).toBe(true);
    await thread.dispatchEvent('drop', { dataTransfer });
    expect(await thread.getAttribute('data-drag-over')).toBeNull();

    const thumbnail = page.locator('.wiro-attachments img');
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth), WAIT).toBe(64);
    expect(await thumbnail.getAttribute('src')).toMatch(/^blob:/);
    await send(page, 'What is in this picture?');
    await replyStatus(page, 'done');
    expect(await page.locator('.wiro-attachments').count()).toBe(0);
    const files = stored(env.demo.sessionPrefix + name)[0]?.attachments ?? [];
    expect(files.map((f) => [f.name, f.type, f.size])).toEqual([['gradient.png', 'image/png', png.length]]);

    await page.reload();
    const sent = page.locator('.wiro-chat-user img');
    await expect.poll(() => sent.evaluate((img: HTMLImageElement) => img.naturalWidth), WAIT).toBe(64);
    expect(await sent.getAttribute('src')).toBe(files[0]?.url);
    expect(await sent.getAttribute('alt')).toBe('Attached image: gradient.png');
  });

  test('a file of a refused type or size is named in an inline error, and never sent', async () => {
    const { page } = await openDemo(`?session=${unique('refused')}`);
    const input = page.getByTestId('wiro-chat-file-input');
    await input.setInputFiles({ name: 'tool.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent(), WAIT).toContain('“tool.exe” can’t be attached');
    expect(await page.locator('.wiro-attachments').count()).toBe(0);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    expect(await alert.count()).toBe(0);
  });

  test('deleting a conversation asks first, removes it from the list and from Wiro, and shows another', async () => {
    const name = unique('delete-me');
    const { page } = await openDemo(`?session=${name}`);
    const title = unique('Forget this conversation');
    await send(page, title);
    await replyStatus(page, 'done');
    expect(stored(env.demo.sessionPrefix + name)).toHaveLength(1);

    await sidebar(page)
      .getByRole('button', { name: `Delete “${title}”` })
      .click();
    const question = sidebar(page).getByRole('group', { name: new RegExp(`^Delete “${title}”\\?`) });
    await question.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => entry(page, title).count(), WAIT).toBe(0);
    await expect.poll(() => stored(env.demo.sessionPrefix + name).length, WAIT).toBe(0);
    // The chat moved to another of the user's conversations.
    await expect.poll(() => new URL(page.url()).searchParams.get('session'), WAIT).not.toBe(name);
    expect(await page.locator('.wiro-chat-bubble', { hasText: title }).count()).toBe(0);
    // Screen readers hear that it went.
    expect(await sidebar(page).getByRole('status').textContent()).toBe(`“${title}” deleted.`);
  });

  test('the proxy holds every call to the demo user’s namespace', async () => {
    const call = (endpoint: string, body: object) =>
      fetch(`${env.demo.apiBaseUrl}/UserAgent/Message/${endpoint}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const outside = await call('Send', { message: 'hi', sessionkey: 'someone-else:abc' });
    expect(outside.status).toBe(403);
    expect(((await outside.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe('session_not_allowed');
    expect((await call('History', { sessionkey: 'someone-else:abc' })).status).toBe(403);
    const listed = (await (await call('Sessions', {})).json()) as { data?: { sessions?: { sessionkey: string }[] } };
    const keys = listed.data?.sessions?.map((s) => s.sessionkey) ?? [];
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((key) => key.startsWith(env.demo.sessionPrefix))).toBe(true);
  });
});
