import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests in Debian's Chromium (playwright-core): the `npm start` demo against the mock agent
 * server, and the built Storybook. Files run one after another (one browser, two cores).
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
    teardownTimeout: 30_000,
  },
});
