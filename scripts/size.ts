/**
 * `npm run size`: what the kit adds to an app's bundle, measured on the built `dist/` (what users import),
 * minified and gzipped by size-limit (esbuild, production `NODE_ENV`), and checked against the budgets.
 *
 * The checks and their absolute budgets are package.json's `size-limit` list (so `npx size-limit` reads
 * the same ones). Each leaves React and react-dom out (`ignore`), and the component checks leave out their
 * markdown stack (react-markdown + remark-gfm): those are the user's, or shared, and are printed on their
 * own lines instead. The hooks check does NOT ignore the markdown stack, so it also proves that importing
 * only the hooks brings none of it. On top of the list this script checks the relative budget
 * `AgentChat ≤ AgentMessage + 10 kB`, where AgentMessage is taken as it is used, under its
 * `AgentSocketProvider` (the socket engine): `<AgentChat>` brings its own provider, so comparing it with a
 * bare `AgentMessage` would charge the chat for the engine every AgentMessage user also ships.
 *
 * Model runs are pay-for-what-you-use: the checks in {@link AGENT_ONLY} are bundled once more with
 * esbuild's metafile, and none of them may contain a task module (the task decoder, reducer, validation,
 * run tracking, queue, recovery, `withTasks`); the `tasks:` and `+ withTasks` checks print what they add.
 *
 * `npm run size -- --root /tmp/before` measures another checkout's build with the same checks (for a
 * before/after comparison); its budgets are reported, not enforced. Exits 1 when a budget breaks.
 */
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';
import sizeLimit from 'size-limit';
import smallLib from '@size-limit/preset-small-lib';

interface Check {
  name: string;
  path: string;
  import: string;
  ignore?: string[];
  limit?: string;
}

/** The `AgentChat` check may exceed the `AgentMessage` check by at most this many bytes (10 kB). */
const CHAT_OVER_MESSAGE = 10_000;

/** Checks of apps that follow agent replies only: their bundles must hold no task module. */
const AGENT_ONLY = [
  'hooks + provider',
  'AgentMessage',
  'AgentMessage + AgentSocketProvider',
  'AgentChat',
  'core: createAgentSocket (agent replies only)',
];
/** The built task modules (see test/unit/task-graph.test.ts for the same rule on the sources). */
const TASK_MODULE =
  /dist\/(protocol\/task-decode|protocol\/decode-frame|store\/task-reduce|store\/validate-task|connection\/task-[a-z-]+|connection\/with-tasks)\.js$/;

const here = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const rootArg = args.indexOf('--root');
const root = rootArg >= 0 ? resolve(args[rootArg + 1] ?? '.') : here;
const enforce = root === here;

/** `check` bundled with esbuild's metafile (every module it kept), or `null` when it cannot be bundled. */
async function bundle(check: Check): Promise<Metafile | null> {
  try {
    const result = await build({
      stdin: {
        contents: `export ${check.import} from ${JSON.stringify(resolve(root, check.path))};`,
        resolveDir: root,
      },
      bundle: true,
      minify: true,
      treeShaking: true,
      write: false,
      metafile: true,
      format: 'esm',
      external: check.ignore ?? [],
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'silent',
    });
    return result.metafile;
  } catch {
    return null;
  }
}

// Another checkout may predate an entry (e.g. `dist/core.js`) or an export (`withTasks`): its checks are
// left out there.
const configured = (JSON.parse(readFileSync(resolve(here, 'package.json'), 'utf8')) as { 'size-limit': Check[] })[
  'size-limit'
].filter((check) => existsSync(resolve(root, check.path)));
const bundles = await Promise.all(configured.map(bundle));
const checks = configured.filter((_check, i) => enforce || bundles[i] !== null);
const metafileOf = (check: Check): Metafile | null => bundles[configured.indexOf(check)] ?? null;
const requireFromRoot = createRequire(resolve(root, 'package.json'));
const moduleOf = (name: string): string => requireFromRoot.resolve(name);

/** Weights measured on their own, not counted in the kit's figures. */
const separately: { name: string; import: Record<string, string> }[] = [
  {
    name: 'react + react-dom (yours)',
    import: { [moduleOf('react')]: '{ createElement }', [moduleOf('react-dom/client')]: '{ createRoot }' },
  },
  {
    name: 'markdown stack: react-markdown + remark-gfm',
    import: { [moduleOf('react-markdown')]: 'Markdown', [moduleOf('remark-gfm')]: 'gfm' },
  },
];

const production = (config: Record<string, unknown>): Record<string, unknown> => ({
  ...config,
  define: { 'process.env.NODE_ENV': '"production"' },
});

// The preset ships no types; it is size-limit's list of plugins (esbuild + file).
const plugins = smallLib as Parameters<typeof sizeLimit>[0];
const measured = (await sizeLimit(plugins, {
  checks: [
    ...checks.map((check) => ({
      name: check.name,
      files: [] as string[],
      import: { [resolve(root, check.path)]: check.import },
      ignore: check.ignore,
      gzip: true,
      modifyEsbuildConfig: production,
    })),
    ...separately.map((entry) => ({ ...entry, files: [] as string[], gzip: true, modifyEsbuildConfig: production })),
  ],
})) as { size?: number }[];
const sizes = measured.map((result) => result.size ?? Number.NaN);

const kB = (bytes: number): string => `${(bytes / 1000).toFixed(2)} kB`;
const limitBytes = (limit: string): number => {
  const match = /^([\d.]+)\s*kB$/i.exec(limit.trim());
  if (!match) throw new Error(`size-limit: unsupported limit "${limit}" (write it in kB)`);
  return Number(match[1]) * 1000;
};

const failures: string[] = [];
const rows: [string, string, string][] = [];
checks.forEach((check, i) => {
  const size = sizes[i] as number;
  const limit = check.limit ? limitBytes(check.limit) : undefined;
  const ok = limit === undefined || size <= limit;
  if (!ok) failures.push(`${check.name}: ${kB(size)} > ${check.limit ?? ''}`);
  const left = check.ignore?.length ? ` (without ${check.ignore.join(', ')})` : '';
  rows.push([`${check.name}${left}`, kB(size), limit === undefined ? '' : `${ok ? 'ok' : 'OVER'} ≤ ${check.limit}`]);
});

const at = (name: string): number => sizes[checks.findIndex((check) => check.name === name)] ?? Number.NaN;
const chat = at('AgentChat');
const message = at('AgentMessage + AgentSocketProvider');
const chatLimit = message + CHAT_OVER_MESSAGE;
const chatOk = chat <= chatLimit;
if (!chatOk) failures.push(`AgentChat: ${kB(chat)} > AgentMessage + AgentSocketProvider + 10 kB = ${kB(chatLimit)}`);
rows.push([
  'AgentChat − (AgentMessage + AgentSocketProvider)',
  kB(chat - message),
  `${chatOk ? 'ok' : 'OVER'} ≤ 10 kB`,
]);
separately.forEach((entry, i) =>
  rows.push([`${entry.name}, not counted above`, kB(sizes[checks.length + i] as number), '']),
);

/** The task modules in `check`'s bundle (esbuild's metafile lists every module it kept). */
function taskModulesIn(check: Check): string[] {
  const outputs = Object.values(metafileOf(check)?.outputs ?? {});
  return Object.entries(outputs[0]?.inputs ?? {})
    .filter(([file, input]) => input.bytesInOutput > 0 && TASK_MODULE.test(file))
    .map(([file]) => file);
}

for (const check of checks.filter((c) => AGENT_ONLY.includes(c.name))) {
  const found = taskModulesIn(check);
  if (found.length > 0) failures.push(`${check.name}: bundles task modules (${found.join(', ')})`);
  rows.push([`${check.name}: task modules bundled`, String(found.length), found.length === 0 ? 'ok = 0' : 'OVER = 0']);
}

const width = Math.max(...rows.map((row) => row[0].length));
console.info(`Sizes of ${root === here ? 'this build' : root} (minified + gzipped, production):`);
for (const [name, size, verdict] of rows) console.info(`  ${name.padEnd(width)}  ${size.padStart(9)}  ${verdict}`);

if (failures.length > 0) {
  console.error(`\nOver budget:\n  ${failures.join('\n  ')}`);
  if (enforce) process.exitCode = 1;
}
