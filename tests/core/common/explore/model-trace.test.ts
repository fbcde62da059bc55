// Traces of one input through a trained model: the explorer's states and gates are the model's own —
// a sequence model's top layer h_t is its recurrent output, an encoder–decoder's decoder states are the
// generation session's, and its attention weights equal attentionMaps' (the runs.attention handler's).
import { describe, expect, it } from 'vitest';
import type { Seq2SeqBatch, SequenceBatch } from '../../../../core/common/data/batch';
import { BOS_ID } from '../../../../core/common/data/vocabulary';
import { layerSignals, traceSeq2Seq, traceSequence, tracedLayerName } from '../../../../core/common/explore/model-trace';
import { attentionMaps } from '../../../../core/common/models/seq2seq/attention-map';
import { Rng } from '../../../../core/common/random/rng';
import { charLm, reverser, seq2seqModel, sequenceModel } from './explore-helpers';

function expectIdentical(label: string, a: ArrayLike<number>, b: ArrayLike<number>): void {
  expect(a.length, `${label}: length`).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) expect.fail(`${label}[${i}]: ${a[i]} !== ${b[i]}`);
}

describe('traceSequence', () => {
  it.each(['lstm', 'gru', 'rnn_tanh'])('%s, 2 layers: every layer and signal over the input; the top layer is the recurrent output', (cell) => {
    const s = charLm(cell, { numLayers: 2 });
    const model = sequenceModel(s);
    const batch = s.task.batch(new Rng(1), 1, 'validation') as SequenceBatch;
    if (batch.input.kind !== 'tokens') throw new Error('token input expected');
    const T = batch.steps;
    const trace = traceSequence(model, batch.input, T);
    expect(trace.layers.map(tracedLayerName)).toEqual(['layer 0', 'layer 1']);
    expect(trace.generated).toBeNull();
    for (const layer of trace.layers) {
      expect([...layer.signals.keys()]).toEqual(layerSignals(cell as 'lstm'));
      for (const values of layer.signals.values()) expect(values).toHaveLength(T * 6);
    }
    // The same input through the model's own layers, not recording: the stack's top-layer output y [T, 1, H].
    if (model.embedding === null) throw new Error('an embedding expected');
    const x = Float32Array.from(model.embedding.forward(batch.input.ids).y);
    const y = model.rnn.forward(x, T, 1).y;
    expectIdentical('top layer h vs y', trace.layers[1]!.signals.get('h')!, y);
  });
});

describe('traceSeq2Seq', () => {
  it.each(['gru', 'lstm'])('%s with attention: attention weights equal attentionMaps; decoder h is the session state', (cell) => {
    const s = reverser(cell, { size: 5 });
    const model = seq2seqModel(s);
    const batch = s.task.batch(new Rng(7), 1, 'validation') as Seq2SeqBatch;
    const S = batch.sourceSteps;
    const trace = traceSeq2Seq(model, batch.source, S, batch.targetSteps);
    const [map] = attentionMaps(model, batch);
    if (map === undefined || trace.attention === null || trace.generated === null) throw new Error('a map and a trace expected');
    expect(Array.from(trace.generated)).toEqual(Array.from(map.generated));
    expect(trace.attention).toHaveLength(map.weights!.length);
    trace.attention.forEach((row, i) => expectIdentical(`attention row ${i}`, row, map.weights![i]!));
    expect(trace.layers.map(tracedLayerName)).toEqual(['encoder layer 0', 'encoder layer 0 (reverse)', 'decoder']);

    // Decoder states: a plain (not recording) session fed the same tokens has the same h after each step.
    const plain = model.session(batch.source, S, 1, batch.sourceLengths);
    const decoder = trace.layers[2]!;
    const H = decoder.hiddenSize;
    const h = decoder.signals.get('h')!;
    let input = BOS_ID;
    trace.generated.forEach((id, i) => {
      plain.step(Int32Array.of(input));
      expectIdentical(`decoder h at step ${i}`, h.subarray(i * H, (i + 1) * H), plain.state().h);
      input = id;
    });
    // Encoder states: the encoder's output y [S, 1, 2H] holds [forward h_t; reverse h_t].
    const enc = model.encoder.forward({ kind: 'tokens', ids: (batch.source as { ids: Int32Array }).ids }, S, 1, batch.sourceLengths);
    const He = enc.y.length / S;
    const forwardH = trace.layers[0]!.signals.get('h')!,
      reverseH = trace.layers[1]!.signals.get('h')!;
    const Hs = He / 2;
    for (let t = 0; t < S; t++) {
      expectIdentical(`encoder forward h_${t}`, forwardH.subarray(t * Hs, (t + 1) * Hs), enc.y.subarray(t * He, t * He + Hs));
      expectIdentical(`encoder reverse h_${t}`, reverseH.subarray(t * Hs, (t + 1) * Hs), enc.y.subarray(t * He + Hs, (t + 1) * He));
    }
  });

  it('without attention: no attention weights, the decoder still traced', () => {
    const s = reverser('gru', null);
    const batch = s.task.batch(new Rng(7), 1, 'validation') as Seq2SeqBatch;
    const trace = traceSeq2Seq(seq2seqModel(s), batch.source, batch.sourceSteps, batch.targetSteps);
    expect(trace.attention).toBeNull();
    expect(trace.layers.at(-1)?.steps).toBe(trace.generated?.length);
  });
});
