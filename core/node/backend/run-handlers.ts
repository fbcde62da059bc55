// API handlers for runs: create (validated spec → stored run → queued), inspect, control, metrics.
import type { RunSummary } from '../../common/api/entities';
import { ApiError } from '../../common/api/result';
import { formatSpecIssues } from '../../common/spec/experiment-spec';
import type { SpecService } from '../data/spec-service';
import type { Runner, RunnerResult } from '../runner';
import type { Store } from '../store/store';
import type { Run } from '../store/types';
import { readGradientNorms } from './gradient-norms';
import type { ApiHandlers } from './dispatch';
import { inSpecWorker } from './spec-worker-call';
import { storedRunSpec } from './stored-specs';
import { missingRun } from './run-lookup';

type RunHandlers = Pick<
  ApiHandlers,
  'runs.list' | 'runs.create' | 'runs.check' | 'runs.get' | 'runs.pause' | 'runs.resume' | 'runs.stop' | 'runs.metrics' | 'runs.gradientNorms'
>;

export function toRunSummary(run: Run): RunSummary {
  return {
    id: run.id,
    experimentId: run.experimentId,
    name: run.name,
    status: run.status,
    error: run.error,
    step: run.step,
    totalSteps: run.totalSteps,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    activeMs: run.activeMs,
    runningSince: run.runningSince,
    divergence: run.divergence,
    warnings: run.warnings,
    tags: run.tags,
    notes: run.notes,
    sweepId: run.sweepId,
  };
}

export function createRunHandlers(store: Store, runner: Runner, specs: SpecService): RunHandlers {
  const getRun = (id: number): Run => {
    const run = store.runs.get(id);
    if (!run) throw missingRun(store, id);
    return run;
  };
  const control = (id: number, result: RunnerResult): RunSummary => {
    if (!result.ok) throw new ApiError(result.code, result.message);
    return toRunSummary(getRun(id));
  };

  return {
    'runs.list': ({ experimentId }) => store.runs.list(experimentId === undefined ? {} : { experimentId }).map(toRunSummary),

    'runs.create': async ({ experimentId, name, spec }) => {
      if (!store.experiments.get(experimentId)) throw new ApiError('not-found', `Experiment ${experimentId} does not exist.`);
      // resolved in the spec worker (a spec on a registered dataset by reading the dataset, hash-checked, once)
      const parsed = await inSpecWorker(specs.resolveRun(spec), 'The run was not created.');
      if (!parsed.ok) {
        const issues = parsed.issues.map((i) => ({ path: `spec.${i.path}`, message: i.message }));
        throw new ApiError('invalid-request', `The experiment spec is not valid:\n${formatSpecIssues(parsed.issues)}`, issues);
      }
      if (!store.experiments.get(experimentId))
        throw new ApiError('not-found', `Experiment ${experimentId} was deleted while the spec of its run was being checked.`);
      const { dataset } = parsed;
      const runName = name || parsed.spec.name || `${parsed.spec.model.cell} on ${dataset === null ? parsed.spec.task.id : dataset.name}`;
      const run = store.runs.create({ experimentId, name: runName, spec: parsed.spec, totalSteps: parsed.spec.training.steps, datasetId: dataset?.id ?? null });
      const started = runner.start(run.id);
      if (!started.ok) throw new ApiError(started.code, started.message);
      return toRunSummary(getRun(run.id));
    },

    'runs.check': async ({ spec }) => {
      const checked = await inSpecWorker(specs.resolveRun(spec), 'The spec was not checked.');
      const issues = checked.ok ? [] : checked.issues.map((i) => ({ path: `spec.${i.path}`, message: i.message }));
      return { ok: checked.ok, issues, estimate: checked.estimate, machine: { ...specs.limits } };
    },

    'runs.get': ({ id }) => {
      const run = getRun(id);
      return { ...toRunSummary(run), spec: storedRunSpec(run), metricNames: store.metrics.names(id) };
    },

    'runs.pause': ({ id }) => control(id, runner.pause(id)),
    'runs.resume': ({ id }) => control(id, getRun(id).status === 'interrupted' ? runner.resumeInterrupted(id) : runner.resume(id)),
    'runs.stop': ({ id }) => control(id, runner.stop(id)),

    'runs.metrics': ({ id, names, maxPoints }) => {
      getRun(id);
      return names.map((name) => {
        const series = store.metrics.downsample(id, name, maxPoints);
        return { name, steps: series.steps, values: series.values.map((v) => (Number.isFinite(v) ? v : null)), wallTimes: series.wallTimes };
      });
    },

    'runs.gradientNorms': ({ id }) => {
      getRun(id);
      return readGradientNorms(store, id);
    },
  };
}
