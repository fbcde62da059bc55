// Paths of the model workers' entries. electron-vite bundles each `?modulePath` import as its own entry
// and resolves it to the built .js; under vitest a plugin resolves it to the .ts source (vitest.config.ts).
import exportWorkerEntry from './export-worker?modulePath';
import inferenceWorkerEntry from './inference-worker?modulePath';

export { exportWorkerEntry, inferenceWorkerEntry };
