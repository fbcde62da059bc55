// A run's spec crosses the API typed: runs.get answers the stored spec read through the spec schema — the same JSON
// the run stored — and refuses a stored spec that no longer passes it, naming the field, instead of handing it on.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../../core/common/api/contract';
import type { RunDetail, RunSummary } from '../../../../core/common/api/entities';
import { callApi, createTestBackend, refusalOf } from './test-backend';

let env: ReturnType<typeof createTestBackend>;
beforeEach(() => {
  env = createTestBackend();
});
afterEach(() => env.dispose());

function ended(runId: number): Promise<void> {
  return new Promise((resolve) => {
    const unsubscribe = env.backend.events.subscribe((event, payload) => {
      const status = payload as ApiEvent<'run.status'>;
      if (event === 'run.status' && status.runId === runId && ['completed', 'failed', 'diverged'].includes(status.status)) {
        unsubscribe();
        resolve();
      }
    });
  });
}

describe('runs.get spec', () => {
  it('is the stored JSON, typed; a stored spec the schema refuses is a storage error naming its field', async () => {
    const experiment = await callApi<{ id: number }>(env.backend, 'experiments.create', { name: 'typed spec' });
    const spec = {
      seed: 3,
      task: { id: 'adding-problem', params: { length: 5 } },
      model: { cell: 'rnn_tanh', hiddenSize: 3 },
      training: { steps: 2, batchSize: 2, evalEvery: 2, evalBatches: 1 },
    };
    const run = await callApi<RunSummary>(env.backend, 'runs.create', { experimentId: experiment.id, spec });
    const done = ended(run.id);
    const status = (await callApi<RunDetail>(env.backend, 'runs.get', { id: run.id })).status;
    if (!['completed', 'failed', 'diverged'].includes(status)) await done;

    const detail = await callApi<RunDetail>(env.backend, 'runs.get', { id: run.id });
    expect(detail.status).toBe('completed');
    const db = new Database(env.databasePath);
    try {
      const stored: unknown = JSON.parse((db.prepare('SELECT spec FROM runs WHERE id = ?').get(run.id) as { spec: string }).spec);
      expect(detail.spec).toEqual(stored);
      expect(detail.spec.model.kind === 'sequence' && detail.spec.model.cell).toBe('rnn_tanh');
      expect(detail.spec.training.optimizer.kind).toBe('adam');

      db.prepare("UPDATE runs SET spec = json_set(spec, '$.model.hiddenSize', -3) WHERE id = ?").run(run.id);
    } finally {
      db.close();
    }
    const refusal = await refusalOf(env.backend, 'runs.get', { id: run.id });
    expect(refusal.code).toBe('storage');
    expect(refusal.message).toContain(`The stored spec of run ${run.id} does not pass the spec schema`);
    expect(refusal.issues).toEqual([{ path: 'spec.model.hiddenSize', message: 'hiddenSize must be at least 1' }]);
  });
});
