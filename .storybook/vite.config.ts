import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { packageAliases } from '../test/support/package-aliases';

/** Storybook's Vite config: React only (Storybook adds its own entry points and plugins). */
export default defineConfig({
  plugins: [react()],
  // Stories import the kit by its package name, served from the sources.
  resolve: { alias: packageAliases },
  cacheDir: '../node_modules/.cache/vite-storybook',
  // Storybook's own preview bundle is large by nature; the warning says nothing about the kit.
  build: { chunkSizeWarningLimit: 2500 },
});
