/** Helpers for driving the demo chat in Chromium: sending, reading the latest reply, waiting for its state. */
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The composer's accessible name. */
export const TEXTBOX = { name: 'Write a message…' } as const;

/** How long any one state may take to arrive. Generous: the machine may be busy (two cores, other tests). */
export const WAIT = { timeout: 30_000 } as const;

/** Type a message in the (only) chat and press Enter. */
export async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', TEXTBOX);
  await box.fill(text);
  await box.press('Enter');
}

/** The latest reply's root element, with its view state in `data-status`. */
export const lastReply = (page: Page) => page.locator('.wiro-chat-agent .wiro-message').last();

/** The answer text of the latest reply (its Markdown parts; thinking excluded). */
export async function answerOf(page: Page): Promise<string> {
  return lastReply(page).evaluate((el) =>
    [...el.querySelectorAll('.wiro-md')].map((md) => md.textContent ?? '').join(''),
  );
}

/** Resolves once the latest reply shows at least `chars` characters of answer. */
export async function answerReaches(page: Page, chars: number): Promise<void> {
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

/** Waits until the latest reply's `data-status` is `status`. */
export async function replyStatus(page: Page, status: string): Promise<void> {
  await expect.poll(() => lastReply(page).getAttribute('data-status'), WAIT).toBe(status);
}

/**
 * Records, in the page, every length the latest reply's answer takes (`window.__answerLengths`), from
 * the first script on: installed before the app runs, so nothing it shows escapes it, reloads included.
 */
export async function recordAnswerLengths(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const lengths: number[] = [];
    (window as unknown as { __answerLengths: number[] }).__answerLengths = lengths;
    const measure = (): void => {
      const replies = document.querySelectorAll('.wiro-chat-agent .wiro-message');
      const last = replies[replies.length - 1];
      if (!last) return;
      const length = [...last.querySelectorAll('.wiro-md')].reduce((n, md) => n + (md.textContent ?? '').length, 0);
      if (length > 0 && length !== lengths[lengths.length - 1]) lengths.push(length);
    };
    new MutationObserver(measure).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

/** The lengths {@link recordAnswerLengths} saw so far on this page (since its last load). */
export function answerLengths(page: Page): Promise<number[]> {
  return page.evaluate(() => [...((window as unknown as { __answerLengths?: number[] }).__answerLengths ?? [])]);
}

/** Whether `values` never decreases. */
export function nonDecreasing(values: readonly number[]): boolean {
  return values.every((value, i) => i === 0 || value >= (values[i - 1] as number));
}
