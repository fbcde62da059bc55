// Paths of worker-thread entries. electron-vite bundles each `?modulePath` import as its own entry and
// resolves it to the built .js; under vitest a plugin resolves it to the .ts source (vitest.config.ts).
// Plain tsx scripts cannot resolve these imports, so they pass the source path to the Runner themselves.
import trainWorkerEntry from './train-worker?modulePath';
import gradientWorkerEntry from '../parallel/gradient-worker?modulePath';

export { trainWorkerEntry, gradientWorkerEntry };
