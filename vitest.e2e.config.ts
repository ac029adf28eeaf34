import { defineConfig } from 'vitest/config';
import { packageAliases } from './test/support/package-aliases';

/**
 * End-to-end tests in Debian's Chromium (playwright-core): the `npm start` demo against the mock agent
 * server (and in "real service" mode against a signing-checking stand-in), and the built Storybook.
 * Files run one after another (one browser at a time, two cores). Screenshots land in
 * test/e2e/artifacts/; `WIRO_UPDATE_SCREENSHOT=1` also refreshes the README's docs/screenshot.png.
 */
export default defineConfig({
  // The Node side of the tests (mock server, proxy) imports the kit by name, from the sources.
  resolve: { alias: packageAliases },
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
    teardownTimeout: 30_000,
  },
});
