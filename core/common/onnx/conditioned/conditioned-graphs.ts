// The two graphs of an exported one-to-many model (ConditionedModel), exactly what
// ConditionedModel.session and DecoderSession.step / stepValues compute:
//
//   condition graph   class id [B] int64:    h0 = tanh(Gather(W_cᵀ, id) + b_c)     (W_c c of a one-hot c is column id)
//                     features [B, C] float: h0 = tanh(c · W_cᵀ + b_c)
//                     c0 = 0 [B, H] (LSTM decoders only)
//   decoder step      x = previous values [B, F] (dense inputs) | emb(token) [B, E] (token inputs)
//                     h_next (c_next) = cell(x, h (c)), out = h_next · W_oᵀ + b_o  (addDecoderStep, shared with seq2seq)
//                     values = out (dense outputs) | logits = out, probs = softmax(out) (token outputs)
//
// Shapes: B streams, C condition classes or features, H hidden, F input features, E embedding size,
// O outputs (V logits).

import type { ConditionedModel } from '../../models/conditioned/conditioned-model';
import { GraphBuilder } from '../graph-builder';
import { linear } from '../model-builder';
import type { onnx } from '../proto';
import { DataType, attr } from '../proto';
import { transposeToFloat32 } from '../recurrent-weights';
import { CONDITIONED_IO } from './conditioned-metadata';
import { addDecoderStep } from '../seq2seq/step-graph';

const isLstm = (model: ConditionedModel): boolean => model.config.cell === 'lstm';

/** Graph inputs and outputs of the condition graph, in order. */
export function conditionGraphIo(model: ConditionedModel): { inputs: string[]; outputs: string[] } {
  const io = CONDITIONED_IO;
  return { inputs: [io.condition], outputs: [io.h0, ...(isLstm(model) ? [io.c0] : [])] };
}

/** Graph inputs and outputs of the decoder-step graph, in order. */
export function conditionedStepGraphIo(model: ConditionedModel): { inputs: string[]; outputs: string[] } {
  const io = CONDITIONED_IO;
  const lstm = isLstm(model);
  return {
    inputs: [outputsLogits(model) ? io.token : io.previous, io.h, ...(lstm ? [io.c] : [])],
    outputs: [...(outputsLogits(model) ? [io.logits, io.probs] : [io.values]), io.hNext, ...(lstm ? [io.cNext] : [])],
  };
}

/** Whether the step reads tokens and writes logits over them (else it reads and writes values): it reads what it wrote. */
export function outputsLogits(model: ConditionedModel): boolean {
  return model.decoder.embedding !== null;
}

export function buildConditionGraph(model: ConditionedModel, name: string): onnx.IGraphProto {
  const io = CONDITIONED_IO;
  const B = io.batchDim;
  const g = new GraphBuilder();
  const { conditioner } = model;
  const C = conditioner.inFeatures,
    H = conditioner.outFeatures;
  let pre: string;
  if (model.config.condition.kind === 'class') {
    const ids = g.input(io.condition, DataType.int64, [B], `class id of each stream, 0..${C - 1}`);
    // W_c · onehot(id) is column id of W_c [H, C], i.e. row id of W_cᵀ [C, H].
    const column = g.node(
      'Gather',
      [g.float('condition.weight_T', [C, H], transposeToFloat32(conditioner.weight.data, H, C)), ids],
      ['condition.column'],
      [attr.int('axis', 0)],
    );
    pre = conditioner.bias === null ? column : g.node('Add', [column, g.float('condition.bias', [H], conditioner.bias.data)], ['condition.out']);
  } else {
    const features = g.input(io.condition, DataType.float, [B, C], 'condition features of each stream');
    pre = linear(g, 'condition', features, conditioner.weight.data, conditioner.bias?.data, H, C);
  }
  g.node('Tanh', [pre], [io.h0]);
  g.output(io.h0, DataType.float, [B, H], 'initial decoder hidden state tanh(W_c c + b_c)');
  if (isLstm(model)) {
    // The cell state starts at 0: a zero row broadcast to h0's shape [B, H].
    const shape = g.node('Shape', [io.h0], ['condition.h0_shape']);
    g.node('Expand', [g.float('condition.zero_row', [1, H], new Float32Array(H)), shape], [io.c0]);
    g.output(io.c0, DataType.float, [B, H], 'initial decoder cell state (zeros)');
  }
  return g.build(name, `condition ${model.config.condition.kind} C=${C} → h0 H=${H}`);
}

export function buildConditionedStepGraph(model: ConditionedModel, name: string): onnx.IGraphProto {
  const io = CONDITIONED_IO;
  const B = io.batchDim;
  const g = new GraphBuilder();
  const { decoder } = model;
  const { embedding } = decoder;
  if (decoder.attention !== null) throw new Error('buildConditionedStepGraph: a conditioned decoder has no attention');
  const H = decoder.hiddenSize,
    O = decoder.head.outFeatures;
  const lstm = isLstm(model);

  let x: string;
  if (embedding !== null) {
    const V = embedding.numEmbeddings,
      E = embedding.embeddingDim;
    const token = g.input(io.token, DataType.int64, [B], `the token each stream read last, 0..${V - 1}`);
    x = g.node('Gather', [g.float('decoder.embedding.weight', [V, E], embedding.weight.data), token], ['decoder.embedding.out'], [attr.int('axis', 0)]);
  } else {
    x = g.input(io.previous, DataType.float, [B, decoder.inputWidth], 'the values each stream wrote at the previous step (zeros at the first)');
  }
  const h = g.input(io.h, DataType.float, [B, H], 'decoder hidden state h_{t-1}');
  const c = lstm ? g.input(io.c, DataType.float, [B, H], 'decoder cell state c_{t-1}') : '';
  const out = addDecoderStep(g, decoder, x, h, c, '');
  if (outputsLogits(model)) {
    g.node('Identity', [out], [io.logits]);
    g.node('Softmax', [out], [io.probs], [attr.int('axis', -1)]);
    g.output(io.logits, DataType.float, [B, O], 'logits over the next token');
    g.output(io.probs, DataType.float, [B, O], 'probabilities over the next token');
  } else {
    g.node('Identity', [out], [io.values]);
    g.output(io.values, DataType.float, [B, O], 'the values written at this step');
  }
  g.output(io.hNext, DataType.float, [B, H], 'decoder hidden state after the step');
  if (lstm) g.output(io.cNext, DataType.float, [B, H], 'decoder cell state after the step');
  return g.build(name, `conditioned decoder step ${model.config.cell} H=${H}, ${embedding !== null ? 'tokens' : 'values'} in`);
}
