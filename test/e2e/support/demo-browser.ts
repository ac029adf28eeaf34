/**
 * The set-up every demo e2e file shares: the demo (with its mock agent) on a free port, one Chromium,
 * and fresh browser contexts that must stay free of console errors and uncaught exceptions.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { MockAgentServer } from 'wiro-agent-react/testing/node';
import { startDemo, type RunningDemo } from '../../../demo/start';
import { collectProblems, launchChromium, type PageProblem } from './browser';

/** The running demo and browser of one test file; its fields are set once its `beforeAll` has run. */
export interface DemoInBrowser {
  demo: RunningDemo;
  mock: MockAgentServer;
  browser: Browser;
  /**
   * A page in a fresh context, checked for problems (and closed) after the test. `prepare` runs on the
   * context before the page opens (init scripts, listeners).
   */
  newPage(
    viewport?: { width: number; height: number },
    prepare?: (context: BrowserContext) => Promise<void> | void,
  ): Promise<Page>;
}

/** Register the hooks of a demo e2e file; call it at the top level of the file. */
export function demoInBrowser(): DemoInBrowser {
  const open: { context: BrowserContext; problems: PageProblem[] }[] = [];
  const env = {
    async newPage(viewport, prepare) {
      const context = await env.browser.newContext(viewport ? { viewport } : {});
      await prepare?.(context);
      const page = await context.newPage();
      open.push({ context, problems: collectProblems(page) });
      return page;
    },
  } as DemoInBrowser;

  beforeAll(async () => {
    env.demo = await startDemo({ port: 0, logLevel: 'warn' });
    if (env.demo.mock === null) throw new Error('the e2e tests need the mock agent: unset WIRO_API_KEY');
    env.mock = env.demo.mock;
    env.browser = await launchChromium();
  });

  afterAll(async () => {
    // Optional chaining: a failed start leaves these unset.
    await (env.browser as Browser | undefined)?.close();
    await (env.demo as RunningDemo | undefined)?.close();
  });

  afterEach(async () => {
    // Every page of every test must stay free of console errors and uncaught exceptions.
    const problems = open.flatMap((o) => o.problems);
    for (const { context } of open.splice(0)) await context.close();
    expect(problems).toEqual([]);
  });

  return env;
}
