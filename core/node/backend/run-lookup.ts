// Finding a run for a handler: the run, or a not-found error that says whether it was deleted (and can be restored)
// or never existed.
import { ApiError } from '../../common/api/result';
import type { Store } from '../store/store';
import type { Run } from '../store/types';

export function missingRun(store: Store, id: number): ApiError {
  if (store.runs.deletedAt(id) !== null) return new ApiError('not-found', `Run ${id} is deleted; restore it (runs.restore) to use it again.`);
  return new ApiError('not-found', `Run ${id} does not exist (it may have been deleted and purged).`);
}

/** The run with this id (not deleted), or throws missingRun's error. */
export function requireRun(store: Store, id: number): Run {
  const run = store.runs.get(id);
  if (!run) throw missingRun(store, id);
  return run;
}
