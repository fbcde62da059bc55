// `seqlab export` and `seqlab infer` on runs trained by `seqlab train`: ONNX with its parity check,
// then the exported model described, queried and sampled through the same API as the playground.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelExport, ModelInfo, Prediction } from '../../../../core/common/api/entities';
import { createCliFixture, tinySpec, type CliFixture } from './cli-fixture';

let fx: CliFixture;
let charRun: number;
let addingRun: number;

beforeAll(async () => {
  fx = createCliFixture();
  const charLm = {
    seed: 1,
    task: { id: 'char-lm', params: { window: 8, corpusLength: 1000 } },
    model: { cell: 'lstm', hiddenSize: 4, embeddingDim: 4 },
    training: { steps: 6, batchSize: 4, evalEvery: 3, evalBatches: 1, checkpointEvery: 3, gradNormsEvery: 0 },
  };
  const trained = [
    await fx.run(['train', fx.writeJson('char.json', charLm), '--json']),
    await fx.run(['train', fx.writeJson('adding.json', tinySpec(6)), '--json']),
  ];
  expect(trained.map((t) => t.code), trained.map((t) => t.stderr).join('\n')).toEqual([0, 0]);
  [charRun, addingRun] = trained.map((t) => t.json<{ run: { id: number } }>().run.id) as [number, number];
});
afterAll(() => fx.dispose());

describe('seqlab export', () => {
  it('writes an ONNX model that passes its parity check, and records it', async () => {
    const outcome = await fx.run(['export', String(charRun), '--onnx', 'char.onnx', '--json']);
    expect(outcome.code, outcome.stderr).toBe(0);
    const exported = outcome.json<{ export: ModelExport }>().export;
    expect(exported).toMatchObject({ runId: charRun, format: 'onnx', path: join(fx.dir, 'char.onnx'), checkpoint: { kind: 'latest', step: 6 } });
    expect(exported.parity?.passed).toBe(true);
    expect(existsSync(join(fx.dir, 'char.onnx'))).toBe(true);
    const text = await fx.run(['export', String(addingRun), '--onnx', 'adding.onnx']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/parity\s+passed/);
  });

  it('refuses a missing format or an unknown run with exit 2', async () => {
    expect((await fx.run(['export', String(charRun)])).code).toBe(2);
    const unknown = await fx.run(['export', '99', '--onnx', 'x.onnx']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Run 99 does not exist/);
  });
});

describe('seqlab infer', () => {
  it('describes, predicts on and generates from an exported character model', async () => {
    const described = await fx.run(['infer', 'char.onnx', '--json']);
    expect(described.code, described.stderr).toBe(0);
    expect(described.json<{ model: ModelInfo }>().model).toMatchObject({ runId: charRun, cell: 'lstm', hiddenSize: 4, canGenerate: true });

    const generated = await fx.run(['infer', 'char.onnx', '--generate', '--prompt', 'th', '--length', '5', '--temperature', '0', '--json']);
    expect(generated.code, generated.stderr).toBe(0);
    expect(generated.json<{ generation: { tokens: number } }>().generation.tokens).toBeGreaterThan(0);

    const predicted = await fx.run(['infer', 'char.onnx', '--text', 'the', '--json']);
    expect(predicted.code, predicted.stderr).toBe(0);
    expect(predicted.json<{ prediction: Prediction }>().prediction.predicted).toHaveLength(3);
  });

  it('predicts on numbers with a dense model', async () => {
    const outcome = await fx.run(['infer', 'adding.onnx', '--values', '[[0.5,1],[0.2,0],[0.3,1],[0.9,0],[0.1,0]]']);
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stdout).toMatch(/OUTPUT\s+VALUE/);
  });

  it('refuses a file this database did not export, and bad input, with exit 2', async () => {
    const unknown = await fx.run(['infer', 'nowhere.onnx']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/is not an ONNX model exported from/);
    const wrongInput = await fx.run(['infer', 'adding.onnx', '--text', 'abc']);
    expect(wrongInput.code).toBe(2);
    expect((await fx.run(['infer', 'adding.onnx', '--values', 'nope'])).code).toBe(2);
  });
});
