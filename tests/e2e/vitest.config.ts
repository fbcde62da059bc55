import { defineConfig } from 'vitest/config';

// Browser end-to-end tests: the built app served by `serve` on a temporary database, driven in Debian's Chromium.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    // Hang guards, not verdicts: on a loaded machine (CI, or this 2-core one at a load average of 30) a test that trains
    // a tiny run in a worker and drives Chromium can take minutes; every wait inside polls for a condition.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
