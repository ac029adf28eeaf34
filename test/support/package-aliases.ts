import { fileURLToPath } from 'node:url';

const src = (path: string): string => fileURLToPath(new URL(`../../src/${path}`, import.meta.url));

/**
 * The package's public entry points mapped to their sources, for Vitest, Storybook, the demo and the
 * benches: code there imports `wiro-agent-react/…` exactly as an app does. Longest names first, so
 * `wiro-agent-react/testing/msw` is not taken for `wiro-agent-react/testing` + `/msw`. Keep in step
 * with package.json's `exports` and tsconfig.json's `paths`.
 */
export const packageAliases: { find: RegExp; replacement: string }[] = [
  ['wiro-agent-react/testing/msw', 'testing/msw-entry.ts'],
  ['wiro-agent-react/testing/node', 'testing/node.ts'],
  ['wiro-agent-react/testing', 'testing/index.ts'],
  ['wiro-agent-react/server', 'server.ts'],
  ['wiro-agent-react/core', 'core.ts'],
  ['wiro-agent-react/highlight', 'highlight/index.ts'],
  ['wiro-agent-react/math', 'math/index.ts'],
  ['wiro-agent-react/styles.css', 'components/styles.css'],
  ['wiro-agent-react', 'index.ts'],
].map(([name, path]) => ({ find: new RegExp(`^${name}$`), replacement: src(path as string) }));
