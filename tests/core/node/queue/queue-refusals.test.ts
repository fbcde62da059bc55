// What the queue refuses, with a clear reason: a wrong or missing password (before anything is created, the
// password never printed), and on the agent's side a trial its machine cannot hold, marked failed with why.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SweepDetail } from '../../../../core/common/api/entities';
import { createCliFixture, tinySpec, type CliFixture } from '../cli/cli-fixture';
import { startAgent, type AgentProcess } from './agent-processes';
import { startRedis, type TestRedis } from './redis-server';

const PASSWORD = 'correct-horse';

let redis: TestRedis;
let fx: CliFixture;
let small: AgentProcess | undefined;

beforeAll(async () => {
  redis = await startRedis({ password: PASSWORD });
  fx = createCliFixture();
}, 180_000);

afterAll(async () => {
  await small?.kill('SIGKILL');
  await redis?.stop();
  fx?.dispose();
});

const wrong = () => `redis://:not-it@127.0.0.1:${redis.port}`;

describe('queue refusals', () => {
  it('a wrong password: sweep --queue and the agent are refused with what to check, and nothing is created', async () => {
    const file = fx.writeJson('sweep.json', { base: tinySpec(4), grid: { 'model.hiddenSize': [3] } });
    const sweep = await fx.run(['sweep', file, '--queue', wrong()]);
    expect(sweep.code).toBe(2);
    expect(sweep.stderr).toContain(`The queue at redis://:***@127.0.0.1:${redis.port} refused the password`);
    expect(sweep.stderr).toContain('Check the password (and user) in the queue URL.');
    expect(sweep.stderr).not.toContain('not-it');
    expect(existsSync(fx.databasePath)).toBe(false);

    const agent = await fx.run(['agent', '--redis', wrong()]);
    expect(agent.code).toBe(2);
    expect(agent.stderr).toMatch(/refused the password/);

    const missing = await fx.run(['agent', '--redis', `redis://127.0.0.1:${redis.port}`]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/needs a password: .*Put it in the URL as redis:\/\/:PASSWORD@host:port/);
  }, 180_000);

  it("a trial larger than the agent's machine allows is refused by the agent, and the run says so", async () => {
    const url = `redis://:${PASSWORD}@127.0.0.1:${redis.port}`;
    small = await startAgent(url, 'small', ['--max-memory-mb', '1']);
    const file = fx.writeJson('big.json', { base: { ...tinySpec(4), model: { cell: 'gru', hiddenSize: 256 } }, grid: { 'training.batchSize': [64] } });
    const outcome = await fx.run(['sweep', file, '--queue', url, '--json']);
    expect(outcome.code).toBe(1);
    const [run] = outcome.json<{ sweep: SweepDetail }>().sweep.runs;
    expect(run?.status).toBe('failed');
    expect(run?.error).toMatch(/^On agent small: This machine cannot train the run:\n {2}\(spec\): /);
    expect(run?.step).toBe(0);
  }, 120_000);
});
