/**
 * The README's msw example is test/dom/msw-example.test.tsx. This keeps the two from drifting apart, so
 * the example users copy is one that runs in CI.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

it("the README's msw example is the tested example file, as a user imports it", () => {
  let example = read('test/dom/msw-example.test.tsx');
  example = example.slice(example.indexOf('\nimport ') + 1); // the file's header comment is not shown
  const readme = read('README.md');
  const blocks = [...readme.matchAll(/```tsx\n([\s\S]*?)```/g)].map((m) => m[1]);
  expect(blocks).toContain(example);
});
