// Runs a TypeScript worker entry from source (tests, `tsx` scripts): registers tsx in this worker
// thread, then imports the entry. Built bundles start their compiled .js entries directly instead.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.__seqlabEntry);
