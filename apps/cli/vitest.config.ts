import { defineConfig } from 'vitest/config';

// The tests spawn the built CLI, and several train on MNIST: on a busy two-core machine a
// single command can take well over vitest's default five seconds.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
