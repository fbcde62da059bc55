// Gate saturation: the fraction of σ gates below 0.05 / above 0.95 and of tanh gates beyond ±0.95,
// counted only over valid steps; on a model, per layer and gate, padded steps left out.
import { describe, expect, it } from 'vitest';
import type { Seq2SeqBatch, SequenceBatch } from '../../../../core/common/data/batch';
import type { DirectionInternals } from '../../../../core/common/nn/recorded-internals';
import { seq2seqSaturation, sequenceSaturation } from '../../../../core/common/explore/model-saturation';
import { SATURATION_MARGIN, directionSaturation } from '../../../../core/common/explore/saturation';
import { Rng } from '../../../../core/common/random/rng';
import { charLm, reverser, seq2seqModel, sequenceModel } from './explore-helpers';

describe('directionSaturation', () => {
  it('counts each end of σ and tanh gates at valid steps only; ReLU is not counted', () => {
    expect(SATURATION_MARGIN).toBe(0.05);
    // T = 2, B = 2, H = 2, gates [s (σ), t (tanh)]: G = 4. Row (t=1, b=1) is padding.
    const gates = Float32Array.from([
      0.01,
      0.5,
      -0.99,
      0.2, // t0 b0
      0.96,
      0.951,
      0.0,
      0.97, // t0 b1
      0.04,
      0.949,
      -0.94,
      0.96, // t1 b0
      0.0,
      0.0,
      -1,
      -1, // t1 b1 (padding)
    ]);
    const d: DirectionInternals = { layer: 0, reverse: false, h: new Float32Array(8), c: null, gates, preActivations: gates };
    const [s, t] = directionSaturation(d, ['s', 't'], ['sigmoid', 'tanh'], 2, 2, 2, (step, b) => !(step === 1 && b === 1));
    expect(s).toEqual({ gate: 's', activation: 'sigmoid', low: 2 / 6, high: 2 / 6, count: 6 });
    expect(t).toEqual({ gate: 't', activation: 'tanh', low: 1 / 6, high: 2 / 6, count: 6 });
    expect(directionSaturation(d, ['s', 't'], ['relu', 'tanh'], 2, 2, 2, () => true).map((g) => g.gate)).toEqual(['t']);
  });
});

describe('model saturation', () => {
  it('a stacked bidirectional LSTM: every layer and direction, the four gates, fractions in [0, 1]', () => {
    const s = charLm('lstm', { numLayers: 2 });
    const batch = s.task.batch(new Rng(3), 4, 'validation') as SequenceBatch;
    const layers = sequenceSaturation(sequenceModel(s), batch);
    expect(layers.map((l) => [l.part, l.layer, l.reverse])).toEqual([
      ['stack', 0, false],
      ['stack', 1, false],
    ]);
    for (const l of layers) {
      expect(l.gates.map((g) => g.gate)).toEqual(['i', 'f', 'g', 'o']);
      for (const g of l.gates) {
        expect(g.count).toBe(4 * batch.steps * 6);
        expect(g.low + g.high).toBeLessThanOrEqual(1);
      }
    }
  });

  it('an encoder–decoder: encoder directions over valid source steps, the decoder over its greedy steps', () => {
    const s = reverser('gru', { size: 5 });
    const batch = s.task.batch(new Rng(3), 5, 'validation') as Seq2SeqBatch;
    const layers = seq2seqSaturation(seq2seqModel(s), batch);
    expect(layers.map((l) => l.part)).toEqual(['encoder', 'encoder', 'decoder']);
    const validSource = Array.from(batch.sourceLengths).reduce((a, n) => a + n, 0);
    expect(layers[0]!.gates.map((g) => [g.gate, g.count])).toEqual([
      ['r', validSource * 6],
      ['z', validSource * 6],
      ['n', validSource * 6],
    ]);
    expect(layers[2]!.gates[0]!.count % 8).toBe(0);
    expect(layers[2]!.gates[0]!.count).toBeGreaterThan(0);
  });
});
