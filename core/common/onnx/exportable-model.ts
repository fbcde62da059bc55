// `ExportableModel`: what the ONNX exporter needs to know about a trained SeqLab model, in
// PyTorch parameter names and layouts, and the shape checks that run before any graph is built.
//
// Shapes: T time, B batch, I input features, V vocabulary, E embedding size, H hidden units per
// direction, D directions (2 if bidirectional), L layers, G gate blocks (1 RNN, 4 LSTM, 3 GRU),
// O head outputs. Weights are row-major float arrays; every sequence tensor is time-major [T, B, ·].
//
// The exported graph computes, at every step t and batch row b:
//   input     ids [T, B] int64 → Embedding → [T, B, E]
//             | x [T, B, I] → Dense (x · Wᵀ + b) → [T, B, out]  | x [T, B, I] as is
//   recurrent L stacked layers of `cell`, layer k > 0 reading layer k-1's [T, B, D*H]
//   head      optional Dense [T, B, D*H] → [T, B, O] at every step, or top-layer final states
//             [B, D*H] → [B, O]; then optional softmax over O
// With sequence_lens, the recurrent output is 0 at padded steps (onnxruntime, as PyTorch's
// pad_packed_sequence), so an every-step head gives its bias (or softmax of it) there: callers
// should ignore padded steps.

import type { CellName } from '../nn/recurrent-cell';

/** Row-major weights; float64 is accepted (training in float64) and rounded to float32 on export. */
export type WeightArray = Float32Array | Float64Array;

/** Token ids in, an embedding table lookup: out[t, b] = weight[ids[t, b]]. */
export interface EmbeddingInput {
  readonly kind: 'embedding';
  /** V */
  readonly vocabSize: number;
  /** E */
  readonly dim: number;
  /** [V, E] */
  readonly weight: WeightArray;
}

/** Float features in, one linear map with no activation: out = x · weightᵀ + bias (PyTorch nn.Linear). */
export interface DenseInput {
  readonly kind: 'dense';
  readonly inFeatures: number;
  readonly outFeatures: number;
  /** [out, in] */
  readonly weight: WeightArray;
  /** [out] */
  readonly bias: WeightArray;
}

/** Float features in, fed straight to the first recurrent layer. */
export interface FeaturesInput {
  readonly kind: 'features';
  /** I */
  readonly features: number;
}

export type ExportableInput = EmbeddingInput | DenseInput | FeaturesInput;

/**
 * A PyTorch-style stacked recurrent layer (nn.RNN / nn.LSTM / nn.GRU with batch_first = false).
 * `params` holds exactly these names for k in 0..L-1 and suffix '' (and '_reverse' if bidirectional):
 *   weight_ih_l{k}{suffix} [G*H, in_k]   in_0 = the input layer's output size, in_k = D*H above
 *   weight_hh_l{k}{suffix} [G*H, H]
 *   bias_ih_l{k}{suffix}   [G*H]
 *   bias_hh_l{k}{suffix}   [G*H]
 * with gate blocks in the layers' order (LSTM_GATE_ORDER [i, f, g, o], GRU_GATE_ORDER [r, z, n],
 * GRU in the reset-after form n = tanh(W_in x + b_in + r * (W_hn h + b_hn))).
 */
export interface RecurrentStack {
  readonly cell: CellName;
  /** H */
  readonly hiddenSize: number;
  /** L */
  readonly numLayers: number;
  readonly bidirectional: boolean;
  readonly params: Readonly<Record<string, WeightArray>>;
}

/**
 * Linear map out = features · weightᵀ + bias (PyTorch nn.Linear) on the top layer's output, read
 * either at every step (many-to-many: [T, B, D*H] → y [T, B, O]) or once per sequence from the top
 * layer's final states (many-to-one: [forward h_n, reverse h_n] [B, D*H] → y [B, O]; with
 * sequence_lens the forward state is the one after each sequence's own last step).
 */
export interface DenseHead {
  /** O */
  readonly outFeatures: number;
  /** [O, D*H] */
  readonly weight: WeightArray;
  /** [O]; absent for a head without bias. */
  readonly bias?: WeightArray;
  /** Softmax over O (classification, language models); otherwise the raw values (regression, logits). */
  readonly softmax: boolean;
  /** Default 'every-step'. */
  readonly readout?: 'every-step' | 'final-state';
}

export interface ExportableModel {
  readonly input: ExportableInput;
  readonly recurrent: RecurrentStack;
  readonly head?: DenseHead;
  /**
   * Written to `metadata_props` as is: task, vocabulary or normaliser JSON, input / output meaning,
   * SeqLab version, run id, … Keys starting with "seqlab.graph" are reserved for the exporter.
   */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** Gate blocks per cell: G = GATE_BLOCKS[cell] * H rows in every weight. */
export const GATE_BLOCKS: Readonly<Record<CellName, number>> = { rnn_tanh: 1, rnn_relu: 1, lstm: 4, gru: 3 };

/** D */
export function directions(stack: Pick<RecurrentStack, 'bidirectional'>): 1 | 2 {
  return stack.bidirectional ? 2 : 1;
}

/** Features per step that reach the first recurrent layer (in_0). */
export function recurrentInputSize(input: ExportableInput): number {
  switch (input.kind) {
    case 'embedding':
      return input.dim;
    case 'dense':
      return input.outFeatures;
    case 'features':
      return input.features;
  }
}

/** Features per step of the graph's main output `y`: O with a head, D*H without. */
export function outputSize(model: ExportableModel): number {
  return model.head?.outFeatures ?? directions(model.recurrent) * model.recurrent.hiddenSize;
}

/** PyTorch names and shapes of every recurrent parameter, layer by layer, forward before reverse. */
export function recurrentParamShapes(stack: RecurrentStack, inputSize: number): Array<[name: string, shape: number[]]> {
  const D = directions(stack);
  const H = stack.hiddenSize;
  const GH = GATE_BLOCKS[stack.cell] * H;
  const out: Array<[string, number[]]> = [];
  for (let k = 0; k < stack.numLayers; k++) {
    const inK = k === 0 ? inputSize : D * H;
    for (let d = 0; d < D; d++) {
      const s = `_l${k}${d === 1 ? '_reverse' : ''}`;
      out.push([`weight_ih${s}`, [GH, inK]], [`weight_hh${s}`, [GH, H]], [`bias_ih${s}`, [GH]], [`bias_hh${s}`, [GH]]);
    }
  }
  return out;
}

/**
 * Checks every size and weight length of `model` and throws one error naming the field, the
 * expected shape and the actual length. Exporting an inconsistent model is a caller bug.
 */
export function checkExportableModel(model: ExportableModel): void {
  const where = 'checkExportableModel';
  const { input, recurrent: stack, head } = model;
  const positive = (what: string, n: number): void => {
    if (!Number.isInteger(n) || n < 1) throw new Error(`${where}: ${what} must be a positive integer, got ${n}`);
  };
  const sized = (what: string, values: WeightArray | undefined, dims: readonly number[]): void => {
    const n = dims.reduce((a, b) => a * b, 1);
    if (values === undefined) throw new Error(`${where}: ${what} [${dims.join(', ')}] is missing`);
    if (values.length !== n) throw new Error(`${where}: ${what} must be [${dims.join(', ')}] (${n} values), got ${values.length}`);
  };

  if (input.kind === 'embedding') {
    positive('input.vocabSize', input.vocabSize);
    positive('input.dim', input.dim);
    sized('input.weight', input.weight, [input.vocabSize, input.dim]);
  } else if (input.kind === 'dense') {
    positive('input.inFeatures', input.inFeatures);
    positive('input.outFeatures', input.outFeatures);
    sized('input.weight', input.weight, [input.outFeatures, input.inFeatures]);
    sized('input.bias', input.bias, [input.outFeatures]);
  } else {
    positive('input.features', input.features);
  }

  if (!(stack.cell in GATE_BLOCKS)) throw new Error(`${where}: recurrent.cell must be rnn_tanh, rnn_relu, lstm or gru, got "${stack.cell}"`);
  positive('recurrent.hiddenSize', stack.hiddenSize);
  positive('recurrent.numLayers', stack.numLayers);
  const expected = recurrentParamShapes(stack, recurrentInputSize(input));
  for (const [name, dims] of expected) sized(`recurrent.params.${name}`, stack.params[name], dims);
  for (const name of Object.keys(stack.params)) {
    if (!expected.some(([n]) => n === name)) {
      throw new Error(`${where}: recurrent.params.${name} is not a parameter of a ${stack.cell} with L=${stack.numLayers}, D=${directions(stack)}`);
    }
  }

  if (head !== undefined) {
    positive('head.outFeatures', head.outFeatures);
    const DH = directions(stack) * stack.hiddenSize;
    sized('head.weight', head.weight, [head.outFeatures, DH]);
    if (head.bias !== undefined) sized('head.bias', head.bias, [head.outFeatures]);
    if (head.readout !== undefined && head.readout !== 'every-step' && head.readout !== 'final-state') {
      throw new Error(`${where}: head.readout must be 'every-step' or 'final-state', got "${head.readout as string}"`);
    }
  }
  for (const key of Object.keys(model.metadata ?? {})) {
    if (key.startsWith('seqlab.graph')) throw new Error(`${where}: metadata key "${key}" is reserved for the exporter`);
  }
}
