import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { packageAliases } from './test/support/package-aliases';

/**
 * Unit (Node) and component (jsdom) tests. Tests import the kit by its package name
 * (`wiro-agent-react`, `wiro-agent-react/core`, …), resolved to the sources, as a user imports it.
 * The library build is `tsc -p tsconfig.build.json` (see package.json), not Vite.
 */
export default defineConfig({
  plugins: [react()],
  resolve: { alias: packageAliases },
  test: {
    // CI runs on 2 cores: the property tests and real-socket tests are slow there, never stuck.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        // Fault injection (issue 11): misbehaving servers and hostile traffic against a real socket, with
        // heap figures taken after a forced collection, hence its own worker with `gc` exposed.
        extends: true,
        test: {
          name: 'faults',
          environment: 'node',
          include: ['test/faults/**/*.test.ts'],
          pool: 'forks',
          execArgv: ['--expose-gc'],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['test/dom/**/*.test.{ts,tsx}'],
          setupFiles: ['test/dom/setup.ts'],
        },
      },
    ],
  },
});
