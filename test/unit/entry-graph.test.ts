/**
 * The markdown plugins are opt-in entries: nothing of Shiki, KaTeX or remark-math may be reachable
 * from the main entry (so its bundle budget does not grow), and the highlight entry imports Shiki only
 * dynamically (so Shiki is fetched when the first code block appears, not with the entry).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const src = fileURLToPath(new URL('../../src/', import.meta.url));
/** `import … from '…'` / `export … from '…'` / `import '…'`, not `import type`. */
const STATIC = /(?:^|\n)\s*(?:import|export)\s+(?!type\s)[^'"]*?from\s*'([^']+)'|(?:^|\n)\s*import\s*'([^']+)'/g;
const DYNAMIC = /import\(\s*'([^']+)'\s*\)/g;

interface Graph {
  files: string[];
  staticPackages: Set<string>;
  dynamicPackages: Set<string>;
}

function sourceOf(path: string): string {
  const base = path.replace(/\.js$/, '');
  return existsSync(`${base}.ts`) ? `${base}.ts` : `${base}.tsx`;
}

/** The modules statically reachable from `entry`, and the packages they import (statically or not). */
function graph(entry: string): Graph {
  const seen = new Set<string>();
  const staticPackages = new Set<string>();
  const dynamicPackages = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(STATIC)) {
      const spec = match[1] ?? match[2];
      if (spec === undefined) continue;
      if (spec.startsWith('.')) visit(sourceOf(resolve(dirname(file), spec)));
      else staticPackages.add(spec);
    }
    for (const match of text.matchAll(DYNAMIC))
      if (match[1] && !match[1].startsWith('.')) dynamicPackages.add(match[1]);
  };
  visit(resolve(src, entry));
  return { files: [...seen], staticPackages, dynamicPackages };
}

const PLUGIN_STACK = /^(shiki|@shikijs\/|katex|remark-math|rehype-katex|mermaid)/;

it('the main entry reaches nothing of Shiki, KaTeX or remark-math', () => {
  const main = graph('index.ts');
  expect(main.files.length).toBeGreaterThan(30);
  for (const pkg of [...main.staticPackages, ...main.dynamicPackages]) expect(pkg).not.toMatch(PLUGIN_STACK);
  expect(main.files.some((file) => file.includes('/highlight/') || file.includes('/math/'))).toBe(false);
});

it('the highlight entry loads Shiki only through dynamic imports', () => {
  const highlight = graph('highlight/index.ts');
  expect([...highlight.staticPackages].filter((pkg) => PLUGIN_STACK.test(pkg))).toEqual([]);
  expect([...highlight.dynamicPackages]).toEqual(
    expect.arrayContaining(['shiki/core', 'shiki/engine/javascript', 'shiki/langs']),
  );
});

it('the math entry brings KaTeX and remark-math, and nothing of Shiki', () => {
  const packages = graph('math/index.ts').staticPackages;
  expect(packages.has('katex')).toBe(true);
  expect(packages.has('remark-math')).toBe(true);
  for (const pkg of packages) expect(pkg).not.toMatch(/^(shiki|@shikijs\/)/);
});
