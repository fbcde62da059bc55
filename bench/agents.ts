// Sweep throughput on agents (#16): the same 8 small trials trained through the queue by 1, then 2 agent
// processes on this machine, timed from the sweep's creation to its last run's end. A measurement, not a test.
// Usage: npx tsx bench/agents.ts [--trials 8] [--steps 300]
import { registerSourceModulePaths } from '../core/node/tools/source-module-paths';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

// The backend's worker entries are `?modulePath` imports (electron-vite); from the sources they are the .ts files.
registerSourceModulePaths();

const { values } = parseArgs({ options: { trials: { type: 'string', default: '8' }, steps: { type: 'string', default: '300' } } });
const trials = Number(values.trials);
const steps = Number(values.steps);
const { startRedis } = await import('../tests/core/node/queue/redis-server');
const { startAgent } = await import('../tests/core/node/queue/agent-processes');
const { allEnded, createSweep, openQueueBackend, waitUntil } = await import('../tests/core/node/queue/queue-fixture');

const sweep = {
  base: {
    seed: 1,
    task: { id: 'adding-problem', params: { length: 20 } },
    model: { cell: 'gru', hiddenSize: 32 },
    training: { steps, batchSize: 16, evalEvery: 100, evalBatches: 1, checkpointEvery: 100, gradNormsEvery: 0 },
  },
  random: { trials, seed: 3, fields: { 'training.learningRate': { min: 0.001, max: 0.03, log: true } } },
  concurrency: trials,
};

async function measure(agentCount: number): Promise<number> {
  const redis = await startRedis();
  const dir = mkdtempSync(join(tmpdir(), 'seqlab-bench-agents-'));
  const agents = await Promise.all(Array.from({ length: agentCount }, (_, i) => startAgent(redis.url, `bench-${i + 1}`)));
  const queue = await openQueueBackend(join(dir, 'bench.db'), redis.url);
  try {
    const started = performance.now();
    const runIds = await createSweep(queue.backend, sweep);
    await waitUntil('the sweep has ended', () => allEnded(queue.backend.store, runIds), 3_600_000);
    const seconds = (performance.now() - started) / 1000;
    const failed = runIds.filter((id) => queue.backend.store.runs.get(id)?.status !== 'completed');
    if (failed.length > 0) throw new Error(`runs ${failed.join(', ')} did not complete`);
    return seconds;
  } finally {
    await queue.close();
    await Promise.all(agents.map((agent) => agent.kill('SIGTERM')));
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const one = await measure(1);
const two = await measure(2);
console.log(`sweep of ${trials} trials × ${steps} steps (GRU 32, adding T=20, B=16), agents of concurrency 1 on this machine:`);
console.log(`  1 agent:  ${one.toFixed(1)} s`);
console.log(`  2 agents: ${two.toFixed(1)} s  (${(one / two).toFixed(2)}× faster; target ≥ 1.8× on a machine with 2 free cores)`);
process.exit(0);
