// The inference worker's one-to-many pairs, through InferenceEngine on files written here, for the case no
// built-in task trains: a decoder conditioned on feature values that writes tokens. An unroll is SeqLab's
// own (greedy, or sampled from a seed) decoded through the output vocabulary; describe reads the pair's
// metadata; wrong conditions, a changed file, the wrong call, and one graph opened alone are refused.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelInfo, Unroll } from '../../../../../core/common/api/entities';
import { BOS_ID, EOS_ID, Vocabulary } from '../../../../../core/common/data/vocabulary';
import { exportConditionedOnnx } from '../../../../../core/common/onnx/conditioned/conditioned-export';
import { buildConditionedMetadata } from '../../../../../core/common/onnx/conditioned/conditioned-metadata';
import { Rng } from '../../../../../core/common/random/rng';
import { ConditionedModel } from '../../../../../core/common/models/conditioned/conditioned-model';
import { unrollConditioned } from '../../../../../core/common/models/conditioned/conditioned-unroll';
import { initialiseConditioned } from '../../../../../core/common/models/conditioned/init';
import type { Task } from '../../../../../core/common/tasks/task';
import { InferenceEngine } from '../../../../../core/node/models/inference-engine';
import { openSeqlabModel } from '../../../../../core/node/models/inference-model';
import type { InferenceOutcome, ModelRef } from '../../../../../core/node/models/inference-protocol';
import { sha256Hex } from '../../../../../core/node/onnx/write-model';

const dir = mkdtempSync(join(tmpdir(), 'seqlab-unroll-'));
const engine = new InferenceEngine();
afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

const vocabulary = Vocabulary.fromText('abcde');
/** Only what the metadata reads of a task: a word generator conditioned on two features (no such built-in task). */
const task = {
  id: 'words-from-features',
  shape: 'one-to-many',
  loss: 'cross-entropy',
  metrics: [],
  params: {},
  input: { kind: 'dense', features: 2, names: ['size', 'tone'] },
  output: { kind: 'tokens', vocabulary },
} as unknown as Task;

const model = new ConditionedModel({
  condition: { kind: 'dense', features: 2 },
  decoderInput: { kind: 'tokens', vocab: vocabulary.size, embeddingDim: 4 },
  outputSize: vocabulary.size,
  cell: 'lstm',
  hiddenSize: 8,
});
initialiseConditioned(model, new Rng(21));
for (const p of model.params) for (let j = 0; j < p.data.length; j++) p.data[j] = (p.data[j] as number) * 2;

const provenance = { seqlabVersion: '9.9.9', runId: 4, spec: { seed: 1 } };
const bytes = exportConditionedOnnx(model, {
  metadata: { condition: buildConditionedMetadata(task, provenance, 'condition'), 'decoder-step': buildConditionedMetadata(task, provenance, 'decoder-step') },
  tokens: { start: BOS_ID, end: EOS_ID },
});
const conditionPath = join(dir, 'words.onnx'),
  stepPath = join(dir, 'words.step.onnx');
writeFileSync(conditionPath, bytes.condition);
writeFileSync(stepPath, bytes.step);
const ref: ModelRef = { exportId: 9, path: conditionPath, sha256: sha256Hex(bytes.condition), decoderStep: { path: stepPath, sha256: sha256Hex(bytes.step) } };

function value<T>(outcome: InferenceOutcome<unknown>): T {
  if (!outcome.ok) throw new Error(`${outcome.code}: ${outcome.message}`);
  return outcome.value as T;
}

describe('one-to-many pairs in the inference worker', () => {
  it('describes the pair from its metadata: feature condition, token output', async () => {
    const info = value<ModelInfo>(await engine.handle({ type: 'describe', model: ref }));
    expect(info).toMatchObject({
      exportId: 9,
      runId: 4,
      task: { id: 'words-from-features', shape: 'one-to-many' },
      cell: 'lstm',
      hiddenSize: 8,
      input: { kind: 'dense', size: 2, symbols: ['size', 'tone'] },
      output: { kind: 'tokens', values: 'probabilities', size: vocabulary.size },
      canGenerate: false,
    });
  });

  it('unrolls greedily and sampled from a seed as SeqLab does, decoded through the vocabulary', async () => {
    const condition = { kind: 'dense', features: 2, values: Float32Array.of(0.7, -1.2) } as const;
    for (const [temperature, topK, seed] of [
      [0, undefined, undefined],
      [1.3, 3, 11],
    ] as const) {
      const out = value<Unroll>(
        await engine.handle({ type: 'unroll', model: ref, condition: [0.7, -1.2], length: 12, temperature, ...(topK ? { topK, seed } : {}) }),
      );
      const strategy = temperature === 0 ? ({ kind: 'greedy' } as const) : ({ kind: 'sample', temperature, topK: 3 } as const);
      const ours = unrollConditioned(model, condition, 1, { length: 12, tokens: { start: BOS_ID, end: EOS_ID, strategy, rng: new Rng(seed ?? 0) } });
      if (ours.kind !== 'tokens') throw new Error('tokens expected');
      const ids = ours.tokens[0] ?? new Int32Array(0);
      expect(out).toEqual({
        condition: { kind: 'dense', values: [0.7, -1.2] },
        outputNames: [],
        values: null,
        tokens: Array.from(ids, (id) => vocabulary.token(id)),
        text: vocabulary.decodeText(ids, '', { stopAtEos: true, skipSpecial: true }),
        finished: ours.finished[0],
      });
    }
  });

  it('refuses a label or the wrong number of features, other calls, a changed file, and one graph alone', async () => {
    const refusal = async (request: Parameters<InferenceEngine['handle']>[0]): Promise<string> => {
      const outcome = await engine.handle(request);
      if (outcome.ok) throw new Error('expected a refusal');
      return `${outcome.code}: ${outcome.message}`;
    };
    expect(await refusal({ type: 'unroll', model: ref, condition: [1], length: 3, temperature: 0 })).toBe(
      'invalid-input: This model is conditioned on 2 feature values (size, tone); give exactly that many numbers, not 1.',
    );
    expect(await refusal({ type: 'unroll', model: ref, condition: 'big', length: 3, temperature: 0 })).toMatch(/^invalid-input: .*2 feature values/);
    expect(await refusal({ type: 'translate', model: ref, source: 'ab', maxLength: 3, temperature: 0 })).toMatch(
      /^unsupported: This export is a one-to-many model; run it with models\.unroll/,
    );
    expect(await refusal({ type: 'unroll', model: { exportId: null, path: conditionPath }, condition: [1, 2], length: 3, temperature: 0 })).toMatch(
      /^unsupported: This model is not a one-to-many model/,
    );
    expect(await refusal({ type: 'describe', model: { exportId: null, path: conditionPath } })).toMatch(
      /^not-seqlab: .*one graph of an exported one-to-many model/,
    );
    expect(
      await refusal({
        type: 'unroll',
        model: { ...ref, decoderStep: { path: stepPath, sha256: '0'.repeat(64) } },
        condition: [1, 2],
        length: 3,
        temperature: 0,
      }),
    ).toMatch(/^model-changed: /);
    const single = await openSeqlabModel(stepPath);
    expect(single.ok ? '' : single.message).toMatch(/one graph of an exported one-to-many model; run the pair with models\.unroll/);
  });
});
