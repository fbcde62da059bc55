// The gate-layout view of a recurrent weight: which rows of a fused PyTorch / SeqLab parameter are
// which gate, and where each gate block lands in the ONNX operator's W / R / B. Built from the same
// constants the layers (LSTM_GATE_ORDER, GRU_GATE_ORDER, RNN_GATE_ORDER) and the exporter
// (ONNX_GATE_ORDER) use, so the view cannot drift from what the code computes.
//
// Shapes: H hidden, G = blocks·H, D directions, in = the layer's input size.
//   PyTorch weight_ih_l{k}{_reverse} [G, in]   →  ONNX l{k}.W [D, G, in], direction d
//   PyTorch weight_hh_l{k}{_reverse} [G, H]    →  ONNX l{k}.R [D, G, H]
//   PyTorch bias_ih_l{k}{_reverse}   [G]       →  ONNX l{k}.B [D, 2G], columns 0 .. G
//   PyTorch bias_hh_l{k}{_reverse}   [G]       →  ONNX l{k}.B [D, 2G], columns G .. 2G

import type { CellName } from '../nn/recurrent-cell';
import { layerWeightNames } from './recurrent-nodes';
import { ONNX_GATE_ORDER, SEQLAB_GATE_ORDER, onnxGateSource } from './recurrent-weights';

export type RecurrentParamKind = 'weight_ih' | 'weight_hh' | 'bias_ih' | 'bias_hh';

/** What each gate letter of the layers' order stands for. */
const GATE_NAMES: Readonly<Record<CellName, Readonly<Record<string, string>>>> = {
  rnn_tanh: { h: 'hidden (tanh)' },
  rnn_relu: { h: 'hidden (ReLU)' },
  lstm: { i: 'input gate', f: 'forget gate', g: 'cell candidate', o: 'output gate' },
  gru: { r: 'reset gate', z: 'update gate', n: 'new (candidate) state' },
};

/**
 * The letter the ONNX operator spec uses for each of our gates (Operators.md: LSTM W[iofc],
 * GRU W[zrh], RNN Wi): LSTM g is ONNX c, GRU n is ONNX h, the RNN's single block is ONNX i.
 */
const ONNX_GATE_LETTER: Readonly<Record<CellName, Readonly<Record<string, string>>>> = {
  rnn_tanh: { h: 'i' },
  rnn_relu: { h: 'i' },
  lstm: { i: 'i', f: 'f', g: 'c', o: 'o' },
  gru: { r: 'r', z: 'z', n: 'h' },
};

/** One gate's H rows of the PyTorch parameter: [start, end). */
export interface GateRows {
  /** The layers' letter (PyTorch's): i, f, g, o / r, z, n / h. */
  readonly gate: string;
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** One gate block in the ONNX tensor: tensor[direction, start .. end) along the gate axis (axis 1). */
export interface OnnxGateBlock {
  readonly gate: string;
  /** The ONNX spec's letter for it. */
  readonly onnxGate: string;
  readonly name: string;
  readonly direction: number;
  readonly start: number;
  readonly end: number;
  /** The rows of the PyTorch parameter it is copied from. */
  readonly from: { readonly start: number; readonly end: number };
}

export interface GateLayout {
  /** PyTorch name, e.g. `weight_hh_l1_reverse`. */
  readonly parameter: string;
  readonly kind: RecurrentParamKind;
  readonly cell: CellName;
  readonly layer: number;
  /** 0 forward, 1 reverse. */
  readonly direction: number;
  readonly hiddenSize: number;
  /** Row blocks of the parameter in SeqLab / PyTorch order. */
  readonly seqlab: readonly GateRows[];
  /** The ONNX initializer (`l{k}.W`, `.R` or `.B`) and the blocks in ONNX order. */
  readonly onnx: { readonly tensor: string; readonly blocks: readonly OnnxGateBlock[] };
}

/** A gate table's entry, or an error naming the table and the gate: the tables must cover every gate of every cell. */
function entry<V>(value: V | undefined, table: string, gate: string | number): V {
  if (value === undefined) throw new Error(`gateLayout: ${table} has no entry for gate ${JSON.stringify(gate)} — the gate tables disagree`);
  return value;
}

const PARAM_NAME = /^(?:rnn\.)?(weight_ih|weight_hh|bias_ih|bias_hh)_l(\d+)(_reverse)?$/;

/**
 * The gate layout of one recurrent parameter.
 * @param parameter a PyTorch name (`weight_ih_l0`, `bias_hh_l2_reverse`; SeqLab's `rnn.` prefix is accepted)
 */
export function gateLayout(cell: CellName, hiddenSize: number, parameter: string): GateLayout {
  const match = PARAM_NAME.exec(parameter);
  if (!match) throw new Error(`gateLayout: "${parameter}" is not a recurrent parameter name (weight_ih_l0, bias_hh_l1_reverse, …)`);
  if (!Number.isInteger(hiddenSize) || hiddenSize < 1) throw new Error(`gateLayout: hiddenSize must be a positive integer, got ${hiddenSize}`);
  const kind = match[1] as RecurrentParamKind;
  const layer = Number(match[2]);
  const direction = match[3] === undefined ? 0 : 1;
  const H = hiddenSize;
  const ours: readonly string[] = SEQLAB_GATE_ORDER[cell];
  const G = ours.length * H;
  const names = GATE_NAMES[cell];
  const letters = ONNX_GATE_LETTER[cell];
  const seqlab = ours.map((gate, j) => ({ gate, name: entry(names[gate], `GATE_NAMES.${cell}`, gate), start: j * H, end: (j + 1) * H }));
  // B holds [Wb | Rb] per direction: the recurrent bias starts G columns in.
  const offset = kind === 'bias_hh' ? G : 0;
  const source = onnxGateSource(cell);
  const blocks = (ONNX_GATE_ORDER[cell] as readonly string[]).map((gate, j) => {
    const from = entry(source[j], `onnxGateSource(${cell})`, j);
    return {
      gate,
      onnxGate: entry(letters[gate], `ONNX_GATE_LETTER.${cell}`, gate),
      name: entry(names[gate], `GATE_NAMES.${cell}`, gate),
      direction,
      start: offset + j * H,
      end: offset + (j + 1) * H,
      from: { start: from * H, end: (from + 1) * H },
    };
  });
  const tensors = layerWeightNames(layer);
  const tensor = kind === 'weight_ih' ? tensors.W : kind === 'weight_hh' ? tensors.R : tensors.B;
  return { parameter: match[0].replace(/^rnn\./, ''), kind, cell, layer, direction, hiddenSize: H, seqlab, onnx: { tensor, blocks } };
}

/** Layouts of every parameter of a stack, layer by layer, forward before reverse (PyTorch's order). */
export function stackGateLayouts(cell: CellName, hiddenSize: number, numLayers: number, bidirectional: boolean): GateLayout[] {
  const out: GateLayout[] = [];
  for (let k = 0; k < numLayers; k++) {
    for (let d = 0; d < (bidirectional ? 2 : 1); d++) {
      for (const kind of ['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh'] as const) {
        out.push(gateLayout(cell, hiddenSize, `${kind}_l${k}${d === 1 ? '_reverse' : ''}`));
      }
    }
  }
  return out;
}
