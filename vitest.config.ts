import { defineConfig } from 'vitest/config';

// Unit and integration tests (Node environment, real SQLite files, real workers).
// Browser end-to-end tests have their own config in tests/e2e/.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
