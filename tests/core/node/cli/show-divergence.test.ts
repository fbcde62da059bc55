// `seqlab train` and `seqlab show` on a run that explodes without reaching NaN: it ends diverged (exit 1) and
// both say at which step, why, and the last sane loss; a run that trains on through it (action 'warn') lists
// the warning.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunDetail, RunSummary } from '../../../../core/common/api/entities';
import { createCliFixture, type CliFixture } from './cli-fixture';

let fx: CliFixture;
beforeAll(() => {
  fx = createCliFixture();
});
afterAll(() => fx.dispose());

/** An IRNN on the adding problem, Adam at 0.5 without clipping: loss ~1e22 within a few steps, never NaN. */
const exploding = (steps: number, divergence: Record<string, unknown> = {}) => ({
  seed: 1,
  task: { id: 'adding-problem', params: { length: 20 } },
  model: { cell: 'rnn_relu', hiddenSize: 16, init: { recurrent: 'identity' } },
  training: { steps, batchSize: 8, learningRate: 0.5, optimizer: { kind: 'adam' }, clip: { kind: 'none' }, evalEvery: 20, evalBatches: 2, divergence },
});

describe('seqlab show of an exploding run', () => {
  it('ends it as diverged and shows the step, the reason and the last sane loss', async () => {
    const trained = await fx.run(['train', fx.writeJson('boom.json', exploding(300)), '--json']);
    expect(trained.code).toBe(1);
    const { run } = trained.json<{ run: RunSummary }>();
    expect(run.status).toBe('diverged');
    const d = run.divergence;
    if (!d) throw new Error('no divergence');
    expect(d.lastSaneLoss).toBeLessThan(10);
    const text = await fx.run(['show', String(run.id)]);
    expect(text.stdout).toMatch(/status\s+diverged/);
    expect(text.stdout).toContain(
      `  diverged       at step ${d.step}: ${d.reason}; last sane loss ${Number(d.lastSaneLoss?.toPrecision(4))} (step ${d.lastSaneStep})`,
    );
    const json = (await fx.run(['show', String(run.id), '--json'])).json<{ run: RunDetail }>();
    expect(json.run.divergence).toEqual(d);
  });

  it("lists the warnings of a run that trained on through an explosion (action 'warn')", async () => {
    const trained = await fx.run(['train', fx.writeJson('warn.json', exploding(40, { action: 'warn' })), '--json']);
    const { run } = trained.json<{ run: RunSummary }>();
    expect([trained.code, run.status]).toEqual([0, 'completed']);
    expect(run.warnings.length).toBeGreaterThan(0);
    const text = await fx.run(['show', String(run.id)]);
    for (const warning of run.warnings) expect(text.stdout).toContain(`  warning        at step ${warning.step}: ${warning.reason}`);
  });
});
