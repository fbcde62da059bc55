// Path of the spec worker's entry (see core/node/models/worker-entries.ts for how `?modulePath` resolves).
import specWorkerEntry from './spec-worker?modulePath';

export { specWorkerEntry };
