// Gate saturation of a trained model over a batch of examples, per layer and direction (saturation.ts
// counts one direction): a sequence model's stack over the batch's valid steps; an encoder–decoder's
// encoder over the valid source steps and its decoder cell over the steps of greedy decoding (each row
// until it writes EOS), as traceSeq2Seq decodes.
//
// Shapes: T steps, B batch, S source steps.

import type { SequenceBatch, Seq2SeqBatch } from '../data/batch';
import type { RecurrentInternals } from '../nn/recorded-internals';
import type { SequenceModel } from '../models/sequence/sequence-model';
import type { Seq2SeqModel } from '../models/seq2seq/seq2seq-model';
import type { TracePart } from './model-trace';
import type { GateSaturation } from './saturation';
import { BOS_ID, EOS_ID } from '../data/vocabulary';
import { argmaxRow } from '../generate/pick';
import { CELLS } from '../nn/cell-stepper';
import { directionSaturation } from './saturation';

export interface LayerSaturation {
  readonly part: TracePart;
  readonly layer: number;
  readonly reverse: boolean;
  readonly gates: readonly GateSaturation[];
}

function stackSaturation(internals: RecurrentInternals, part: TracePart, lengths: ArrayLike<number>): LayerSaturation[] {
  const { cell, gateOrder, T, B, H } = internals;
  const activations = CELLS[cell].gateActivations;
  return internals.directions.map((d) => ({
    part,
    layer: d.layer,
    reverse: d.reverse,
    gates: directionSaturation(d, gateOrder, activations, T, B, H, (t, b) => t < lengths[b]!),
  }));
}

export function sequenceSaturation(model: SequenceModel, batch: SequenceBatch): LayerSaturation[] {
  const { steps: T, batchSize: B, input, lengths } = batch;
  model.beginBatch(input.kind === 'tokens' ? { kind: 'tokens', ids: input.ids } : { kind: 'dense', x: input.x }, T, B);
  const pass = model.forwardWindow(0, T, lengths, null, { training: false, record: true });
  if (pass.internals === undefined) throw new Error('sequenceSaturation: the forward did not record');
  return stackSaturation(pass.internals, 'stack', lengths);
}

export function seq2seqSaturation(model: Seq2SeqModel, batch: Seq2SeqBatch): LayerSaturation[] {
  const { sourceSteps: S, batchSize: B, sourceLengths, targetSteps } = batch;
  const { encoder, session } = model.recordingSession(batch.source, S, B, sourceLengths);
  const V = model.config.targetVocab;
  const input = new Int32Array(B).fill(BOS_ID);
  const taken = new Int32Array(B); // decoder steps row b took, its EOS included
  const finished = new Array<boolean>(B).fill(false);
  let n = 0;
  for (; n < targetSteps && finished.includes(false); n++) {
    const logits = session.step(input);
    for (let b = 0; b < B; b++) {
      if (finished[b]) continue;
      taken[b]!++;
      const id = argmaxRow(logits, b, V);
      input[b] = id;
      if (id === EOS_ID) finished[b] = true;
    }
  }
  const cell = model.decoder.cell.cell;
  const decoder: LayerSaturation = {
    part: 'decoder',
    layer: 0,
    reverse: false,
    gates: directionSaturation(session.recordedSteps(), cell.gateOrder, cell.gateActivations, n, B, model.decoder.hiddenSize, (t, b) => t < taken[b]!),
  };
  return [...stackSaturation(encoder, 'encoder', sourceLengths), decoder];
}
