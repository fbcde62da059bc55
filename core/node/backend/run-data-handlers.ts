// API handlers for what a run's metrics add up to: its results (runs.results) and its full metric history (runs.history).
import type { Store } from '../store/store';
import type { Run } from '../store/types';
import type { ApiHandlers } from './dispatch';
import { readMetricHistory } from './metric-history';
import { readRunResults } from './run-results';
import { requireRun } from './run-lookup';

type RunDataHandlers = Pick<ApiHandlers, 'runs.results' | 'runs.history'>;

export function createRunDataHandlers(store: Store): RunDataHandlers {
  const getRun = (id: number): Run => requireRun(store, id);
  return {
    'runs.results': ({ id }) => readRunResults(store, getRun(id)),
    'runs.history': ({ id }) => readMetricHistory(store, getRun(id).id),
  };
}
