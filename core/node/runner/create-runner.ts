// The Runner wired to the bundled training worker: what BackendService creates. Tests and tsx scripts
// that cannot resolve `?modulePath` construct Runner with the source entry path instead.
import type { Store } from '../store/store';
import { Runner } from './runner';
import type { RunnerEventListener, RunnerOptions } from './runner-types';
import { gradientWorkerEntry, trainWorkerEntry } from './worker-entries';

export function createRunner(store: Store, onEvent: RunnerEventListener, options: Omit<RunnerOptions, 'workerEntry' | 'gradientWorkerEntry'> = {}): Runner {
  return new Runner(store, onEvent, { ...options, workerEntry: trainWorkerEntry, gradientWorkerEntry });
}
