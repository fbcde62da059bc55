// Paths of the spec and import workers' entries (see core/node/models/worker-entries.ts for how `?modulePath` resolves).
import importWorkerEntry from './import-worker?modulePath';
import specWorkerEntry from './spec-worker?modulePath';

export { importWorkerEntry, specWorkerEntry };
