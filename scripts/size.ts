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
 * `npm run size -- --root /tmp/before` measures another checkout's build with the same checks (for a
 * before/after comparison); its budgets are reported, not enforced. Exits 1 when a budget breaks.
 */
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
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

const here = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const rootArg = args.indexOf('--root');
const root = rootArg >= 0 ? resolve(args[rootArg + 1] ?? '.') : here;
const enforce = root === here;

// Another checkout may predate an entry (e.g. `dist/core.js`): its checks are left out there.
const checks = (JSON.parse(readFileSync(resolve(here, 'package.json'), 'utf8')) as { 'size-limit': Check[] })[
  'size-limit'
].filter((check) => existsSync(resolve(root, check.path)));
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

const width = Math.max(...rows.map((row) => row[0].length));
console.info(`Sizes of ${root === here ? 'this build' : root} (minified + gzipped, production):`);
for (const [name, size, verdict] of rows) console.info(`  ${name.padEnd(width)}  ${size.padStart(9)}  ${verdict}`);

if (failures.length > 0) {
  console.error(`\nOver budget:\n  ${failures.join('\n  ')}`);
  if (enforce) process.exitCode = 1;
}
