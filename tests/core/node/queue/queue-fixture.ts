// For the queue tests: what they compare between a run trained on agents and its twin trained here (the final
// parameters, from the run's last 'latest' checkpoint, bit for bit; its curves, step and value of every row), and
// backends on a queue or local, sweeps created through the API, and waiting on the store.
import { decodeCheckpoint } from '../../../../core/common/train/checkpoint-codec';
import { BackendService } from '../../../../core/node/backend/backend-service';
import { QueueTrainer } from '../../../../core/node/queue/queue-trainer';
import { parseQueueUrl } from '../../../../core/node/queue/queue-url';
import type { Store } from '../../../../core/node/store/store';
import { ENDED_STATUSES } from '../../../../core/node/store/types';

/** Parameter name → its float32 values as plain numbers, from the run's 'latest' checkpoint. */
export function finalParameters(store: Store, runId: number): Record<string, number[]> {
  const checkpoint = store.checkpoints.load(runId, 'latest');
  if (!checkpoint) throw new Error(`run ${runId} has no 'latest' checkpoint`);
  const { params } = decodeCheckpoint(checkpoint.blob).checkpoint;
  return Object.fromEntries(Object.entries(params).map(([name, values]) => [name, Array.from(values)]));
}

/** [step, value] of every row of a series, in step order (default: the training loss). */
export function curve(store: Store, runId: number, name = 'train/loss'): [number, number][] {
  const series = store.metrics.series(runId, name);
  return series.steps.map((step, i) => [step, series.values[i] ?? Number.NaN]);
}

/** A backend that trains its runs on the queue at `url` (as `seqlab sweep --queue` opens one), started and attached. */
export async function openQueueBackend(databasePath: string, url: string): Promise<{ backend: BackendService; trainer: QueueTrainer; close(): Promise<void> }> {
  const trainer = await QueueTrainer.connect(parseQueueUrl(url), databasePath);
  const backend = new BackendService({ databasePath, host: 'cli', concurrency: 1, remote: (store) => trainer.useStore(store) });
  await trainer.start(backend.runner);
  return {
    backend,
    trainer,
    async close() {
      await backend.close();
      await trainer.close();
    },
  };
}

/** A backend training here, for the reference runs. */
export function openLocalBackend(databasePath: string): BackendService {
  return new BackendService({ databasePath, host: 'cli', concurrency: 2 });
}

/** Creates an experiment and a sweep on it through the API; returns the sweep's runs in trial order. */
export async function createSweep(backend: BackendService, sweep: unknown): Promise<number[]> {
  const call = async <T>(name: string, request: unknown): Promise<T> => {
    const result = await backend.dispatcher.dispatch(name as never, request as never);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as T;
  };
  const experiment = await call<{ id: number }>('experiments.create', { name: `queue test ${Date.now()}-${Math.random()}` });
  return (await call<{ runIds: number[] }>('sweeps.create', { experimentId: experiment.id, sweep })).runIds;
}

/** Waits (polling) until `condition` holds; fails with `what` after `timeoutMs` — generous: the verdict is the condition, not the time. */
export async function waitUntil(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every run of `runIds` has ended (completed, failed, …) in the store. */
export function allEnded(store: Store, runIds: readonly number[]): boolean {
  return runIds.every((id) => {
    const status = store.runs.get(id)?.status;
    return status !== undefined && ENDED_STATUSES.includes(status);
  });
}
