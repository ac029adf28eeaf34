/** Debian's Chromium through playwright-core, with the flags the project's browser tests use. */
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';

/** Where the tests find Chromium (override with `CHROMIUM_PATH`). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launch headless Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A console error or uncaught exception seen on a page. */
export interface PageProblem {
  kind: 'console' | 'pageerror';
  text: string;
  /** The page's address when it happened. */
  url: string;
  /** Where the console message came from (for "Failed to load resource", the resource), when known. */
  source?: string;
}

/**
 * Collect console errors and uncaught exceptions of `page` into the returned list, except those
 * `ignore` recognises as harmless.
 */
export function collectProblems(page: Page, ignore: (problem: PageProblem) => boolean = () => false): PageProblem[] {
  const problems: PageProblem[] = [];
  const add = (problem: PageProblem): void => {
    if (!ignore(problem)) problems.push(problem);
  };
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    add({ kind: 'console', text: message.text(), url: page.url(), source: message.location().url || undefined });
  });
  page.on('pageerror', (error) => add({ kind: 'pageerror', text: `${error.name}: ${error.message}`, url: page.url() }));
  return problems;
}
