import type { StorybookConfig } from '@storybook/react-vite';

/**
 * Storybook 10 with the React + Vite framework. It uses its own small Vite config (beside this file),
 * not the repository's vite.config.ts, which is set up for building the library.
 */
const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: {
    disableTelemetry: true,
    builder: { name: '@storybook/builder-vite', options: { viteConfigPath: '.storybook/vite.config.ts' } },
  },
  // mockServiceWorker.js (msw's worker, for the mocked REST calls of the chat stories).
  staticDirs: ['./public'],
  typescript: { reactDocgen: 'react-docgen-typescript' },
};

export default config;
