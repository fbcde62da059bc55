// The playground's inference on real exported files in onnxruntime: a regression prediction carries the true value
// by the task's own definition (or why an edited input has none), a held-out example is the task's own validation
// example, a forecaster's example reaches the requested steps past the window, and every generated token comes with
// the model's probability of it.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Generation, PlaygroundExample, Prediction } from '../../../../core/common/api/entities';
import { heldOutRng } from '../../../../core/common/tasks/held-out';
import { InferenceEngine } from '../../../../core/node/models/inference-engine';
import type { InferenceOutcome, ModelRef } from '../../../../core/node/models/inference-protocol';
import { sha256Hex } from '../../../../core/node/onnx/write-model';
import { exportBytes, smallModel, task } from '../../common/onnx/model-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'seqlab-playground-'));
const engine = new InferenceEngine();
afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

function exported(name: string, t: ReturnType<typeof task>): ModelRef {
  const bytes = exportBytes(smallModel(t, { cell: 'gru', numLayers: 1, bidirectional: false, hiddenSize: 6 }), t, 2);
  const path = join(dir, `${name}.onnx`);
  writeFileSync(path, bytes);
  return { exportId: 1, path, sha256: sha256Hex(bytes) };
}

function value<T>(outcome: InferenceOutcome<unknown>): T {
  if (!outcome.ok) throw new Error(`${outcome.code}: ${outcome.message}`);
  return outcome.value as T;
}

describe('playground inference', () => {
  const adding = task('adding-problem', { length: 6 });
  const addingRef = exported('adding', adding);

  it('gives a regression prediction the true value of the edited input by the task definition', async () => {
    const values = [
      [0.25, 1],
      [0.5, 0],
      [0.125, 0],
      [0.75, 0],
      [0.5, 1],
      [0.9, 0],
    ];
    const prediction = value<Prediction>(await engine.handle({ type: 'predict', model: addingRef, input: { values } }));
    expect(prediction.truth).toEqual({ values: [0.75] });
    expect(prediction.rows).toHaveLength(1);

    const threeMarks = values.map((row, t) => (t === 3 ? [row[0]!, 1] : row));
    const refused = value<Prediction>(await engine.handle({ type: 'predict', model: addingRef, input: { values: threeMarks } }));
    expect(refused.truth).toEqual({ refused: expect.stringContaining('3 step(s) are marked') });
    const sameHalf = values.map((row, t) => [row[0]!, t === 0 || t === 1 ? 1 : 0]);
    const refusedHalf = value<Prediction>(await engine.handle({ type: 'predict', model: addingRef, input: { values: sameHalf } }));
    expect(refusedHalf.truth).toEqual({ refused: expect.stringContaining('one in each half') });
  });

  it('draws a held-out example from the task validation stream with its target', async () => {
    const example = value<PlaygroundExample>(await engine.handle({ type: 'example', model: addingRef, index: 2, steps: 10 }));
    const rng = heldOutRng(adding, 'validation');
    adding.sample(rng, 'validation');
    adding.sample(rng, 'validation');
    const third = adding.sample(rng, 'validation');
    if (third.kind !== 'sequence' || third.input.kind !== 'dense' || third.target.kind !== 'sequence-values')
      throw new Error('adding: a dense sequence example');
    expect(example.index).toBe(2);
    expect(example.input).toEqual({
      values: Array.from({ length: 6 }, (_, t) => Array.from(third.input.kind === 'dense' ? third.input.x.subarray(2 * t, 2 * t + 2) : [])),
    });
    expect(example.target).toEqual({ values: Array.from(third.target.values) });
    expect(example.continuation).toBeNull();
  });

  it("gives a forecaster's example the truth the requested steps past its window", async () => {
    const sine = task('sine-forecast', { window: 8, horizon: 2 });
    const example = value<PlaygroundExample>(await engine.handle({ type: 'example', model: exported('sine', sine), index: 0, steps: 12 }));
    expect('values' in example.input && example.input.values).toHaveLength(8);
    expect(example.continuation).toHaveLength(12);
    expect(example.target).toEqual({ values: example.continuation?.slice(0, 2) });
  });

  it('names the class of a classification example', async () => {
    const waves = task('waveform-classification', { classes: 3, length: 9 });
    const example = value<PlaygroundExample>(await engine.handle({ type: 'example', model: exported('waves', waves), index: 0, steps: 1 }));
    expect('labels' in example.target && waves.output.kind === 'classes' && waves.output.labels.includes(example.target.labels[0]!)).toBe(true);
  });

  it('gives every generated token its probability and the most likely tokens at its step', async () => {
    const lm = exported('lm', task('char-lm', { window: 7, corpusLength: 1000 }));
    const generation = value<Generation>(await engine.handle({ type: 'generate', model: lm, prompt: 'th', length: 6, temperature: 0 }));
    expect(generation.pieces).toHaveLength(6);
    for (const piece of generation.pieces) {
      // greedy: the token picked is the most likely one, so it heads the alternatives with the same probability
      expect(piece.alternatives[0]).toEqual({ text: piece.text, probability: piece.probability });
      expect(piece.probability).toBeGreaterThan(0);
      expect(piece.alternatives.every((a, i, all) => i === 0 || a.probability <= all[i - 1]!.probability)).toBe(true);
    }
    expect(generation.pieces.map((p) => p.text).join('')).toBe(generation.text);
  });
});
