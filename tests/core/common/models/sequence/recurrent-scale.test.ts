// model.init.recurrentScale: every weight_hh (sequence models; encoder and decoder of seq2seq and conditioned models) is
// s × the one the same seed gives without it, every other parameter is unchanged, the default (1) is exactly today's initialisation, the schema holds the range, and a large scale makes
// the gradient explode through time (‖∂L/∂h_1‖ ≫ ‖∂L/∂h_T‖ for a ReLU RNN, Pascanu et al. 2013).
import { describe, expect, it } from 'vitest';
import { parseExperimentSpec, type ExperimentSpecInput } from '../../../../../core/common/spec/experiment-spec';
import { INIT_LIMITS, sequenceModelSpecSchema } from '../../../../../core/common/spec/model-spec';
import { buildModel } from '../../../../../core/common/models/sequence/build-model';
import { buildSeq2SeqModel } from '../../../../../core/common/models/seq2seq/build-seq2seq';
import { buildConditionedModel } from '../../../../../core/common/models/conditioned/build-conditioned';
import { BatchGradient } from '../../../../../core/common/models/sequence/batch-gradient';
import type { SequenceBatch } from '../../../../../core/common/data/batch';
import type { SequenceModel } from '../../../../../core/common/models/sequence/sequence-model';
import { Rng } from '../../../../../core/common/random/rng';
import type { CellName } from '../../../../../core/common/nn/cell-names';

function built(
  cell: CellName,
  init: Record<string, unknown>,
  extra: Record<string, unknown> = {},
  length = 20,
): { model: SequenceModel; batch: SequenceBatch } {
  const input: ExperimentSpecInput = {
    task: { id: 'adding-problem', params: { length } },
    model: { cell, hiddenSize: 8, numLayers: 2, bidirectional: true, init, ...extra },
  };
  const parsed = parseExperimentSpec(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const { spec, task } = parsed;
  if (spec.model.kind !== 'sequence') throw new Error('a sequence model spec was expected');
  return { model: buildModel(task, spec.model, new Rng(5)), batch: task.batch(new Rng(9), 4) as SequenceBatch };
}

describe('model.init.recurrentScale', () => {
  for (const cell of ['rnn_tanh', 'rnn_relu', 'lstm', 'gru'] as const) {
    it(`${cell}: every weight_hh (each layer and direction) is s × the default from the same seed, everything else identical`, () => {
      const s = 2.5;
      const plain = built(cell, {}).model;
      const scaled = built(cell, { recurrentScale: s }).model;
      const recurrent = plain.params.filter((p) => p.name.includes('weight_hh')).map((p) => p.name);
      expect(recurrent).toHaveLength(4); // 2 layers × 2 directions
      plain.params.forEach((p, i) => {
        const q = scaled.params[i]!;
        expect(q.name).toBe(p.name);
        const expected = p.name.includes('weight_hh') ? Array.from(p.data, (v) => Math.fround(s * v)) : Array.from(p.data);
        expect(Array.from(q.data)).toEqual(expected);
      });
    });
  }

  it('the default is 1 and leaves the initialisation bit-identical (as does an explicit 1)', () => {
    expect(sequenceModelSpecSchema.parse({}).init.recurrentScale).toBe(1);
    expect(sequenceModelSpecSchema.parse({ init: {} }).init.recurrentScale).toBe(1);
    const plain = built('lstm', {}).model;
    const one = built('lstm', { recurrentScale: 1 }).model;
    plain.params.forEach((p, i) => expect(Array.from(one.params[i]!.data)).toEqual(Array.from(p.data)));
  });

  it('scales the IRNN identity too: identityScale × recurrentScale on the diagonal', () => {
    const { model } = built('rnn_relu', { recurrent: 'identity', identityScale: 0.5, recurrentScale: 3 });
    const w = model.params.find((p) => p.name === 'rnn.weight_hh_l0')!;
    expect(w.data[0]).toBe(1.5);
    expect(w.data[1]).toBe(0);
  });

  it('the schema refuses a scale outside (0, 100], named', () => {
    for (const bad of [0, -1, INIT_LIMITS.recurrentScale.max + 1, Number.NaN]) {
      const parsed = parseExperimentSpec({ task: { id: 'adding-problem' }, model: { init: { recurrentScale: bad } } });
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.issues[0]).toMatchObject({ path: 'model.init.recurrentScale' });
    }
    expect(parseExperimentSpec({ task: { id: 'adding-problem' }, model: { init: { recurrentScale: INIT_LIMITS.recurrentScale.max } } }).ok).toBe(true);
  });

  for (const [kind, taskId] of [
    ['seq2seq', 'reverse-string'],
    ['conditioned', 'waveform-generation'],
  ] as const) {
    it(`${kind}: every weight_hh of the encoder and the decoder is s × the default, everything else identical; left out, the spec is unchanged`, () => {
      const build = (init: Record<string, unknown> | undefined) => {
        const parsed = parseExperimentSpec({ task: { id: taskId }, model: { kind, cell: 'gru', hiddenSize: 8, ...(init === undefined ? {} : { init }) } });
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
        const { spec, task } = parsed;
        const model =
          spec.model.kind === 'seq2seq'
            ? buildSeq2SeqModel(task, spec.model, new Rng(4))
            : spec.model.kind === 'conditioned'
              ? buildConditionedModel(task, spec.model, new Rng(4))
              : null;
        if (model === null || spec.model.kind !== kind) throw new Error(`a ${kind} model spec was expected`);
        return { spec: spec.model, params: model.params };
      };
      const plain = build(undefined);
      expect('init' in plain.spec).toBe(false);
      const s = 3;
      const scaled = build({ recurrentScale: s });
      const recurrent = plain.params.filter((p) => p.name.includes('weight_hh'));
      expect(recurrent.length).toBe(kind === 'seq2seq' ? 2 : 1); // encoder and decoder; the decoder alone
      plain.params.forEach((p, i) => {
        const q = scaled.params[i]!;
        expect(q.name).toBe(p.name);
        expect(Array.from(q.data)).toEqual(p.name.includes('weight_hh') ? Array.from(p.data, (v) => Math.fround(s * v)) : Array.from(p.data));
      });
      const one = build({ recurrentScale: 1 });
      plain.params.forEach((p, i) => expect(Array.from(one.params[i]!.data)).toEqual(Array.from(p.data)));
      const refused = parseExperimentSpec({ task: { id: taskId }, model: { kind, init: { recurrentScale: 0 } } });
      expect(refused.ok ? [] : refused.issues.map((i) => i.path)).toEqual(['model.init.recurrentScale']);
    });
  }

  it('a large scale makes ‖∂L/∂h_t‖ grow back through time for a ReLU RNN (it shrinks at the default)', () => {
    const T = 30;
    const ratio = (scale: number) => {
      const { model, batch } = built('rnn_relu', { recurrentScale: scale }, { numLayers: 1, bidirectional: false, hiddenSize: 32 }, T);
      const r = new BatchGradient(model, { mode: 'full' }).compute(batch, { hGradNorms: true });
      const l0 = r.gradNorms?.find((g) => g.layer === 'l0');
      if (!l0) throw new Error('no gradient norms for layer l0');
      return l0.values[0]! / l0.values[T - 1]!;
    };
    const base = ratio(1);
    const exploding = ratio(4);
    expect(base).toBeLessThan(1);
    expect(exploding).toBeGreaterThan(1e3);
  });
});
