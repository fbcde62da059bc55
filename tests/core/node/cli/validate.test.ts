// `seqlab validate`: the dry run of train — the resolved spec and its estimate, or every refusal with its
// field, and nothing created (no database file, no run).
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCliFixture, tinySpec, type CliFixture } from './cli-fixture';

let fx: CliFixture;
beforeEach(() => {
  fx = createCliFixture();
});
afterEach(() => fx.dispose());

describe('seqlab validate', () => {
  it('prints the resolved spec with every default, and the estimate, creating nothing', async () => {
    const outcome = await fx.run(['validate', fx.writeJson('spec.json', tinySpec(40)), '--db', fx.databasePath]);
    expect(outcome.code, outcome.stderr).toBe(0);
    const spec = JSON.parse(outcome.stdout) as { model: { cell: string; numLayers: number }; training: { steps: number; optimizer: { kind: string } } };
    expect(spec.model.cell).toBe('gru');
    expect(spec.model.numLayers).toBe(1); // a default the file left out
    expect(spec.training.steps).toBe(40);
    expect(spec.training.optimizer.kind).toBeTypeOf('string');
    expect(outcome.stderr).toMatch(/^The spec spec\.json is valid\.\nEstimate: ≈ .* of memory \(.*\); ≈ .* per step, ≈ .* for 40 steps/);
    expect(existsSync(fx.databasePath)).toBe(false);
  });

  it('refuses a leaky or impossible spec with exit 2 and every problem by field (--json too)', async () => {
    const leaky = { ...tinySpec(10), task: { id: 'char-lm', params: {} }, model: { cell: 'lstm', hiddenSize: 8, bidirectional: true } };
    const refused = await fx.run(['validate', fx.writeJson('leaky.json', leaky)]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('model.bidirectional');
    expect(refused.stdout).toBe('');

    const huge = {
      ...tinySpec(10),
      model: { cell: 'lstm', hiddenSize: 4096, numLayers: 8, bidirectional: true },
      training: { ...tinySpec(10).training, batchSize: 4096 },
    };
    const json = await fx.run(['validate', fx.writeJson('huge.json', huge), '--json']);
    expect(json.code).toBe(2);
    const body = json.json<{ ok: boolean; spec: unknown; estimate: { memory: { total: number } } | null; issues: { path: string; message: string }[] }>();
    expect(body.ok).toBe(false);
    expect(body.spec).toBeNull();
    expect(body.estimate?.memory.total).toBeGreaterThan(64 * 2 ** 30);
    expect(body.issues.map((issue) => issue.message).join('\n')).toMatch(/memory/);
  });

  it('names a file that is not JSON, and a spec on a dataset needs the database that registered it', async () => {
    writeFileSync(join(fx.dir, 'broken.json'), '{ "task": ');
    const broken = await fx.run(['validate', 'broken.json']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('broken.json');

    const onDataset = { ...tinySpec(10), task: { dataset: 1, params: { window: 8 } } };
    const missingDb = await fx.run(['validate', fx.writeJson('dataset.json', onDataset), '--db', join(fx.dir, 'nowhere.db')]);
    expect(missingDb.code).toBe(3);
    expect(missingDb.stderr).toContain('nowhere.db');
  });
});
