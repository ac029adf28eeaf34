/**
 * A long conversation in the `npm start` demo, in Chromium: `?turns=5000` has the mock agent store
 * 5,000 finished turns (mixed Markdown) and opens them all. The list is virtualised: only the turns in
 * view are in the DOM, yet the user scrolls to the first turn and back with the keyboard, "Jump to
 * latest" shows when scrolled up and brings the view back, and a message sent meanwhile streams its
 * reply to the exact text, announced by its live region even while the user reads the first turns.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { DEMO_PROMPTS, PLAIN_REPLY } from '../../demo/replies';
import { demoInBrowser } from './support/demo-browser';
import { answerOf, answerReaches, lastReply, send, WAIT } from './support/demo-page';

const TURNS = 5000;

const env = demoInBrowser();

async function openLongThread(): Promise<Page> {
  const page = await env.newPage({ width: 1100, height: 800 });
  const session = `long-${Math.random().toString(36).slice(2, 8)}`;
  await page.goto(`${env.demo.url}?turns=${TURNS}&session=${session}`);
  return page;
}

const scroller = (page: Page) => page.getByTestId('wiro-chat-scroll');
const jump = (page: Page) => page.getByRole('button', { name: 'Jump to latest' });

/** Whether the turn asking "Turn n: …" is inside the list's view. */
function turnInView(page: Page, n: number): Promise<boolean> {
  return page.evaluate((turn) => {
    const list = document.querySelector('[data-testid="wiro-chat-scroll"]');
    if (!list) return false;
    const view = list.getBoundingClientRect();
    return [...document.querySelectorAll('.wiro-chat-bubble')].some((bubble) => {
      if (!(bubble.textContent ?? '').startsWith(`Turn ${turn}:`)) return false;
      const box = bubble.getBoundingClientRect();
      return box.bottom > view.top && box.top < view.bottom;
    });
  }, n);
}

/** Where the turn asking "Turn n: …" starts, in px below the top of the list's view. */
function turnTop(page: Page, n: number): Promise<number> {
  return page.evaluate((turn) => {
    const list = document.querySelector('[data-testid="wiro-chat-scroll"]') as HTMLElement;
    const bubble = [...document.querySelectorAll('.wiro-chat-bubble')].find((b) =>
      (b.textContent ?? '').startsWith(`Turn ${turn}:`),
    );
    if (!bubble) throw new Error(`turn ${turn} is not mounted`);
    return bubble.getBoundingClientRect().top - list.getBoundingClientRect().top;
  }, n);
}

/** Whether the list is scrolled to its end. */
function atEnd(page: Page): Promise<boolean> {
  return scroller(page).evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 2);
}

const mountedTurns = (page: Page) => page.locator('.wiro-chat-turn').count();

describe('a 5,000-turn conversation in the demo', () => {
  test('scrolls to the first turn and back, streams a reply exactly, and jumps to the latest', async () => {
    const page = await openLongThread();
    await expect.poll(() => turnInView(page, TURNS), WAIT).toBe(true);
    expect(await page.getByRole('heading', { name: `Agent · ${TURNS.toLocaleString('en')} turns` }).count()).toBe(1);
    // Virtualised: a window of turns is mounted, not 5,000.
    expect(await mountedTurns(page)).toBeLessThan(40);
    expect(await jump(page).count()).toBe(0);

    // To the first turn and back, with the keyboard.
    await scroller(page).focus();
    await page.keyboard.press('Home');
    await expect.poll(() => turnInView(page, 1), WAIT).toBe(true);
    await expect.poll(() => jump(page).isVisible(), WAIT).toBe(true);
    expect(await mountedTurns(page)).toBeLessThan(40);
    await page.keyboard.press('End');
    await expect.poll(() => turnInView(page, TURNS), WAIT).toBe(true);
    await expect.poll(() => jump(page).count(), WAIT).toBe(0);

    // A message: its reply streams in at the end.
    await send(page, DEMO_PROMPTS.plain);
    await answerReaches(page, 200);
    expect(await lastReply(page).getAttribute('data-status')).toBe('streaming');
    // The view follows the reply as it grows.
    await expect.poll(() => atEnd(page), WAIT).toBe(true);

    // The user goes back to the start while it streams: the reply stays mounted, in a live region
    // that is busy until it ends, so screen readers still announce it.
    await scroller(page).focus();
    await page.keyboard.press('Home');
    await expect.poll(() => turnInView(page, 1), WAIT).toBe(true);
    await expect.poll(() => jump(page).isVisible(), WAIT).toBe(true);
    const reply = page
      .locator('.wiro-chat-turn', { has: page.locator('.wiro-chat-bubble', { hasText: DEMO_PROMPTS.plain }) })
      .locator('.wiro-message');
    const region = reply.locator('[aria-live="polite"]');
    expect(await reply.getAttribute('data-status')).toBe('streaming');
    expect(await region.getAttribute('aria-busy')).toBe('true');
    expect(await turnInView(page, 1)).toBe(true);

    // It ends out of view and is still there to be announced: all of it, no longer busy.
    await expect.poll(() => reply.getAttribute('data-status'), WAIT).toBe('done');
    expect(await region.getAttribute('aria-busy')).toBe('false');
    expect(
      await reply.evaluate((el) => [...el.querySelectorAll('.wiro-md')].map((md) => md.textContent).join('')),
    ).toBe(PLAIN_REPLY);
    // Still reading the first turn: the view did not follow the reply.
    expect(await turnInView(page, 1)).toBe(true);

    await jump(page).click();
    await expect.poll(() => jump(page).count(), WAIT).toBe(0);
    expect(await answerOf(page)).toBe(PLAIN_REPLY);
    await expect.poll(() => atEnd(page), WAIT).toBe(true);
    await expect.poll(() => page.getByText(PLAIN_REPLY.slice(-40)).isVisible(), WAIT).toBe(true);
  });

  test('"Load older" keeps the turn being read in place', async () => {
    const page = await openLongThread();
    await expect.poll(() => turnInView(page, TURNS), WAIT).toBe(true);
    // Another conversation of 300 turns, opened the usual way: 20 at a time.
    const session = `older-${Math.random().toString(36).slice(2, 8)}`;
    const stored = await page.evaluate(async (sessionkey) => {
      const response = await fetch('/__demo/seed', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sessionkey, turns: 300 }),
      });
      return ((await response.json()) as { turns: number }).turns;
    }, session);
    expect(stored).toBe(300);
    await page.goto(`${env.demo.url}?session=${session}`);
    await expect.poll(() => turnInView(page, 300), WAIT).toBe(true);
    expect(await page.locator('.wiro-chat-turn').count()).toBeLessThanOrEqual(20);

    await scroller(page).focus();
    await page.keyboard.press('Home');
    await expect.poll(() => turnInView(page, 281), WAIT).toBe(true);
    const before = await turnTop(page, 281);
    await page.getByRole('button', { name: 'Load older messages' }).click();
    await expect.poll(() => page.locator('.wiro-chat-bubble', { hasText: /^Turn 280:/ }).count(), WAIT).toBe(1);
    // The older page went in above: turn 281 did not move.
    expect(Math.abs((await turnTop(page, 281)) - before)).toBeLessThanOrEqual(1);
    expect(await turnInView(page, 261)).toBe(false);
  });
});
