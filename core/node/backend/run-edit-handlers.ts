// API handlers for what a person does to a run in the runs table: rename it, tag it, write notes, delete it (soft, so
// the table can undo) and restore it; and the results of many runs at once for the table's summary columns.
import { ApiError } from '../../common/api/result';
import { parseSpecFields } from '../../common/spec/experiment-spec';
import type { Store } from '../store/store';
import type { Run } from '../store/types';
import type { ApiHandlers } from './dispatch';
import { readRunResults } from './run-results';
import { toRunSummary } from './run-handlers';
import { missingRun, requireRun } from './run-lookup';

type RunEditHandlers = Pick<ApiHandlers, 'runs.update' | 'runs.delete' | 'runs.restore' | 'runs.listResults'>;

export function createRunEditHandlers(store: Store): RunEditHandlers {
  const getRun = (id: number): Run => requireRun(store, id);

  return {
    'runs.update': ({ id, ...changes }) => {
      getRun(id);
      const updated = store.runs.update(id, changes);
      if (!updated.ok) throw new ApiError('invalid-request', updated.message, [{ path: 'name', message: updated.message }]);
      if (updated.value === undefined) throw missingRun(store, id);
      return toRunSummary(updated.value);
    },

    'runs.delete': ({ id }) => {
      const run = getRun(id);
      if (run.status === 'running' || run.status === 'paused' || run.status === 'queued') {
        throw new ApiError('conflict', `Run ${id} is ${run.status}; stop it before deleting it.`);
      }
      return { deleted: store.runs.softDelete(id) };
    },

    'runs.restore': ({ id }) => {
      const restored = store.runs.restore(id);
      if (restored) return toRunSummary(restored);
      if (store.runs.get(id)) throw new ApiError('conflict', `Run ${id} is not deleted; there is nothing to restore.`);
      throw new ApiError('not-found', `Run ${id} cannot be restored: it does not exist, or it was deleted over an hour ago and purged since.`);
    },

    'runs.listResults': ({ experimentId }) => {
      const now = Date.now();
      return store.runs.list(experimentId === undefined ? {} : { experimentId }).map((run) => {
        // A spec that no longer reads leaves the cell unknown here; runs.get names what is wrong with it.
        const spec = parseSpecFields(run.spec);
        return { runId: run.id, cell: spec.ok ? spec.spec.model.cell : null, results: readRunResults(store, run, now) };
      });
    },
  };
}
