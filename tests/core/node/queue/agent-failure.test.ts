// Failure is normal: an agent SIGKILLed mid-trial, whose trial another agent continues from the last checkpoint
// it sent; and the app closed mid-sweep, whose results wait in Redis (some of them repeated, some late and out of
// order) and are stored at the next start. Either way the runs end exactly as the same runs trained here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TRIALS_QUEUE, resultsStreamKey, runKeys } from '../../../../core/node/queue/queue-keys';
import { ENTRY_FIELD, parseEntry, type ResultEntry } from '../../../../core/node/queue/result-message';
import { startAgent, type AgentProcess } from './agent-processes';
import { allEnded, createSweep, curve, finalParameters, openLocalBackend, openQueueBackend, waitUntil } from './queue-fixture';
import { startRedis, type TestRedis } from './redis-server';

let redis: TestRedis;
let client: Redis;
let dir: string;
const agents: AgentProcess[] = [];

beforeAll(async () => {
  redis = await startRedis();
  client = new Redis(redis.url);
  dir = mkdtempSync(join(tmpdir(), 'seqlab-queue-'));
}, 180_000);

afterEach(async () => {
  await Promise.all(agents.splice(0).map((agent) => agent.kill('SIGKILL')));
});

afterAll(async () => {
  client?.disconnect();
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A trial long enough to be caught in training: a few seconds, a checkpoint every 10 steps. */
function longSpec(seed: number) {
  return {
    seed,
    task: { id: 'adding-problem', params: { length: 12 } },
    model: { cell: 'gru', hiddenSize: 16 },
    training: { steps: 400, batchSize: 8, evalEvery: 50, evalBatches: 1, checkpointEvery: 10, gradNormsEvery: 0 },
  };
}

/** The same sweep trained here: final parameters and curves per trial, in trial order. */
async function trainedHere(sweep: unknown, name: string) {
  const backend = openLocalBackend(join(dir, `${name}-local.db`));
  try {
    const runIds = await createSweep(backend, sweep);
    await waitUntil('the local runs have ended', () => allEnded(backend.store, runIds));
    return runIds.map((id) => ({ status: backend.store.runs.get(id)?.status, params: finalParameters(backend.store, id), curve: curve(backend.store, id) }));
  } finally {
    await backend.close();
  }
}

describe('agents failing', () => {
  it('an agent SIGKILLed mid-trial: another agent resumes the trial from its last checkpoint, with identical results', async () => {
    const sweep = { base: { ...longSpec(11), training: { ...longSpec(11).training, steps: 800 } }, grid: { 'model.cell': ['gru'] }, concurrency: 1 };
    const queue = await openQueueBackend(join(dir, 'kill.db'), redis.url);
    const seen: { agent: string; at: number }[] = [];
    queue.trainer.onAgent = (_runId, agent) => seen.push({ agent, at: Date.now() });
    let killedAt = 0;
    try {
      const pair = await Promise.all(['agent-a', 'agent-b'].map((name) => startAgent(redis.url, name, ['--lock-seconds', '2'])));
      agents.push(...pair);
      const [runId] = await createSweep(queue.backend, sweep);
      if (runId === undefined) throw new Error('the sweep has no run');
      // The agent that took the trial has sent a checkpoint (kept in Redis for a takeover) and trains on.
      const checkpointKey = runKeys(queue.trainer.storeId, runId).checkpoint;
      await waitUntil('the first agent sent a checkpoint', async () => seen.length > 0 && Number(await client.hget(checkpointKey, 'step')) >= 10);
      const doomed = pair.find((agent) => agent.name === seen[0]?.agent);
      const rescuer = pair.find((agent) => agent !== doomed);
      if (!doomed || !rescuer) throw new Error(`no agent named ${seen[0]?.agent}`);
      await doomed.kill('SIGKILL');
      killedAt = Date.now();
      await waitUntil('the run has ended', () => allEnded(queue.backend.store, [runId]));

      const store = queue.backend.store;
      expect(store.runs.get(runId)?.status).toBe('completed');
      expect(seen.map((s) => s.agent)).toEqual([doomed.name, rescuer.name]);
      const resumedAfterMs = (seen[1]?.at ?? 0) - killedAt;
      console.log(`queue: agent killed → trial resumed on another agent after ${resumedAfterMs} ms (lock 2 s)`);
      const [reference] = await trainedHere(sweep, 'kill');
      expect(reference?.status).toBe('completed');
      expect(finalParameters(store, runId)).toEqual(reference?.params);
      // no gap and no row twice: the rows the doomed agent logged after its last checkpoint were trained again
      expect(curve(store, runId)).toEqual(reference?.curve);
    } finally {
      await queue.close();
    }
  }, 300_000);

  it('the app closed mid-sweep: results wait in Redis, repeated and late entries included, and are stored at the next start', async () => {
    const sweep = { base: longSpec(5), grid: { 'training.learningRate': [0.01, 0.02, 0.03] }, concurrency: 3 };
    const databasePath = join(dir, 'restart.db');
    agents.push(await startAgent(redis.url, 'worker'));
    const first = await openQueueBackend(databasePath, redis.url);
    const runIds = await createSweep(first.backend, sweep);
    await waitUntil('some results are stored', () => runIds.some((id) => (first.backend.store.runs.get(id)?.step ?? 0) > 0));
    await first.close();

    // While the app is away, the agent trains everything; it all waits in the stream.
    const trialsClient = new Redis(redis.url, { maxRetriesPerRequest: null });
    const trials = new Queue(TRIALS_QUEUE, { connection: trialsClient });
    try {
      await waitUntil('the agent has trained every trial', async () => {
        const counts = await trials.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        return Object.values(counts).every((count) => count === 0);
      });
    } finally {
      await trials.close();
      trialsClient.disconnect();
    }
    // The stream again, as a bad network delivers it: after each metrics entry, the one before it repeated (the same
    // attempt and place, with other values: it must not overwrite) and a late one from an earlier attempt (an agent the
    // trial was taken from).
    const stream = resultsStreamKey(first.trainer.storeId);
    const waiting = (await client.xrange(stream, '-', '+')) as [string, string[]][];
    const entries = waiting.flatMap(([, fields]) => {
      const entry = parseEntry(fields[1] ?? '');
      return entry === null ? [] : [entry];
    });
    expect(entries.filter((e) => e.message.type === 'metrics').length).toBeGreaterThan(2);
    const garbled = (entry: ResultEntry, attempt: number) => {
      const message = entry.message as Extract<ResultEntry['message'], { type: 'metrics' }>;
      return JSON.stringify({ ...entry, attempt, message: { ...message, rows: message.rows.map((row) => ({ ...row, value: 1234.5 })) } });
    };
    await client.del(stream);
    const previous = new Map<number, ResultEntry>();
    let injected = 0;
    for (const entry of entries) {
      await client.xadd(stream, '*', ENTRY_FIELD, JSON.stringify(entry));
      if (entry.message.type !== 'metrics') continue;
      const before = previous.get(entry.runId);
      if (before) {
        await client.xadd(stream, '*', ENTRY_FIELD, garbled(before, before.attempt));
        await client.xadd(stream, '*', ENTRY_FIELD, garbled(entry, entry.attempt - 1));
        injected += 2;
      }
      previous.set(entry.runId, entry);
    }
    expect(injected).toBeGreaterThan(0);

    const second = await openQueueBackend(databasePath, redis.url);
    try {
      await waitUntil('every run of the sweep has ended', () => allEnded(second.backend.store, runIds));
      const store = second.backend.store;
      const reference = await trainedHere(sweep, 'restart');
      runIds.forEach((id, i) => {
        expect(store.runs.get(id)?.status).toBe('completed');
        expect(finalParameters(store, id)).toEqual(reference[i]?.params);
        expect(curve(store, id)).toEqual(reference[i]?.curve);
      });
      // everything stored was taken off the stream
      await waitUntil('the stream is empty', async () => (await client.xlen(stream)) === 0);
    } finally {
      await second.close();
    }
  }, 300_000);
});
