// Paths of the inspection workers' entries (see core/node/models/worker-entries.ts for how they resolve).
import attentionWorkerEntry from './attention-worker?modulePath';
import explorerWorkerEntry from './explorer-worker?modulePath';

export { attentionWorkerEntry, explorerWorkerEntry };
