import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Storybook's Vite config: React only (Storybook adds its own entry points and plugins). */
export default defineConfig({
  plugins: [react()],
  cacheDir: '../node_modules/.cache/vite-storybook',
  // Storybook's own preview bundle is large by nature; the warning says nothing about the kit.
  build: { chunkSizeWarningLimit: 2500 },
});
