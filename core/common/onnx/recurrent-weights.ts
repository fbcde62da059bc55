// PyTorch → ONNX weight layouts: for a recurrent layer, gate blocks reordered through one named
// constant per cell, directions stacked, the two biases concatenated; for a dense layer, Wᵀ.
//
// Shapes: H hidden, G = blocks·H fused gate rows, D directions, in = this layer's input size.
//   PyTorch (per direction)          ONNX (both directions, forward first; ONNX LSTM/GRU/RNN spec)
//   weight_ih [G, in]          →     W [D, G, in]
//   weight_hh [G, H]           →     R [D, G, H]
//   bias_ih [G], bias_hh [G]   →     B [D, 2G] = [Wb (input bias) | Rb (recurrent bias)]

import type { CellName } from '../nn/recurrent-cell';
import { GRU_GATE_ORDER } from '../nn/gru';
import { LSTM_GATE_ORDER } from '../nn/lstm';
import { RNN_GATE_ORDER } from '../nn/rnn';
import type { RecurrentStack, WeightArray } from './exportable-model';
import { directions } from './exportable-model';

/** The layers' own gate order (PyTorch's), the constants forward / backward use. */
export const SEQLAB_GATE_ORDER = {
  rnn_tanh: RNN_GATE_ORDER,
  rnn_relu: RNN_GATE_ORDER,
  lstm: LSTM_GATE_ORDER,
  gru: GRU_GATE_ORDER,
} as const satisfies Record<CellName, readonly string[]>;

export type GateName<C extends CellName> = (typeof SEQLAB_GATE_ORDER)[C][number];

/**
 * ONNX's gate block order per cell, written in the layers' gate names. ONNX LSTM is [i, o, f, c]
 * and its c is our g; ONNX GRU is [z, r, h] and its h is our n (with linear_before_reset = 1,
 * the reset-after form our GRU computes). This is the only place the reorder is stated.
 */
export const ONNX_GATE_ORDER: { readonly [C in CellName]: readonly GateName<C>[] } = {
  rnn_tanh: ['h'],
  rnn_relu: ['h'],
  lstm: ['i', 'o', 'f', 'g'],
  gru: ['z', 'r', 'n'],
};

/** For ONNX block j, the index of the same gate in SeqLab's order: LSTM [0, 3, 1, 2], GRU [1, 0, 2]. */
export function onnxGateSource(cell: CellName): number[] {
  const ours: readonly string[] = SEQLAB_GATE_ORDER[cell];
  return ONNX_GATE_ORDER[cell].map((gate) => ours.indexOf(gate));
}

/** One layer's weights in ONNX layout, float32, with their dims. */
export interface OnnxRecurrentWeights {
  /** [D, G, in] */
  readonly W: Float32Array;
  /** [D, G, H] */
  readonly R: Float32Array;
  /** [D, 2G] */
  readonly B: Float32Array;
  readonly dimsW: readonly [number, number, number];
  readonly dimsR: readonly [number, number, number];
  readonly dimsB: readonly [number, number];
}

/**
 * Reorders layer `k` of `stack` into ONNX layout. Shapes are assumed checked by
 * `checkExportableModel`; a missing parameter still throws here, naming it.
 * @param inputSize in_k, this layer's input features
 */
export function toOnnxRecurrentWeights(stack: RecurrentStack, layer: number, inputSize: number): OnnxRecurrentWeights {
  const D = directions(stack);
  const H = stack.hiddenSize;
  const source = onnxGateSource(stack.cell);
  const G = source.length * H;
  const W = new Float32Array(D * G * inputSize);
  const R = new Float32Array(D * G * H);
  const B = new Float32Array(D * 2 * G);
  for (let d = 0; d < D; d++) {
    const suffix = `_l${layer}${d === 1 ? '_reverse' : ''}`;
    const param = (name: string): WeightArray => {
      const p = stack.params[name + suffix];
      if (p === undefined) throw new Error(`toOnnxRecurrentWeights: missing parameter ${name}${suffix}`);
      return p;
    };
    permuteBlocks(param('weight_ih'), source, H * inputSize, W, d * G * inputSize);
    permuteBlocks(param('weight_hh'), source, H * H, R, d * G * H);
    permuteBlocks(param('bias_ih'), source, H, B, d * 2 * G);
    permuteBlocks(param('bias_hh'), source, H, B, d * 2 * G + G);
  }
  return { W, R, B, dimsW: [D, G, inputSize], dimsR: [D, G, H], dimsB: [D, 2 * G] };
}

/** dst[offset + j*blockSize ..] = src[source[j]*blockSize ..] for every block j (H rows of a fused matrix). */
function permuteBlocks(src: WeightArray, source: readonly number[], blockSize: number, dst: Float32Array, offset: number): void {
  source.forEach((from, j) => dst.set(src.subarray(from * blockSize, (from + 1) * blockSize), offset + j * blockSize));
}

/** weightᵀ for MatMul: [rows, cols] → [cols, rows], float32 (ONNX MatMul computes x · Wᵀ as x · (Wᵀ)). */
export function transposeToFloat32(weight: WeightArray, rows: number, cols: number): Float32Array {
  if (weight.length !== rows * cols) throw new Error(`transposeToFloat32: expected [${rows}, ${cols}] (${rows * cols} values), got ${weight.length}`);
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = weight[r * cols + c]!;
  return out;
}
