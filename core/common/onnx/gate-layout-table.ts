// The gate layout of a whole recurrent stack as the Models view shows it: every parameter's row blocks in
// SeqLab / PyTorch order beside the same blocks in the ONNX operator's W / R / B (gate-layout.ts), with the
// shapes of both tensors.
//
// Shapes: H hidden, G = blocks·H, D directions, in_k = the input size of layer k (I, then D·H).
import type { GateStack } from '../api/entities';
import type { CellName } from '../nn/recurrent-cell';
import { stackGateLayouts } from './gate-layout';
import { ONNX_GATE_ORDER, SEQLAB_GATE_ORDER } from './recurrent-weights';

export interface RecurrentStackShape {
  readonly cell: CellName;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly bidirectional: boolean;
}

export type GateLayoutTable = Omit<GateStack, 'name' | 'graph'>;

/** How a stack's parameters and initializers are named where it lives (a model's stack by default: `weight_ih_l0`, `l0.W`). */
export interface GateLayoutNaming {
  /** Prefix of the parameter names, e.g. `encoder.rnn.` */
  readonly parameterPrefix?: string;
  /** A single cell (PyTorch's LSTMCell / GRUCell names: `weight_ih`, no `_l0`) whose ONNX weights are `${cellPrefix}W`, `R`, `B` (the decoder-step graph's). */
  readonly cellPrefix?: string;
}

/**
 * @param inputSize features (or embedding size) the first layer reads; null when unknown, which leaves the
 *   input dimension of layer 0's weight_ih and W unset
 */
export function gateLayoutTable(stack: RecurrentStackShape, inputSize: number | null, naming: GateLayoutNaming = {}): GateLayoutTable {
  if (naming.cellPrefix !== undefined && (stack.numLayers !== 1 || stack.bidirectional))
    throw new Error('gateLayoutTable: a single cell is one unidirectional layer');
  const parameterName = (name: string): string =>
    naming.cellPrefix !== undefined ? `${naming.cellPrefix}${name.replace(/_l0$/, '')}` : `${naming.parameterPrefix ?? ''}${name}`;
  const tensorName = (name: string): string => (naming.cellPrefix !== undefined ? name.replace(/^l0\./, naming.cellPrefix) : name);
  const { cell, hiddenSize: H, numLayers, bidirectional } = stack;
  if (inputSize !== null && (!Number.isInteger(inputSize) || inputSize < 1))
    throw new Error(`gateLayoutTable: inputSize must be a positive integer or null, got ${inputSize}`);
  const D = bidirectional ? 2 : 1;
  const G = SEQLAB_GATE_ORDER[cell].length * H;
  const parameters = stackGateLayouts(cell, H, numLayers, bidirectional).map((layout) => {
    const inK = layout.layer === 0 ? inputSize : D * H;
    const [shape, onnxShape] =
      layout.kind === 'weight_ih'
        ? [
            [G, inK],
            [D, G, inK],
          ]
        : layout.kind === 'weight_hh'
          ? [
              [G, H],
              [D, G, H],
            ]
          : [[G], [D, 2 * G]];
    return {
      parameter: parameterName(layout.parameter),
      kind: layout.kind,
      layer: layout.layer,
      direction: layout.direction,
      shape,
      seqlab: layout.seqlab.map(({ gate, name, start, end }) => ({ gate, name, start, end })),
      onnx: {
        tensor: tensorName(layout.onnx.tensor),
        shape: onnxShape,
        blocks: layout.onnx.blocks.map(({ gate, onnxGate, name, direction, start, end, from }) => ({
          gate,
          onnxGate,
          name,
          direction,
          start,
          end,
          from: { start: from.start, end: from.end },
        })),
      },
    };
  });
  // ONNX's order in the operator spec's own letters (LSTM [i, o, f, c], GRU [z, r, h])
  const onnxOrder = parameters[0]?.onnx.blocks.map((b) => b.onnxGate) ?? [];
  if (onnxOrder.length !== ONNX_GATE_ORDER[cell].length) throw new Error(`gateLayoutTable: a stack needs at least one layer, got ${numLayers}`);
  return { cell, hiddenSize: H, numLayers, bidirectional, seqlabOrder: [...SEQLAB_GATE_ORDER[cell]], onnxOrder, inputSize, parameters };
}
