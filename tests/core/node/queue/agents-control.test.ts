// A stop reaches the agent: the run in training on an agent is stopped from the app, the agent saves a checkpoint at
// the step it stopped at and ends the trial, and the run ends stopped there — as a local run stops.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type AgentProcess } from './agent-processes';
import { createSweep, openQueueBackend, waitUntil } from './queue-fixture';
import { startRedis, type TestRedis } from './redis-server';

let redis: TestRedis;
let agent: AgentProcess;
let dir: string;

beforeAll(async () => {
  redis = await startRedis();
  agent = await startAgent(redis.url, 'worker');
  dir = mkdtempSync(join(tmpdir(), 'seqlab-queue-control-'));
}, 180_000);

afterAll(async () => {
  await agent?.kill('SIGKILL');
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('controls on agents', () => {
  it('stop reaches the agent: it checkpoints where it stopped and the run ends stopped at that step', async () => {
    const queue = await openQueueBackend(join(dir, 'stop.db'), redis.url);
    try {
      const spec = {
        seed: 2,
        task: { id: 'adding-problem', params: { length: 12 } },
        model: { cell: 'gru', hiddenSize: 16 },
        // far more steps than it will train: the stop ends it
        training: { steps: 200_000, batchSize: 8, evalEvery: 1000, evalBatches: 1, checkpointEvery: 1000, gradNormsEvery: 0 },
      };
      const [runId] = await createSweep(queue.backend, { base: spec, grid: { 'model.cell': ['gru'] }, concurrency: 1 });
      if (runId === undefined) throw new Error('the sweep has no run');
      const store = queue.backend.store;
      await waitUntil('the run trains on the agent', () => queue.trainer.agentOf(runId) === 'worker' && (store.runs.get(runId)?.step ?? 0) > 0);
      const stopped = await queue.backend.dispatcher.dispatch('runs.stop', { id: runId });
      expect(stopped.ok).toBe(true);
      await waitUntil('the run has stopped', () => store.runs.get(runId)?.status === 'stopped');
      const run = store.runs.get(runId);
      const latest = store.checkpoints.info(runId, 'latest');
      // the agent's own stop: a 'latest' checkpoint at the step it stopped at (not the runner's timeout, which saves none)
      expect(latest?.step).toBe(run?.step);
      expect(run?.step).toBeGreaterThan(0);
      expect(run?.step).toBeLessThan(200_000);
      await waitUntil('the agent has ended the trial', () => agent.log().includes(`run ${runId} (store ${queue.trainer.storeId}): done`));
    } finally {
      await queue.close();
    }
  }, 180_000);
});
