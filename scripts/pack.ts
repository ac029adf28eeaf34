/**
 * `npm run pack:check`: pack the built library as the registry would get it (`npm pack` into `.pack/`,
 * git-ignored), then lint the tarball: `publint --strict` (package.json and exports against the files)
 * and `attw --profile esm-only` (the types resolve under bundler and node16/nodenext, for every entry).
 * Also checks the tarball holds what the registry page and users need, and nothing of the repository
 * besides. Run `npm run build` first; the consumer apps (`npm run consumers`) install this tarball.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const packDir = join(root, '.pack');

/** The packed tarball's path, when `npm run pack:check` has run (for scripts/consumers.ts). */
export function packedTarball(): string {
  const tarballs = readdirSync(packDir).filter((name) => name.endsWith('.tgz'));
  if (tarballs.length !== 1) throw new Error(`expected one tarball in ${packDir}; run npm run pack:check`);
  return join(packDir, tarballs[0] as string);
}

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

/** Runs a checker with its own output shown; a non-zero exit throws (and fails CI). */
function check(command: string, args: string[]): void {
  execFileSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
}

function pack(): { tarball: string; files: string[]; size: number; unpackedSize: number } {
  rmSync(packDir, { recursive: true, force: true });
  mkdirSync(packDir);
  const [info] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', packDir])) as {
    filename: string;
    size: number;
    unpackedSize: number;
    files: { path: string }[];
  }[];
  if (!info) throw new Error('npm pack printed nothing');
  return {
    tarball: join(packDir, info.filename),
    files: info.files.map((file) => file.path),
    size: info.size,
    unpackedSize: info.unpackedSize,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const packed = pack();
  console.info(
    `packed ${packed.tarball}: ${packed.files.length} files, ${(packed.size / 1000).toFixed(0)} kB ` +
      `(${(packed.unpackedSize / 1000).toFixed(0)} kB unpacked)`,
  );

  // What a user or the registry page needs, and a guard against shipping the repository's other folders.
  const required = ['package.json', 'README.md', 'LICENSE', 'docs/screenshot.png', 'dist/index.js', 'dist/styles.css'];
  const missing = required.filter((path) => !packed.files.includes(path));
  const stray = packed.files.filter((path) => !/^(dist|src)\/|^(package\.json|README\.md|LICENSE|docs\/)/.test(path));
  if (missing.length > 0 || stray.length > 0) {
    throw new Error(`tarball contents: missing ${missing.join(', ') || 'nothing'}; unexpected ${stray.join(', ')}`);
  }

  console.info('\n== publint --strict');
  check('npx', ['publint', '--strict', packed.tarball]);
  console.info('\n== attw --profile esm-only');
  // styles.css has no types by nature; every JavaScript entry is checked.
  check('npx', [
    'attw',
    '--profile',
    'esm-only',
    '--exclude-entrypoints',
    'styles.css',
    '--format',
    'table-flipped',
    packed.tarball,
  ]);
}
