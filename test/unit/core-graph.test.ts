/**
 * `wiro-agent-react/core` must load where React is not installed and run in React Server Components:
 * nothing in its import graph may import React or the markdown stack, or carry `'use client'`.
 * (The packed tarball is checked the same way by the Node consumer app, which has no React at all.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const src = fileURLToPath(new URL('../../src/', import.meta.url));
// Type-only imports are erased by the build, so they count for nothing here.
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s(?!type\s)[^'"]*?from\s*'([^']+)'|(?:^|\n)\s*import\s*'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

/** The `.ts` or `.tsx` file behind a `.js` import specifier. */
function sourceOf(path: string): string {
  const base = path.replace(/\.js$/, '');
  return existsSync(`${base}.ts`) ? `${base}.ts` : `${base}.tsx`;
}

/** Every source module reachable from `entry`, with the bare packages each imports. */
function graph(entry: string): Map<string, { packages: string[]; useClient: boolean }> {
  const seen = new Map<string, { packages: string[]; useClient: boolean }>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    const text = readFileSync(file, 'utf8');
    const info = { packages: [] as string[], useClient: /^\s*['"]use client['"]/.test(text) };
    seen.set(file, info);
    for (const match of text.matchAll(IMPORT)) {
      const spec = match[1] ?? match[2] ?? match[3];
      if (spec === undefined) continue;
      if (spec.startsWith('.')) visit(sourceOf(resolve(dirname(file), spec)));
      else info.packages.push(spec);
    }
  };
  visit(resolve(src, entry));
  return seen;
}

it('core imports no React, no markdown stack, and has no client directive anywhere in its graph', () => {
  const modules = graph('core.ts');
  expect(modules.size).toBeGreaterThan(10);
  for (const [file, info] of modules) {
    const name = file.slice(src.length);
    expect(info.useClient, name).toBe(false);
    for (const pkg of info.packages)
      expect(pkg, name).not.toMatch(
        /^(react|react-dom|react-markdown|remark-|rehype-|unified|hast-util-|html-url-attributes)/,
      );
  }
});

it('the server entry carries no client directive and no React either', () => {
  for (const [file, info] of graph('server.ts')) {
    expect(info.useClient, file).toBe(false);
    for (const pkg of info.packages) expect(pkg, file).not.toMatch(/^(react|react-dom|react-markdown)/);
  }
});

it('every module that imports React is marked as client code', () => {
  for (const [file, info] of graph('index.ts')) {
    if (info.packages.some((pkg) => pkg === 'react' || pkg === 'react-markdown'))
      expect(info.useClient, file).toBe(true);
  }
});
