// Test helpers for the run engine: tiny specs that train in a fraction of a second, runs stored in a
// temp store, an event log that tests can wait on, and the source paths of the worker entries.
import { fileURLToPath } from 'node:url';
import { parseExperimentSpec, type ExperimentSpecInput } from '../../../../core/common/spec/experiment-spec';
import { TrainingSession } from '../../../../core/common/models/training-session';
import { baselineLoss } from '../../../../core/common/train/divergence';
import { decodeCheckpoint } from '../../../../core/common/train/checkpoint-codec';
import type { RunSession } from '../../../../core/common/train/run-session';
import type { RunnerEvent } from '../../../../core/node/runner/runner-types';
import type { Store } from '../../../../core/node/store/store';
import type { RunStatus } from '../../../../core/node/store/types';

/** The real training worker, by source path (what `?modulePath` resolves to under vitest). */
export const TRAIN_WORKER = fileURLToPath(new URL('../../../../core/node/runner/train-worker.ts', import.meta.url));
/** Test-only worker entries. */
export const FAULTY_WORKER = fileURLToPath(new URL('./faulty-worker.ts', import.meta.url));

/** The adding problem at T = 8 with a 4-unit tanh RNN: well under a millisecond per step. */
export function addingSpec(training: Record<string, unknown> = {}, model: Record<string, unknown> = {}): ExperimentSpecInput {
  return {
    seed: 7,
    task: { id: 'adding-problem', params: { length: 8 } },
    model: { cell: 'rnn_tanh', hiddenSize: 4, ...model },
    training: { steps: 60, batchSize: 4, learningRate: 1e-2, evalEvery: 10, evalBatches: 1, gradNormsEvery: 20, checkpointEvery: 25, ...training },
  };
}

let experimentCounter = 0;

/** Stores `spec` (as given: the worker validates it) as a queued run of a fresh experiment. */
export function createRun(store: Store, spec: unknown, totalSteps: number | null = null): number {
  const experiment = store.experiments.create({ name: `experiment ${++experimentCounter}` });
  if (!experiment.ok) throw new Error(experiment.message);
  return store.runs.create({ experimentId: experiment.value.id, name: 'run', spec, totalSteps }).id;
}

/** Parameters of a run's stored checkpoint, decoded. */
export function checkpointParams(store: Store, runId: number, kind: 'latest' | 'best' = 'latest'): Record<string, Float32Array> {
  const saved = store.checkpoints.load(runId, kind);
  if (!saved) throw new Error(`run ${runId} has no ${kind} checkpoint`);
  return { ...decodeCheckpoint(saved.blob).checkpoint.params };
}

/** Every event a Runner emitted, with promises for the ones a test waits for. */
export class EventLog {
  readonly events: RunnerEvent[] = [];
  private waiters: { match: (e: RunnerEvent) => boolean; resolve: (e: RunnerEvent) => void }[] = [];

  readonly listener = (event: RunnerEvent): void => {
    this.events.push(event);
    for (const waiter of [...this.waiters]) {
      if (!waiter.match(event)) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(event);
    }
  };

  /** The first event from index `since` on that matches, waiting for it if need be. */
  waitFor(match: (e: RunnerEvent) => boolean, since = 0, timeoutMs = 120_000): Promise<RunnerEvent> {
    const seen = this.events.slice(since).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching runner event within ${timeoutMs} ms; saw ${JSON.stringify(this.events.slice(-5))}`)),
        timeoutMs,
      );
      this.waiters.push({ match, resolve: (e) => (clearTimeout(timer), resolve(e)) });
    });
  }

  status(runId: number, status: RunStatus, since = 0, timeoutMs?: number): Promise<Extract<RunnerEvent, { type: 'status' }>> {
    return this.waitFor((e) => e.type === 'status' && e.runId === runId && e.status === status, since, timeoutMs) as Promise<
      Extract<RunnerEvent, { type: 'status' }>
    >;
  }

  /** Statuses of one run in order. */
  statuses(runId: number): RunStatus[] {
    return this.events.flatMap((e) => (e.type === 'status' && e.runId === runId ? [e.status] : []));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Trains `session` in-process until a step is not finite: that step and why. */
export function divergenceOf(session: RunSession): { step: number; nonFinite: string } {
  let stats = session.next();
  while (stats.nonFinite === null) {
    if (session.finished) throw new Error('divergenceOf: the run finished without diverging');
    stats = session.next();
  }
  return { step: stats.step, nonFinite: stats.nonFinite };
}

/** What an explosion is measured against: the larger of the task's baseline loss and the untrained model's validation loss. */
export function referenceLossOf(spec: unknown): number {
  const parsed = parseExperimentSpec(spec);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return Math.max(baselineLoss(parsed.task) ?? 0, new TrainingSession(parsed.spec, parsed.task).evaluate().loss);
}

/** A stored series as step → value. */
export function seriesMap(store: Store, runId: number, name: string): Map<number, number> {
  const { steps, values } = store.metrics.series(runId, name);
  return new Map(steps.map((step, i) => [step, values[i] as number]));
}
