import { defineConfig } from 'vitest/config';

// Browser end-to-end tests: one real Chromium, steps in order, generous timeouts (2 slow cores).
export default defineConfig({
  test: {
    include: ['test/**/*.e2e.test.ts'],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 120_000,
    sequence: { concurrent: false },
  },
});
