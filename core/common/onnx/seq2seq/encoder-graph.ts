// The encoder graph of an exported encoder–decoder: source → (embedding) → the encoder's recurrent
// stack (one standard RNN / LSTM / GRU operator per layer, gates reordered as in recurrent-weights.ts,
// stacked and bidirectional, with sequence_lens) → memory, and the bridge to the decoder's initial
// state, exactly as Seq2SeqModel.session computes them:
//
//   memory [S, B, He]  the top layer's outputs, 0 at padded steps (the operators zero them)
//   final  [B, He]     the top layer's Y_h [D, B, H] → Transpose(1, 0, 2) → Reshape: [h_fwd; h_bwd]
//   copy:   h0 = final,                    c0 = final cell state (LSTM → LSTM) or 0
//   linear: h0 = tanh(final · Wᵀ + b),     c0 = 0
//
// Shapes: S source steps, B batch, I source features (E embedding size), H_enc hidden per direction,
// D directions, L layers, He = D*H_enc, H decoder hidden.

import type { Seq2SeqModel } from '../../models/seq2seq/seq2seq-model';
import type { RecurrentStack, WeightArray } from '../exportable-model';
import { GraphBuilder } from '../graph-builder';
import { linear } from '../model-builder';
import type { onnx } from '../proto';
import { DataType, attr } from '../proto';
import { addRecurrentLayer } from '../recurrent-nodes';
import { SEQ2SEQ_IO } from './seq2seq-metadata';

const ENCODER_PARAM_PREFIX = 'encoder.rnn.';

/** The encoder's recurrent stack under PyTorch's names (`weight_ih_l0`, …), weights referenced. */
export function encoderStack(model: Seq2SeqModel): RecurrentStack {
  const { rnn } = model.encoder;
  const params: Record<string, WeightArray> = {};
  for (const p of rnn.params) {
    if (!p.name.startsWith(ENCODER_PARAM_PREFIX)) throw new Error(`encoderStack: parameter ${p.name} does not start with "${ENCODER_PARAM_PREFIX}"`);
    params[p.name.slice(ENCODER_PARAM_PREFIX.length)] = p.data;
  }
  return { cell: model.config.encoder.cell, hiddenSize: rnn.hiddenSize, numLayers: rnn.numLayers, bidirectional: rnn.numDirections === 2, params };
}

/** Graph inputs and outputs of the encoder graph, in order. */
export function encoderGraphIo(model: Seq2SeqModel): { inputs: string[]; outputs: string[] } {
  const io = SEQ2SEQ_IO;
  return { inputs: [io.source, io.sourceLens], outputs: [io.memory, io.h0, ...(model.config.decoder.cell === 'lstm' ? [io.c0] : [])] };
}

export function buildEncoderGraph(model: Seq2SeqModel, name: string): onnx.IGraphProto {
  const io = SEQ2SEQ_IO;
  const S = io.sourceDim,
    B = io.batchDim;
  const g = new GraphBuilder();
  const { encoder, bridge } = model;
  const stack = encoderStack(model);
  const D = encoder.rnn.numDirections,
    Henc = encoder.rnn.hiddenSize,
    He = encoder.outputSize;
  const H = model.config.decoder.hiddenSize;

  // Source → features [S, B, in_0].
  let x: string;
  if (encoder.embedding !== null) {
    const V = encoder.embedding.numEmbeddings,
      E = encoder.embedding.embeddingDim;
    const ids = g.input(io.source, DataType.int64, [S, B], `source token ids in 0..${V - 1}, padded after each row's source_lens`);
    x = g.node('Gather', [g.float('encoder.embedding.weight', [V, E], encoder.embedding.weight.data), ids], ['encoder.embedding.out'], [attr.int('axis', 0)]);
  } else {
    x = g.input(io.source, DataType.float, [S, B, encoder.rnn.inputSize], "source features, time-major, padded after each row's source_lens");
  }
  const lens = g.input(io.sourceLens, DataType.int64, [B], 'valid source steps of each row, 1..S');
  // The recurrent operators take int32 lengths (ONNX type constraint T1).
  const lens32 = g.node('Cast', [lens], ['source_lens.int32'], [attr.int('to', DataType.int32)]);

  let inputSize = encoder.rnn.inputSize;
  let top = { y: '', yH: '', yC: '' };
  for (let k = 0; k < stack.numLayers; k++) {
    const last = k === stack.numLayers - 1;
    top = addRecurrentLayer(g, stack, k, inputSize, { x, sequenceLens: lens32, initialH: '', initialC: '' }, last);
    x = top.y;
    inputSize = D * Henc;
  }
  g.node('Identity', [x], [io.memory]);
  g.output(io.memory, DataType.float, [S, B, He], 'top-layer encoder outputs [forward h; reverse h], 0 at padded steps');

  // [D, B, H] → [B, D*H]: row b = [forward state; reverse state] as Encoder.gatherTop lays it out.
  const finalOf = (state: string, label: string): string => {
    const perRow = g.node('Transpose', [state], [`encoder.${label}_BDH`], [attr.ints('perm', [1, 0, 2])]);
    return g.node('Reshape', [perRow, g.int64(`encoder.${label}_shape`, [2], [0, He])], [`encoder.${label}`]);
  };
  const final = finalOf(top.yH, 'final_h');
  if (bridge.linear === null) {
    g.node('Identity', [final], [io.h0]);
  } else {
    const pre = linear(g, 'bridge', final, bridge.linear.weight.data, bridge.linear.bias?.data, H, He);
    g.node('Tanh', [pre], [io.h0]);
  }
  g.output(io.h0, DataType.float, [B, H], 'initial decoder hidden state');
  if (model.config.decoder.cell === 'lstm') {
    const copiesCell = bridge.linear === null && model.config.encoder.cell === 'lstm';
    if (copiesCell) {
      g.node('Identity', [finalOf(top.yC, 'final_c')], [io.c0]);
    } else {
      // The bridge starts the cell state at 0: a zero row broadcast to h0's shape [B, H].
      const shape = g.node('Shape', [io.h0], ['bridge.h0_shape']);
      g.node('Expand', [g.float('bridge.zero_row', [1, H], new Float32Array(H)), shape], [io.c0]);
    }
    g.output(io.c0, DataType.float, [B, H], copiesCell ? "initial decoder cell state (the encoder's final cell state)" : 'initial decoder cell state (zeros)');
  }
  return g.build(name, `encoder ${stack.cell} L=${stack.numLayers} D=${D} H=${Henc}, bridge ${bridge.mode}`);
}
