// The nodes of one recurrent layer: its ONNX `RNN` / `LSTM` / `GRU` operator (layout = 0, both
// directions in one operator), the slice of the stacked initial state it starts from, and the
// Transpose + Reshape that turns the operator's Y into the next layer's input.
//
// Shapes: T time, B batch, in input features, H hidden, D directions, L layers.
//   operator  X [T, B, in] → Y [T, D, B, H], Y_h [D, B, H], Y_c [D, B, H] (LSTM)
//   output    Y → Transpose(0, 2, 1, 3) [T, B, D, H] → Reshape [T, B, D*H]
//             (D*H feature order: forward h then reverse h, as PyTorch's output)

import type { GraphBuilder } from './graph-builder';
import type { RecurrentStack } from './exportable-model';
import { directions } from './exportable-model';
import { attr } from './proto';
import type { onnx } from './proto';
import { toOnnxRecurrentWeights } from './recurrent-weights';

/** The operator per cell and its cell-specific attributes (ONNX Operators.md, opset 14). */
export function operatorFor(stack: Pick<RecurrentStack, 'cell' | 'bidirectional'>): { opType: 'RNN' | 'LSTM' | 'GRU'; attributes: onnx.IAttributeProto[] } {
  const D = directions(stack);
  switch (stack.cell) {
    case 'rnn_tanh':
    case 'rnn_relu': {
      // RNN takes one activation per direction (default Tanh); ReLU must be named for both.
      const f = stack.cell === 'rnn_tanh' ? 'Tanh' : 'Relu';
      return { opType: 'RNN', attributes: [attr.strings('activations', Array<string>(D).fill(f))] };
    }
    case 'lstm':
      // Defaults f = Sigmoid, g = Tanh, h = Tanh, no peepholes, input_forget = 0: PyTorch's LSTM.
      return { opType: 'LSTM', attributes: [] };
    case 'gru':
      // Reset-after: n = tanh(W_n x + Wb_n + r ⊙ (R_n h + Rb_n)), PyTorch's and cuDNN's GRU.
      return { opType: 'GRU', attributes: [attr.int('linear_before_reset', 1)] };
  }
}

/** Initializer names of layer k's operator weights W [D, G, in], R [D, G, H], B [D, 2G]. */
export function layerWeightNames(k: number): { readonly W: string; readonly R: string; readonly B: string } {
  return { W: `l${k}.W`, R: `l${k}.R`, B: `l${k}.B` };
}

/** Where one layer reads from; '' for an input the graph does not have. */
export interface RecurrentLayerInputs {
  /** [T, B, in] */
  readonly x: string;
  /** int32 [B], or '' (every sequence has length T) */
  readonly sequenceLens: string;
  /** [L*D, B, H] stacked initial hidden state of all layers, or '' (zeros) */
  readonly initialH: string;
  /** [L*D, B, H] (LSTM), or '' */
  readonly initialC: string;
}

/** Tensor names the layer produced. State names are '' when the state is not carried. */
export interface RecurrentLayerOutputs {
  /** [T, B, D*H] */
  readonly y: string;
  /** [D, B, H] */
  readonly yH: string;
  /** [D, B, H] (LSTM) */
  readonly yC: string;
}

/**
 * Adds layer `k` of `stack` to the graph.
 * @param inputSize in_k, features of `inputs.x`
 * @param carryState whether the caller wants this layer's final states (Y_h, Y_c) as tensors
 */
export function addRecurrentLayer(
  g: GraphBuilder,
  stack: RecurrentStack,
  k: number,
  inputSize: number,
  inputs: RecurrentLayerInputs,
  carryState: boolean,
): RecurrentLayerOutputs {
  const D = directions(stack);
  const H = stack.hiddenSize;
  const p = `l${k}`;
  const w = toOnnxRecurrentWeights(stack, k, inputSize);
  const names = layerWeightNames(k);
  const W = g.float(names.W, w.dimsW, w.W);
  const R = g.float(names.R, w.dimsR, w.R);
  const B = g.float(names.B, w.dimsB, w.B);

  const lstm = stack.cell === 'lstm';
  const initialH = layerState(g, inputs.initialH, stack, k, `${p}.initial_h`);
  const initialC = lstm ? layerState(g, inputs.initialC, stack, k, `${p}.initial_c`) : '';

  const { opType, attributes } = operatorFor(stack);
  const opInputs = [inputs.x, W, R, B, inputs.sequenceLens, initialH];
  if (lstm) opInputs.push(initialC);
  const Y = `${p}.Y`;
  const yH = carryState ? `${p}.Y_h` : '';
  const yC = carryState && lstm ? `${p}.Y_c` : '';
  const opOutputs = lstm ? [Y, yH, yC] : [Y, yH];
  g.node(opType, trimOptional(opInputs), trimOptional(opOutputs), [
    attr.int('hidden_size', H),
    attr.string('direction', D === 2 ? 'bidirectional' : 'forward'),
    attr.int('layout', 0),
    ...attributes,
  ]);

  const transposed = g.node('Transpose', [Y], [`${p}.Y_TBDH`], [attr.ints('perm', [0, 2, 1, 3])]);
  // Reshape target [0, 0, D*H]: 0 copies that dim from the input (allowzero = 0), so T and B stay dynamic.
  const shape = g.int64(`${p}.y_shape`, [3], [0, 0, D * H]);
  const y = g.node('Reshape', [transposed, shape], [`${p}.y`]);
  return { y, yH, yC };
}

/** Layer k's [D, B, H] block of a stacked [L*D, B, H] state: rows k*D .. k*D + D - 1. */
function layerState(g: GraphBuilder, stacked: string, stack: RecurrentStack, k: number, name: string): string {
  if (stacked === '' || stack.numLayers === 1) return stacked;
  const D = directions(stack);
  const starts = g.int64(`${name}.starts`, [1], [k * D]);
  const ends = g.int64(`${name}.ends`, [1], [(k + 1) * D]);
  const axes = g.int64(`${name}.axes`, [1], [0]);
  return g.node('Slice', [stacked, starts, ends, axes], [name]);
}

/** Drops trailing omitted optionals (ONNX allows '' in the middle, trailing ones may simply be left out). */
function trimOptional(names: string[]): string[] {
  let n = names.length;
  while (n > 0 && names[n - 1] === '') n--;
  return names.slice(0, n);
}
