// `seqlab infer --condition` on a one-to-many model trained by `seqlab train` on waveform-generation and
// exported as its two graphs: the value of every step from a class label, as JSON or a table.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Unroll } from '../../../../core/common/api/entities';
import { describeUnroll } from '../../../../core/node/cli/infer';
import { createCliFixture, type CliFixture } from './cli-fixture';

let fx: CliFixture;

beforeAll(async () => {
  fx = createCliFixture();
  const spec = {
    seed: 2,
    task: { id: 'waveform-generation', params: { classes: 3, length: 12, period: 6 } },
    model: { kind: 'conditioned', cell: 'lstm', hiddenSize: 8 },
    training: { steps: 6, batchSize: 4, evalEvery: 3, evalBatches: 1, checkpointEvery: 3, gradNormsEvery: 0 },
  };
  const trained = await fx.run(['train', fx.writeJson('wave.json', spec), '--json']);
  expect(trained.code, trained.stderr).toBe(0);
  const runId = trained.json<{ run: { id: number } }>().run.id;
  const exported = await fx.run(['export', String(runId), '--onnx', 'wave.onnx']);
  expect(exported.code, exported.stderr).toBe(0);
  expect(exported.stdout).toContain('decoder step graph');
  expect(existsSync(join(fx.dir, 'wave.step.onnx'))).toBe(true);
});
afterAll(() => fx.dispose());

describe('seqlab infer --condition', () => {
  it('unrolls the pair from a class label: JSON, then a table of every step', async () => {
    const json = await fx.run(['infer', 'wave.onnx', '--condition', 'triangle', '--length', '5', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const unroll = json.json<{ unroll: Unroll }>().unroll;
    expect(unroll.condition).toEqual({ kind: 'class', label: 'triangle', id: 2 });
    expect(unroll.values).toHaveLength(5);

    const text = await fx.run(['infer', 'wave.onnx', '--condition', 'triangle', '--length', '5']);
    expect(text.code, text.stderr).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines[0]).toBe('From class triangle, 5 steps:');
    expect(lines[1]).toMatch(/^STEP\s+y\(t\)$/);
    expect(lines).toHaveLength(7);

    const described = await fx.run(['infer', 'wave.onnx']);
    expect(described.stdout).toMatch(/task\s+waveform-generation \(one-to-many\)/);
    expect(described.stdout).toMatch(/input\s+classes, 3: sine square triangle/);
  });

  it('refuses a label the model does not know, and malformed feature JSON with exit 2', async () => {
    const unknown = await fx.run(['infer', 'wave.onnx', '--condition', 'circle']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"circle" is not a class of this model');
    const bad = await fx.run(['infer', 'wave.onnx', '--condition', '[1, "x"]']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--condition must be a class label, or feature values as a JSON array');
    const both = await fx.run(['infer', 'wave.onnx', '--condition', 'sine', '--text', 'ab']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give one input');
  });
});

describe('describeUnroll', () => {
  it('prints values as a table and tokens as text, with an unfinished note', () => {
    const values = describeUnroll({
      condition: { kind: 'dense', values: [0.5, -1] },
      outputNames: ['a', 'b'],
      values: [
        [1, 2],
        [3, 4],
      ],
      tokens: null,
      text: null,
      finished: true,
    });
    expect(values.split('\n')[0]).toBe('From features [0.5, -1], 2 steps:');
    expect(values.split('\n')).toHaveLength(4);
    const text = describeUnroll({
      condition: { kind: 'class', label: 'x', id: 0 },
      outputNames: [],
      values: null,
      tokens: ['a', 'b'],
      text: 'ab',
      finished: false,
    });
    expect(text).toBe('From class x:\nab  (stopped at 2 tokens without an end token)');
  });
});
