import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Three projects: `unit` (core and shared under Node), `renderer` (React components in jsdom) and
// `e2e` (the browser harness driven in Debian's Chromium by playwright-core; slower, run one file at a
// time). `npm test` runs all of them (tools/test/run-all.ts).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/main/**/*.test.ts', 'test/shared/**/*.test.ts', 'test/tools/**/*.test.ts'],
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/renderer/setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'pbx',
          environment: 'node',
          include: ['test/pbx/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
