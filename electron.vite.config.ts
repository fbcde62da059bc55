// One build for every host: the Electron main process (plus the `serve` and CLI entries, which are
// plain Node programs over the same core/node code), the sandboxed preload, and the Vue renderer.
// Worker-thread entries are bundled by electron-vite's `?modulePath` imports in core/node.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';

// SEQLAB_OUT_DIR lets several builds live side by side (each with its browser tests, tests/e2e/serve-fixture.ts reads
// the same variable); the app, the installers and `npm run serve` use the default, out/.
const OUT_DIR = process.env.SEQLAB_OUT_DIR ?? 'out';

export default defineConfig({
  main: {
    build: {
      outDir: `${OUT_DIR}/main`,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          serve: resolve(__dirname, 'core/node/server/serve-main.ts'),
          cli: resolve(__dirname, 'core/node/cli/main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: `${OUT_DIR}/preload`,
      // A sandboxed preload must be one CommonJS file that requires nothing but 'electron'.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [vue()],
    build: {
      outDir: resolve(__dirname, OUT_DIR, 'renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
