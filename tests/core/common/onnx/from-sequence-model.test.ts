// A SequenceModel exported through exportableFromSequenceModel gives SeqLab's own outputs in
// onnxruntime within 1e-5, for every cell × direction × layer count × fixed / variable lengths ×
// zero / non-zero initial states, with a per-step head (tokens in, softmax) and a final-state head
// (features in, softmax or regression).

import { describe, expect, it } from 'vitest';
import { parityCases } from '../../../../core/common/onnx/parity';
import { exportableFromSequenceModel } from '../../../../core/common/onnx/from-sequence-model';
import { METADATA_KEYS, parseSeqlabMetadata } from '../../../../core/common/onnx/seqlab-metadata';
import { readMetadata } from '../../../../core/common/onnx/proto';
import { runParity } from '../../../../core/node/models/onnx-parity';
import { openSession } from './onnx-test-helpers';
import type { StackShape } from './model-fixtures';
import { exportBytes, graphOf, smallModel, task } from './model-fixtures';

const CELLS = ['rnn_tanh', 'rnn_relu', 'lstm', 'gru'] as const;
const STACKS: StackShape[] = CELLS.flatMap((cell) => [1, 2].flatMap((numLayers) => [false, true].map((bidirectional) => ({ cell, numLayers, bidirectional }))));
const label = (s: StackShape) => `${s.cell} L=${s.numLayers} ${s.bidirectional ? 'bi' : 'uni'}`;

const HEADS = {
  'many-to-many (tokens → softmax every step)': task('char-lm', { window: 7, corpusLength: 1000 }),
  'many-to-one (features → softmax on final states)': task('waveform-classification', { classes: 3, length: 9 }),
  'many-to-one (features → regression on final states)': task('adding-problem', { length: 6 }),
};

describe('exportableFromSequenceModel parity in onnxruntime', () => {
  for (const [head, t] of Object.entries(HEADS)) {
    it.each(STACKS.map((s) => [label(s), s] as const))(`${head}: %s`, async (_name, stack) => {
      const model = smallModel(t, stack, 3);
      const bytes = exportBytes(model, t);
      const session = await openSession(bytes);
      try {
        const cases = parityCases(model, t, { seed: 11, softmax: t.output.kind !== 'dense' });
        const report = await runParity(session, graphOf(bytes), cases);
        // 2 batch sizes × fixed / variable lengths × zero / non-zero states.
        expect(report.cases.map((c) => [c.batch, c.variableLengths, c.initialState])).toEqual([
          [1, false, 'zero'],
          [1, false, 'random'],
          [1, true, 'zero'],
          [1, true, 'random'],
          [4, false, 'zero'],
          [4, false, 'random'],
          [4, true, 'zero'],
          [4, true, 'random'],
        ]);
        // random-init models: within 1e-5 absolute, stricter than the criterion's atol + rtol·|value|
        for (const c of report.cases) expect(c.maxAbsDiff, c.name).toBeLessThanOrEqual(1e-5);
        expect(report.passed).toBe(true);
        if (stack.cell === 'lstm') expect(Object.keys(report.cases[0]?.outputs ?? {})).toEqual(['y', 'Y_h', 'Y_c']);
      } finally {
        await session.close();
      }
    });
  }
});

describe('exportableFromSequenceModel', () => {
  it('names the stack without the rnn. prefix and reads the head where the task does', () => {
    const t = HEADS['many-to-one (features → regression on final states)'];
    const model = smallModel(t, { cell: 'gru', numLayers: 2, bidirectional: true });
    const exported = exportableFromSequenceModel(model, t, { seqlabVersion: '9.9', runId: 4, spec: { seed: 1 } });
    expect(Object.keys(exported.recurrent.params)).toEqual(model.rnn.params.map((p) => p.name.slice('rnn.'.length)));
    expect(exported.input).toEqual({ kind: 'features', features: 2 });
    expect(exported.head).toMatchObject({ outFeatures: 1, softmax: false, readout: 'final-state' });
    expect(exported.recurrent.params.weight_hh_l1_reverse).toBe(model.rnn.params.find((p) => p.name === 'rnn.weight_hh_l1_reverse')?.data);
  });

  it('writes self-describing metadata that reads back', () => {
    const t = HEADS['many-to-many (tokens → softmax every step)'];
    const model = smallModel(t, { cell: 'lstm', numLayers: 1, bidirectional: false });
    const props = readMetadata(exportBytes(model, t, 12));
    expect(props[METADATA_KEYS.runId]).toBe('12');
    const parsed = parseSeqlabMetadata(props);
    if (!parsed.ok) throw new Error(parsed.message);
    const { metadata } = parsed;
    expect(metadata.task).toMatchObject({ id: 'char-lm', shape: 'many-to-many', params: { window: 7, corpusLength: 1000 } });
    expect(metadata.input.encoding).toMatchObject({ kind: 'tokens', tokenization: 'characters' });
    expect(metadata.output).toMatchObject({ readout: 'every-step', values: 'probabilities' });
    const vocabulary = t.input.kind === 'tokens' ? t.input.vocabulary : null;
    expect(metadata.input.encoding.kind === 'tokens' && metadata.input.encoding.vocabulary.tokens).toEqual(vocabulary?.ordinaryTokens);
    expect(metadata.spec).toEqual({ test: true });
    expect(props[METADATA_KEYS.description]).toMatch(/char-lm/);
  });
});
