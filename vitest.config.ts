import { dirname, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vitest/config';

/**
 * electron-vite turns `import entry from './x-worker?modulePath'` into the path of a bundled worker.
 * Under vitest the sources run as they are, so the same import resolves to the .ts source path,
 * which spawnWorker starts through tsx.
 */
function workerModulePathsFromSource(): Plugin {
  const PREFIX = '\0seqlab-module-path:';
  return {
    name: 'seqlab-module-path-from-source',
    enforce: 'pre',
    resolveId(id, importer) {
      if (!id.endsWith('?modulePath') || !importer) return null;
      const source = resolve(dirname(importer), id.slice(0, -'?modulePath'.length));
      return PREFIX + (source.endsWith('.ts') ? source : `${source}.ts`);
    },
    load(id) {
      return id.startsWith(PREFIX) ? `export default ${JSON.stringify(id.slice(PREFIX.length))};` : null;
    },
  };
}

// Unit and integration tests (Node environment, real SQLite files, real workers).
// Browser end-to-end tests have their own config in tests/e2e/.
export default defineConfig({
  plugins: [workerModulePathsFromSource()],
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    // Hang guards, not verdicts: a loaded CI machine (or this shared one at a load average of 30) may take minutes.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
