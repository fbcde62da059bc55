import { defineConfig } from 'vitest/config';

// Browser end-to-end tests: the built app served by `serve` on a temporary database, driven in Debian's Chromium.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
