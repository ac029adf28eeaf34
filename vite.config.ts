import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { copyFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const external = [
  'react',
  'react-dom',
  'react/jsx-runtime',
  'zustand',
  'zustand/vanilla',
  'react-markdown',
  'remark-gfm',
  'ws',
  'msw',
  /^msw\//,
  /^node:/,
];

export default defineConfig({
  plugins: [
    react(),
    {
      name: 'copy-styles',
      closeBundle() {
        mkdirSync(resolve(import.meta.dirname, 'dist'), { recursive: true });
        copyFileSync(resolve(import.meta.dirname, 'src/components/styles.css'), resolve(import.meta.dirname, 'dist/styles.css'));
      },
    },
  ],
  build: {
    target: 'es2022',
    sourcemap: true,
    // Apps minify; a readable dist makes stack traces and debugging in node_modules useful.
    minify: false,
    emptyOutDir: true,
    lib: {
      entry: {
        index: resolve(import.meta.dirname, 'src/index.ts'),
        testing: resolve(import.meta.dirname, 'src/testing/index.ts'),
        'testing-msw': resolve(import.meta.dirname, 'src/testing/msw-entry.ts'),
        'testing-node': resolve(import.meta.dirname, 'src/testing/node.ts'),
        server: resolve(import.meta.dirname, 'src/server.ts'),
      },
      formats: ['es'],
    },
    rollupOptions: {
      external,
      output: {
        // Next.js App Router and other RSC frameworks need the hooks and components marked as client
        // code. Only the main entry carries the directive: `./server` and `./testing*` are server or
        // test code, and `./server` re-exports the REST client for server components.
        banner: (chunk) => (chunk.isEntry && chunk.name === 'index' ? "'use client';" : ''),
      },
    },
  },
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
