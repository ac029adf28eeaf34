/**
 * Rich markdown in real Chromium: highlighted code whose colours follow the kit's theme through CSS
 * alone (no re-render, no flash on a theme switch), light/dark Shiki themes, KaTeX laid out, a
 * right-to-left page mirrored by the kit's logical properties, and a server-rendered reply that
 * hydrates without a mismatch and highlights afterwards.
 */
import { build, type Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageAliases } from '../support/package-aliases';
import { collectProblems, launchChromium } from './support/browser';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const KATEX = join(ROOT, 'node_modules/katex/dist/');
const WAIT = { timeout: 20_000, interval: 50 };

const aliases: Plugin = {
  name: 'aliases',
  setup(b) {
    for (const alias of packageAliases) b.onResolve({ filter: alias.find }, () => ({ path: alias.replacement }));
  },
};

let browser: Browser;
let server: Server;
let base = '';
let ssrHtml = '';
let tmp = '';

beforeAll(async () => {
  // The browser bundle, split as an app's bundler would (Shiki and each grammar in chunks of their own).
  const page = await build({
    entryPoints: { page: fileURLToPath(new URL('./markdown/page.tsx', import.meta.url)) },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir: '/e2e',
    write: false,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'error',
    plugins: [aliases],
  });
  const scripts = new Map(page.outputFiles.map((file) => [file.path.replace(/^\/e2e/, ''), file.text]));
  // The server render, bundled for Node.
  tmp = await mkdtemp(join(tmpdir(), 'wiro-md-e2e-'));
  const ssr = await build({
    entryPoints: [fileURLToPath(new URL('./markdown/ssr.tsx', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    jsx: 'automatic',
    packages: 'external',
    logLevel: 'error',
    plugins: [aliases],
  });
  const ssrFile = join(tmp, 'ssr.mjs');
  await writeFile(ssrFile, ssr.outputFiles[0]?.text ?? '');
  // Resolve the bundle's packages from the repository.
  const { renderCase } = (await import(pathToFileURL(ssrFile).href)) as { renderCase: (name: string) => string };
  ssrHtml = renderCase('ssr');

  const kitCss = await readFile(join(ROOT, 'src/components/styles.css'), 'utf8');
  server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const script = scripts.get(url.pathname);
      if (script !== undefined) return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      if (url.pathname === '/kit.css') return void res.writeHead(200, { 'content-type': 'text/css' }).end(kitCss);
      if (url.pathname.startsWith('/katex/')) {
        const file = normalize(join(KATEX, url.pathname.slice('/katex/'.length)));
        if (!file.startsWith(KATEX.replace(/\/$/, sep))) return void res.writeHead(403).end();
        const type = extname(file) === '.css' ? 'text/css' : 'font/woff2';
        return void res.writeHead(200, { 'content-type': type }).end(await readFile(file).catch(() => ''));
      }
      const dir = url.searchParams.get('dir') === 'rtl' ? ' dir="rtl" lang="ar"' : '';
      const body = url.searchParams.get('case') === 'ssr' ? ssrHtml : '';
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          `<!doctype html><html${dir}><head><meta charset="utf-8"><link rel="stylesheet" href="/katex/katex.min.css">` +
            `<link rel="stylesheet" href="/kit.css"></head><body><div id="root">${body}</div>` +
            '<script type="module" src="/page.js"></script></body></html>',
        );
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function open(query: string): Promise<{ page: Page; problems: ReturnType<typeof collectProblems> }> {
  const page = await browser.newPage();
  const problems = collectProblems(page);
  await page.goto(`${base}?${query}`);
  return { page, problems };
}

/** The computed colour of the first token whose text is `text`. */
function tokenColour(page: Page, text: string): Promise<string> {
  return page.evaluate((wanted) => {
    const token = [...document.querySelectorAll('.wiro-hl-line > span')].find((span) => span.textContent === wanted);
    return token ? getComputedStyle(token).color : 'missing';
  }, text);
}

describe('markdown plugins in Chromium', () => {
  it('colours code by the kit theme, and a theme switch repaints it through CSS alone', async () => {
    const { page, problems } = await open('case=code');
    await page.waitForSelector('pre[data-highlighted]', { timeout: WAIT.timeout });
    const light = await tokenColour(page, 'const');
    // Count DOM changes inside the code block while the theme switches: CSS only, nothing re-rendered.
    await page.evaluate(() => {
      const w = window as unknown as { mutations: number };
      w.mutations = 0;
      new MutationObserver((records) => (w.mutations += records.length)).observe(
        document.querySelector('pre.wiro-hl') as Node,
        { subtree: true, childList: true, characterData: true, attributes: true },
      );
      document.documentElement.dataset.theme = 'dark';
    });
    const dark = await tokenColour(page, 'const');
    expect(light).toBe('rgb(207, 34, 46)'); // --wiro-code-token-keyword, light
    expect(dark).toBe('rgb(255, 123, 114)'); // and dark
    expect(await page.evaluate(() => (window as unknown as { mutations: number }).mutations)).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('switches between the light and the dark Shiki theme, nested themes included', async () => {
    const { page, problems } = await open('case=dual');
    await page.waitForSelector('pre[data-highlighted]', { timeout: WAIT.timeout });
    const light = await tokenColour(page, 'const');
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    const dark = await tokenColour(page, 'const');
    expect(light).toBe('rgb(215, 58, 73)'); // github-light's keyword colour
    expect(dark).toBe('rgb(249, 117, 131)'); // github-dark's
    // A light container inside the dark page is light again.
    await page.evaluate(() => document.getElementById('root')?.setAttribute('data-theme', 'light'));
    expect(await tokenColour(page, 'const')).toBe(light);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lays out KaTeX display and inline math with its stylesheet', async () => {
    const { page, problems } = await open('case=rich');
    await page.waitForSelector('.katex-display');
    const layout = await page.evaluate(() => {
      const display = document.querySelector('.katex-display') as HTMLElement;
      const inline = document.querySelector('.wiro-math[data-display="inline"]') as HTMLElement;
      return {
        display: getComputedStyle(display).display,
        // KaTeX's CSS hides the MathML copy (kept for screen readers).
        mathml: getComputedStyle(document.querySelector('.katex-mathml') as HTMLElement).position,
        inlineHeight: inline.getBoundingClientRect().height,
      };
    });
    expect(layout.display).toBe('block');
    expect(layout.mathml).toBe('absolute');
    expect(layout.inlineHeight).toBeGreaterThan(10);
    await page.waitForSelector('pre[data-highlighted]', { timeout: WAIT.timeout });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('mirrors a right-to-left page: bubbles at the inline end, list indents and quote borders on the right, code left to right', async () => {
    const { page, problems } = await open('case=rtl&dir=rtl');
    await page.waitForSelector('.wiro-message');
    const layout = await page.evaluate(() => {
      const rect = (selector: string) => (document.querySelector(selector) as HTMLElement).getBoundingClientRect();
      const style = (selector: string) => getComputedStyle(document.querySelector(selector) as HTMLElement);
      return {
        content: rect('.wiro-chat-content'),
        bubble: rect('.wiro-chat-bubble'),
        paragraph: style('.wiro-md > p').direction,
        listPaddingRight: style('.wiro-md ul').paddingRight,
        listPaddingLeft: style('.wiro-md ul').paddingLeft,
        quoteBorderRight: style('.wiro-md blockquote').borderRightWidth,
        quoteBorderLeft: style('.wiro-md blockquote').borderLeftWidth,
        code: style('.wiro-code pre').direction,
        copyButtonLeft: rect('.wiro-code .wiro-copy').left,
        codeLeft: rect('.wiro-code').left,
        codeRight: rect('.wiro-code').right,
      };
    });
    // The user's bubble sits at the inline end: the left in a right-to-left page.
    expect(layout.bubble.left - layout.content.left).toBeLessThan(40);
    expect(layout.content.right - layout.bubble.right).toBeGreaterThan(100);
    expect(layout.paragraph).toBe('rtl');
    expect(layout.listPaddingRight).not.toBe('0px');
    expect(layout.listPaddingLeft).toBe('0px');
    expect(layout.quoteBorderRight).toBe('3px');
    expect(layout.quoteBorderLeft).toBe('0px');
    // Code reads left to right, with its header as in a left-to-right page (copy button on the right).
    expect(layout.code).toBe('ltr');
    expect(layout.copyButtonLeft - layout.codeLeft).toBeGreaterThan((layout.codeRight - layout.codeLeft) / 2);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('hydrates a server-rendered reply without a mismatch, then highlights it', async () => {
    expect(ssrHtml).toContain('class="katex');
    expect(ssrHtml).toContain('def area(r: float)');
    expect(ssrHtml).not.toContain('data-highlighted');
    const { page, problems } = await open('case=ssr');
    await page.waitForSelector('pre[data-highlighted]', { timeout: WAIT.timeout });
    expect(await page.evaluate(() => window.__wiro?.recoverable ?? ['no page state'])).toEqual([]);
    expect(problems).toEqual([]);
    expect(await page.evaluate(() => document.querySelector('pre.wiro-hl')?.textContent)).toBe(
      'def area(r: float) -> float:\n    return 3.14159 * r ** 2  # circle\n',
    );
    await page.close();
  });
});
