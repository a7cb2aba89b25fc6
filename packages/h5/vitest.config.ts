import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Forward passes over the 10,000 MNIST test images on the CPU backend take a few seconds each.
    testTimeout: 60_000,
    fileParallelism: false,
  },
});
