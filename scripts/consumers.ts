/**
 * `npm run consumers [-- name…]`: build and test the consumer apps of test/consumers/ against the packed
 * tarball (`npm run build && npm run pack:check` first), as users install it: not a link, not the sources.
 *
 * Each app is copied to a scratch folder OUTSIDE this repository (`$WIRO_CONSUMERS_DIR`, default
 * `<tmp>/wiro-agent-react-consumers/<name>`), so nothing resolves through this repository's node_modules
 * (a missing dependency fails there as it would for a user), then:
 *   1. `npm ci` from the app's own lockfile (its dependencies, without the kit);
 *   2. `npm install --no-save <tarball>` on top (the kit and its dependencies, as a user gets them);
 *   3. `npm run ci`: the app's type-check, build and tests (Chromium ones use /usr/bin/chromium, or
 *      `CHROMIUM_PATH`).
 * The timings of each step are printed at the end; the run fails if any app failed.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { packedTarball } from './pack';

interface Consumer {
  /** Folder name under the scratch folder. */
  name: string;
  /** Folders of test/consumers/ copied in, in order (later ones override files of earlier ones). */
  from: string[];
  /** Extra flags for installing the tarball. */
  installFlags?: string[];
  /** Files of this repository copied in after the folders (path here, path in the app, rewrite). */
  files?: { from: string; to: string; rewrite?: (text: string) => string }[];
  what: string;
}

const consumers: Consumer[] = [
  {
    name: 'node-engine',
    from: ['node-engine'],
    // npm installs peer dependencies by default; leave React out to prove `/core` needs none.
    installFlags: ['--omit=peer'],
    what: 'Node 20 + TypeScript nodenext, no React: the README Node snippets type-check, stream and exit',
  },
  {
    name: 'vite-react19',
    from: ['vite-app', 'vite-react19'],
    what: 'Vite + React 19, strict template tsconfig: tsc -b, vite build, a reply streams in Chromium',
  },
  {
    name: 'vite-react18',
    from: ['vite-app', 'vite-react18'],
    what: 'the same app on React 18.3',
  },
  {
    name: 'next-app',
    from: ['next-app'],
    what: 'Next.js 16 App Router: builds without secrets, streams through the proxy in Chromium',
  },
  {
    name: 'jest',
    from: ['jest'],
    // The README's example as this repository runs it with Vitest: the same file, with Jest's globals.
    files: [
      {
        from: 'test/dom/msw-example.test.tsx',
        to: 'msw-example.test.tsx',
        rewrite: (text) => text.replace(/ from 'vitest';/, " from '@jest/globals';"),
      },
    ],
    what: "Jest + jsdom (ESM mode): the README's msw component test",
  },
];

const root = resolve(import.meta.dirname, '..');
const scratch = process.env.WIRO_CONSUMERS_DIR ?? join(tmpdir(), 'wiro-agent-react-consumers');
const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = wanted.filter((name) => !consumers.some((c) => c.name === name));
if (unknown.length > 0) throw new Error(`unknown consumer(s): ${unknown.join(', ')}`);
const selected = wanted.length > 0 ? consumers.filter((c) => wanted.includes(c.name)) : consumers;
// `WIRO_TARBALL` tries another tarball (a published version, a patched one) in the same apps.
const tarball = process.env.WIRO_TARBALL ? resolve(process.env.WIRO_TARBALL) : packedTarball();

const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
};

interface Timing {
  name: string;
  install: number;
  tarball: number;
  ci: number;
  ok: boolean;
}
const timings: Timing[] = [];

/** Runs one step of a consumer, adding its duration (seconds) to `timing[key]`, failed or not. */
function step(timing: Timing, key: 'install' | 'tarball' | 'ci', cwd: string, command: string, args: string[]): void {
  const started = performance.now();
  try {
    execFileSync(command, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
  } finally {
    timing[key] = (performance.now() - started) / 1000;
  }
}

for (const consumer of selected) {
  console.info(`\n== consumer ${consumer.name}: ${consumer.what}`);
  const dir = join(scratch, consumer.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const from of consumer.from) {
    const source = join(root, 'test/consumers', from);
    if (!existsSync(source)) throw new Error(`missing ${source}`);
    cpSync(source, dir, {
      recursive: true,
      filter: (path) => !/[\\/](node_modules|dist|\.next)([\\/]|$)/.test(path.slice(source.length)),
    });
  }
  for (const file of consumer.files ?? []) {
    const text = readFileSync(join(root, file.from), 'utf8');
    const rewritten = file.rewrite ? file.rewrite(text) : text;
    if (rewritten === text && file.rewrite) throw new Error(`${file.from}: nothing to rewrite for ${consumer.name}`);
    writeFileSync(join(dir, file.to), rewritten);
  }
  const timing: Timing = { name: consumer.name, install: 0, tarball: 0, ci: 0, ok: false };
  timings.push(timing);
  try {
    step(timing, 'install', dir, 'npm', ['ci']);
    step(timing, 'tarball', dir, 'npm', ['install', '--no-save', ...(consumer.installFlags ?? []), tarball]);
    step(timing, 'ci', dir, 'npm', ['run', 'ci']);
    timing.ok = true;
  } catch (error) {
    console.error(`consumer ${consumer.name} failed: ${(error as Error).message}`);
  }
}

const s = (seconds: number): string => `${seconds.toFixed(1)} s`.padStart(8);
console.info('\nconsumer         npm ci   tarball  build+test   total');
for (const t of timings) {
  const total = t.install + t.tarball + t.ci;
  console.info(
    `${t.name.padEnd(14)} ${s(t.install)} ${s(t.tarball)} ${s(t.ci)}   ${s(total)}  ${t.ok ? 'ok' : 'FAILED'}`,
  );
}
if (timings.some((t) => !t.ok)) process.exitCode = 1;
