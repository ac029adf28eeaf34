/**
 * The README's complete files are files of the consumer apps in test/consumers/, which CI type-checks,
 * builds and runs from the packed tarball (`npm run consumers`). A README code block whose first line
 * names a file (`// Chat.tsx: …`) must be exactly that file, so what users copy is what CI proved.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

/** The file a README block names → the consumer files it must equal (one app's copy or several). */
const FILES: Record<string, string[]> = {
  'Chat.tsx': ['test/consumers/vite-app/src/Chat.tsx', 'test/consumers/next-app/app/Chat.tsx'],
  'Conversation.tsx': ['test/consumers/vite-app/src/Conversation.tsx'],
  'Hooks.tsx': ['test/consumers/vite-app/src/Hooks.tsx'],
  'reply.ts': ['test/consumers/node-engine/src/reply.ts'],
  'app/api/wiro/[...path]/route.ts': ['test/consumers/next-app/app/api/wiro/[...path]/route.ts'],
  'server.ts': ['test/consumers/node-engine/src/server.ts'],
  'jest.config.js': ['test/consumers/jest/jest.config.js'],
};

/** Every fenced code block of the README, un-indented (blocks inside list items are indented). */
function codeBlocks(markdown: string): { lang: string; code: string }[] {
  return [...markdown.matchAll(/^( *)```(\w*)\n([\s\S]*?)^\1```$/gm)].map(([, indent = '', lang = '', body = '']) => ({
    lang,
    code: body
      .split('\n')
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
      .join('\n'),
  }));
}

const readme = read('README.md');
const named = codeBlocks(readme).flatMap((block) => {
  const name = /^\/\/ (\S+\.(?:tsx?|js)):/.exec(block.code)?.[1];
  return name ? [{ name, code: block.code }] : [];
});

describe('README files are the consumer apps’ files', () => {
  it('every file the README shows is one CI builds', () => {
    expect(named.map((block) => block.name).sort()).toEqual(Object.keys(FILES).sort());
  });

  for (const [name, paths] of Object.entries(FILES)) {
    it(`${name} is ${paths.join(' and ')}`, () => {
      const block = named.find((b) => b.name === name);
      for (const path of paths) expect(block?.code, path).toBe(read(path));
    });
  }
});
