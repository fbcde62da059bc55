// The decoder-step graph of an exported encoder–decoder: one step of B streams, exactly what
// DecoderSession.step computes (decoder.ts), in the same order:
//
//   x_t      = emb(token)                                      [B, E]
//   with attention (Bahdanau et al. 2015), query h_{t-1}:
//     u      = tanh(memory · W_kᵀ + b + h · W_qᵀ)              [S, B, A]   (h · W_qᵀ broadcast over S)
//     e      = u · v                                           [S, B] → [B, S]
//     alpha  = softmax of e over s < source_lens[b], 0 beyond  [B, S]   (masked with -inf, then Where 0)
//     ctx    = alpha · memory                                  [B, He]  (batched MatMul over B)
//     x_t    = [emb(token); ctx]                               [B, E + He]
//   h_next   = cell(x_t, h)  — the standard ONNX operator over one step, gates as recurrent-weights.ts
//   logits   = [h_next; ctx] · W_oᵀ + b_o   (ctx only with contextToOutput)      [B, V]
//   probs    = softmax(logits)
//
// Without attention the graph takes neither memory nor source_lens and has no attention output.
// `addDecoderStep` (the cell step and the output layer) is shared with the one-to-many step graph
// (conditioned-graphs.ts).
//
// Shapes: B streams, S source steps, E embedding size, He encoder output size, A attention size,
// H decoder hidden, I = E (+ He) the cell input, V target vocabulary.

import type { Decoder } from '../../models/decoder/decoder';
import type { Seq2SeqModel } from '../../models/seq2seq/seq2seq-model';
import type { RecurrentStack } from '../exportable-model';
import { GraphBuilder } from '../graph-builder';
import { linear } from '../model-builder';
import type { onnx } from '../proto';
import { DataType, attr } from '../proto';
import { operatorFor } from '../recurrent-nodes';
import { toOnnxRecurrentWeights, transposeToFloat32 } from '../recurrent-weights';
import { SEQ2SEQ_IO } from './seq2seq-metadata';

/** The decoder cell as a one-layer unidirectional stack under PyTorch's names, weights referenced. */
export function decoderCellStack(decoder: Decoder): RecurrentStack {
  const [weightIh, weightHh, biasIh, biasHh] = decoder.cell.params;
  if (!weightIh || !weightHh || !biasIh || !biasHh) throw new Error('decoderCellStack: the decoder cell has not four parameters');
  return {
    cell: decoder.config.cell,
    hiddenSize: decoder.hiddenSize,
    numLayers: 1,
    bidirectional: false,
    params: { weight_ih_l0: weightIh.data, weight_hh_l0: weightHh.data, bias_ih_l0: biasIh.data, bias_hh_l0: biasHh.data },
  };
}

/** Graph inputs and outputs of the step graph, in order. */
export function stepGraphIo(model: Seq2SeqModel): { inputs: string[]; outputs: string[] } {
  const io = SEQ2SEQ_IO;
  const lstm = model.config.decoder.cell === 'lstm';
  const attention = model.decoder.attention !== null;
  return {
    inputs: [io.token, io.h, ...(lstm ? [io.c] : []), ...(attention ? [io.memory, io.sourceLens] : [])],
    outputs: [io.logits, io.probs, io.hNext, ...(lstm ? [io.cNext] : []), ...(attention ? [io.attention] : [])],
  };
}

export function buildStepGraph(model: Seq2SeqModel, name: string): onnx.IGraphProto {
  const io = SEQ2SEQ_IO;
  const S = io.sourceDim,
    B = io.batchDim;
  const g = new GraphBuilder();
  const { decoder } = model;
  const { embedding, attention } = decoder;
  if (embedding === null) throw new Error('buildStepGraph: a seq2seq decoder reads tokens, but this one has no embedding');
  const V = embedding.numEmbeddings,
    E = embedding.embeddingDim,
    H = decoder.hiddenSize,
    He = decoder.contextSize,
    O = decoder.head.outFeatures;
  const lstm = model.config.decoder.cell === 'lstm';

  const token = g.input(io.token, DataType.int64, [B], `target token each stream reads, 0..${V - 1}`);
  const h = g.input(io.h, DataType.float, [B, H], 'decoder hidden state h_{t-1}');
  const c = lstm ? g.input(io.c, DataType.float, [B, H], 'decoder cell state c_{t-1}') : '';
  const emb = g.node('Gather', [g.float('decoder.embedding.weight', [V, E], embedding.weight.data), token], ['decoder.embedding.out'], [attr.int('axis', 0)]);
  const axes = (label: string, values: number[]): string => g.int64(`axes.${label}`, [values.length], values);

  let x = emb;
  let ctx = '';
  if (attention !== null) {
    const A = attention.attnSize;
    const memory = g.input(io.memory, DataType.float, [S, B, He], 'encoder outputs from the encoder graph');
    const lens = g.input(io.sourceLens, DataType.int64, [B], 'valid source steps of each row, 1..S');
    // Scores e[s, b] = vᵀ tanh(W_k memory[s, b] + b + W_q h_b).
    let keys = g.node('MatMul', [memory, g.float('attention.W_k_T', [He, A], transposeToFloat32(attention.Wk.data, A, He))], ['attention.keys_matmul']);
    if (attention.b !== null) keys = g.node('Add', [keys, g.float('attention.b', [A], attention.b.data)], ['attention.keys']);
    const query = g.node('MatMul', [h, g.float('attention.W_q_T', [H, A], transposeToFloat32(attention.Wq.data, A, H))], ['attention.query']);
    const u = g.node('Tanh', [g.node('Add', [keys, query], ['attention.pre'])], ['attention.u']);
    const scores = g.node('MatMul', [u, g.float('attention.v', [A, 1], attention.v.data)], ['attention.scores_SB1']);
    const scoresSB = g.node('Squeeze', [scores, axes('scores', [2])], ['attention.scores_SB']);
    const scoresBS = g.node('Transpose', [scoresSB], ['attention.scores'], [attr.ints('perm', [1, 0])]);
    // valid[b, s] = s < source_lens[b]: Range(0, S) [S] against source_lens as a column [B, 1].
    const memoryShape = g.node('Shape', [memory], ['attention.memory_shape']);
    const steps = g.node('Gather', [memoryShape, g.int64('attention.time_axis', [], [0])], ['attention.S'], [attr.int('axis', 0)]);
    const positions = g.node('Range', [g.int64('attention.zero', [], [0]), steps, g.int64('attention.one', [], [1])], ['attention.positions']);
    const lensColumn = g.node('Unsqueeze', [lens, axes('lens', [1])], ['attention.lens_column']);
    const valid = g.node('Less', [positions, lensColumn], ['attention.valid']);
    // Masked steps leave the softmax (exp(-inf) = 0); the Where after it makes them exactly 0 whatever the runtime.
    const masked = g.node('Where', [valid, scoresBS, g.float('attention.minus_inf', [], [-Infinity])], ['attention.masked_scores']);
    const soft = g.node('Softmax', [masked], ['attention.softmax'], [attr.int('axis', -1)]);
    const alpha = g.node('Where', [valid, soft, g.float('attention.zero_weight', [], [0])], [io.attention]);
    // ctx[b] = alpha[b] · memory[:, b]: [B, 1, S] · [B, S, He] → [B, 1, He] → [B, He].
    const alphaRow = g.node('Unsqueeze', [alpha, axes('alpha', [1])], ['attention.alpha_B1S']);
    const memoryBSH = g.node('Transpose', [memory], ['attention.memory_BSH'], [attr.ints('perm', [1, 0, 2])]);
    const ctx3 = g.node('MatMul', [alphaRow, memoryBSH], ['attention.context_B1H']);
    ctx = g.node('Squeeze', [ctx3, axes('context', [1])], ['attention.context']);
    x = g.node('Concat', [emb, ctx], ['decoder.cell_input'], [attr.int('axis', 1)]);
  }

  const logits = addDecoderStep(g, decoder, x, h, c, ctx);
  g.node('Identity', [logits], [io.logits]);
  g.node('Softmax', [logits], [io.probs], [attr.int('axis', -1)]);

  // Outputs in the order stepGraphIo lists them.
  g.output(io.logits, DataType.float, [B, O], 'logits over the next target token');
  g.output(io.probs, DataType.float, [B, O], 'probabilities over the next target token');
  g.output(io.hNext, DataType.float, [B, H], 'decoder hidden state after the step');
  if (lstm) g.output(io.cNext, DataType.float, [B, H], 'decoder cell state after the step');
  if (attention !== null) g.output(io.attention, DataType.float, [B, S], 'attention weights over the source steps, 0 at padded steps');
  return g.build(name, `decoder step ${model.config.decoder.cell} H=${H}${attention ? `, additive attention A=${attention.attnSize}` : ''}`);
}

/**
 * One step of the decoder's cell and its output layer (shared with the one-to-many step graph):
 *   h_next, c_next = cell(x, h, c)   the standard ONNX operator over one step: X [1, B, I], states [1, B, H]
 *   out            = [h_next; ctx] · W_oᵀ + b_o   [B, O]   (ctx only when given and contextToOutput)
 * Produces the tensors SEQ2SEQ_IO.hNext (and cNext for LSTM); `c` and `ctx` are '' when absent.
 * @returns the name of the output layer's result `out` [B, O]
 */
export function addDecoderStep(g: GraphBuilder, decoder: Decoder, x: string, h: string, c: string, ctx: string): string {
  const io = SEQ2SEQ_IO;
  const H = decoder.hiddenSize;
  const stack = decoderCellStack(decoder);
  const lstm = stack.cell === 'lstm';
  const w = toOnnxRecurrentWeights(stack, 0, decoder.cellInputSize);
  const { opType, attributes } = operatorFor(stack);
  const unsqueeze0 = (t: string, label: string): string => g.node('Unsqueeze', [t, g.int64(`axes.${label}`, [1], [0])], [`decoder.${label}_1BH`]);
  const opInputs = [
    unsqueeze0(x, 'x'),
    g.float('decoder.cell.W', w.dimsW, w.W),
    g.float('decoder.cell.R', w.dimsR, w.R),
    g.float('decoder.cell.B', w.dimsB, w.B),
    '',
    unsqueeze0(h, 'h'),
    ...(lstm ? [unsqueeze0(c, 'c')] : []),
  ];
  const opOutputs = ['', 'decoder.cell.Y_h', ...(lstm ? ['decoder.cell.Y_c'] : [])];
  g.node(opType, opInputs, opOutputs, [attr.int('hidden_size', H), attr.string('direction', 'forward'), attr.int('layout', 0), ...attributes]);
  const axes0 = (label: string): string => g.int64(`axes.${label}`, [1], [0]);
  const hNext = g.node('Squeeze', ['decoder.cell.Y_h', axes0('h_next')], [io.hNext]);
  if (lstm) g.node('Squeeze', ['decoder.cell.Y_c', axes0('c_next')], [io.cNext]);

  const headIn = ctx !== '' && decoder.contextToOutput ? g.node('Concat', [hNext, ctx], ['decoder.head_input'], [attr.int('axis', 1)]) : hNext;
  const { head } = decoder;
  return linear(g, 'decoder.out', headIn, head.weight.data, head.bias?.data, head.outFeatures, decoder.headInputSize);
}
