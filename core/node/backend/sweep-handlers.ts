// API handlers for sweeps: create (validated sweep → stored sweep + one queued run per trial, started
// within the sweep's concurrency limit; trials on a registered dataset resolved with its data, as a single
// run's spec is), get (the sweep with its runs, swept values and results), list (summaries with runs per status)
// and stop (every run still waiting or training).
import { ApiError } from '../../common/api/result';
import { RUN_STATUSES, type RunStatus, type SweepDetail, type SweepSummary } from '../../common/api/entities';
import { readFieldPath } from '../../common/spec/field-path';
import { describeAssignments, formatSweepIssues, sweepFields, sweepStrategy, sweepTrialCount, type SweepResult } from '../../common/spec/sweep-spec';
import type { SpecService } from '../data/spec-service';
import type { Runner } from '../runner';
import type { Store } from '../store/store';
import type { ApiHandlers } from './dispatch';
import { readRunResults } from './run-results';
import { readStoredSweepSpec, storedSweepSpec } from './stored-specs';
import { toRunSummary } from './run-handlers';
import { inSpecWorker } from './spec-worker-call';
import type { SweepScheduler } from './sweep-scheduler';

type SweepHandlers = Pick<ApiHandlers, 'sweeps.create' | 'sweeps.get' | 'sweeps.list' | 'sweeps.stop'>;

const MAX_RUN_NAME = 120;

export function createSweepHandlers(store: Store, scheduler: SweepScheduler, specs: SpecService, runner: Runner): SweepHandlers {
  return {
    'sweeps.stop': ({ id }) => {
      if (!store.sweeps.get(id)) throw new ApiError('not-found', `Sweep ${id} does not exist.`);
      // Waiting runs first: stopping a training one frees a slot the scheduler would otherwise fill.
      const open = store.runs.list({ sweepId: id, statuses: ['queued', 'running', 'paused'] });
      const order = [...open.filter((run) => run.status === 'queued'), ...open.filter((run) => run.status !== 'queued')];
      let stopped = 0;
      for (const run of order) if (runner.stop(run.id).ok) stopped++;
      return { stopped };
    },

    'sweeps.create': async ({ experimentId, sweep }) => {
      if (!store.experiments.get(experimentId)) throw new ApiError('not-found', `Experiment ${experimentId} does not exist.`);
      // every trial resolved in the spec worker (datasets read there), nothing on this thread
      const parsed = await inSpecWorker(specs.resolveSweep(sweep), 'The sweep was not created.');
      if (!parsed.ok) {
        const issues = parsed.issues.map((i) => ({ path: `sweep.${i.path}`, message: i.message }));
        throw new ApiError('invalid-request', `The sweep spec is not valid:\n${formatSweepIssues(parsed.issues)}`, issues);
      }
      // (checked again: the worker took its time)
      if (!store.experiments.get(experimentId)) throw new ApiError('not-found', `Experiment ${experimentId} was deleted while its sweep was being checked.`);
      // The sweep and all its runs, or nothing.
      const created = store.transaction(() => storeSweep(store, experimentId, parsed));
      scheduler.pump(created.sweepId);
      return created;
    },

    'sweeps.get': ({ id }): SweepDetail => {
      const sweep = store.sweeps.get(id);
      if (!sweep) throw new ApiError('not-found', `Sweep ${id} does not exist.`);
      const spec = storedSweepSpec(sweep);
      const fields = sweepFields(spec);
      const now = Date.now();
      const runs = store.runs.list({ sweepId: id }).sort((a, b) => a.id - b.id);
      return {
        id: sweep.id,
        experimentId: sweep.experimentId,
        name: spec.name || `Sweep ${sweep.id}`,
        strategy: sweepStrategy(spec),
        fields,
        concurrency: spec.concurrency,
        spec,
        createdAt: sweep.createdAt,
        runs: runs.map((run) => ({
          ...toRunSummary(run),
          params: Object.fromEntries(
            fields.map((field) => {
              const read = readFieldPath(run.spec, field);
              return [field, read.found ? read.value : null];
            }),
          ),
          results: readRunResults(store, run, now),
        })),
      };
    },

    'sweeps.list': ({ experimentId }): SweepSummary[] => {
      const counts = new Map<number, Record<RunStatus, number>>();
      for (const row of store.sweeps.statusCounts(experimentId)) {
        const byStatus = counts.get(row.sweepId) ?? zeroCounts();
        byStatus[row.status] = row.count;
        counts.set(row.sweepId, byStatus);
      }
      // A damaged record is listed with its error rather than refusing the whole list: nothing hidden, nothing guessed.
      return store.sweeps.list(experimentId).map((sweep): SweepSummary => {
        const read = readStoredSweepSpec(sweep);
        const statusCounts = counts.get(sweep.id) ?? zeroCounts();
        const common = { id: sweep.id, experimentId: sweep.experimentId, statusCounts, createdAt: sweep.createdAt };
        if (!read.ok) return { ...common, name: `Sweep ${sweep.id}`, strategy: null, fields: [], trialCount: null, problem: read.error.message };
        const { spec } = read;
        return {
          ...common,
          name: spec.name || `Sweep ${sweep.id}`,
          strategy: sweepStrategy(spec),
          fields: sweepFields(spec),
          // from the spec, so a trial whose run was deleted still counts
          trialCount: sweepTrialCount(spec),
          problem: null,
        };
      });
    },
  };
}

/**
 * Stores a resolved sweep and one queued run per trial, in trial order (the caller starts them through the scheduler).
 * Call inside store.transaction, with what else must be stored with it (a study).
 */
export function storeSweep(store: Store, experimentId: number, parsed: Extract<SweepResult, { ok: true }>): { sweepId: number; runIds: number[] } {
  const row = store.sweeps.create({ experimentId, spec: parsed.sweep });
  const title = parsed.sweep.name || `Sweep ${row.id}`;
  const runIds = parsed.trials.map((trial) => {
    const name = truncate(`${title} #${trial.index + 1}: ${describeAssignments(trial.assignments)}`, MAX_RUN_NAME);
    const datasetId = trial.spec.task.dataset ?? null;
    return store.runs.create({ experimentId, name, spec: trial.spec, totalSteps: trial.spec.training.steps, sweepId: row.id, datasetId }).id;
  });
  return { sweepId: row.id, runIds };
}

function zeroCounts(): Record<RunStatus, number> {
  return Object.fromEntries(RUN_STATUSES.map((status) => [status, 0])) as Record<RunStatus, number>;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
