/**
 * The README's msw example is test/dom/msw-example.test.tsx, with the kit imported by package name. This
 * keeps the two from drifting apart, so the example users copy is one that runs in CI.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

const PACKAGE_IMPORTS: [string, string][] = [
  ["'../../src'", "'wiro-agent-react'"],
  ["'../../src/testing'", "'wiro-agent-react/testing'"],
  ["'../../src/testing/msw-entry'", "'wiro-agent-react/testing/msw'"],
];

it("the README's msw example is the tested example file, as a user imports it", () => {
  let example = read('test/dom/msw-example.test.tsx');
  example = example.slice(example.indexOf('\nimport ') + 1); // the file's header comment is not shown
  for (const [local, published] of PACKAGE_IMPORTS) example = example.replaceAll(local, published);
  const readme = read('README.md');
  const blocks = [...readme.matchAll(/```tsx\n([\s\S]*?)```/g)].map((m) => m[1]);
  expect(blocks).toContain(example);
});
