// Builds the ONNX model of an `ExportableModel`: input layer → recurrent stack (one standard
// RNN / LSTM / GRU operator per layer) → optional dense head and softmax, with dynamic batch and
// sequence axes, optional `sequence_lens`, carried state, and self-describing metadata.
//
// Graph inputs / outputs (T = "seq_len", B = "batch" symbolic dims; L layers, D directions):
//   ids [T, B] int64 (embedding) | x [T, B, I] float     sequence_lens [B] int64 (optional)
//   initial_h [L*D, B, H], initial_c [L*D, B, H] (LSTM)  — when state is carried
//   y [T, B, O] (head at every step) | [B, O] (head on final states) | [T, B, D*H] (no head)
//   Y_h, Y_c [L*D, B, H] — when state is carried
// State rows are indexed k*D + d (d = 0 forward, 1 reverse), as PyTorch's h_n.

import type { ExportableModel, WeightArray } from './exportable-model';
import { checkExportableModel, directions, outputSize, recurrentInputSize } from './exportable-model';
import { GraphBuilder } from './graph-builder';
import type { onnx } from './proto';
import { DataType, attr, encodeModel } from './proto';
import { addRecurrentLayer } from './recurrent-nodes';
import { transposeToFloat32 } from './recurrent-weights';
import type { Readout } from '../tasks/task-vocabulary';

/**
 * Opset 14 is the first with `layout` on RNN / GRU / LSTM; IR 7 is the IR of onnx 1.9, the release
 * that introduced opset 14 (onnx helper's version table), and both load in onnxruntime-node.
 */
export const ONNX_OPSET = 14;
export const ONNX_IR_VERSION = 7;

/** Names of the graph's inputs, outputs and symbolic dims, for callers that feed and read them. */
export const ONNX_IO = {
  ids: 'ids',
  x: 'x',
  sequenceLens: 'sequence_lens',
  initialH: 'initial_h',
  initialC: 'initial_c',
  y: 'y',
  yH: 'Y_h',
  yC: 'Y_c',
  seqLenDim: 'seq_len',
  batchDim: 'batch',
} as const;

/** Metadata key the exporter writes itself: JSON `GraphDescription`. */
export const GRAPH_METADATA_KEY = 'seqlab.graph';

export interface OnnxExportOptions {
  /** Adds the `sequence_lens` int64 [B] input for variable-length batches. Default false. */
  readonly sequenceLens?: boolean;
  /** Adds `initial_h` (`initial_c`) inputs and `Y_h` (`Y_c`) outputs for streaming. Default true. */
  readonly carriedState?: boolean;
  /** `producer_version`, e.g. SeqLab's version. */
  readonly producerVersion?: string;
  readonly graphName?: string;
  readonly docString?: string;
}

/** What the exporter records under `seqlab.graph`, so a reader can drive the model without parsing nodes. */
export interface GraphDescription {
  readonly format: 1;
  /** Features I of `x` (null for ids), vocabulary V of `ids` (null for x). */
  readonly input: { kind: ExportableModel['input']['kind']; features: number | null; vocabSize: number | null };
  readonly cell: ExportableModel['recurrent']['cell'];
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly bidirectional: boolean;
  readonly head: { outFeatures: number; softmax: boolean; bias: boolean; readout: Readout } | null;
  readonly outputSize: number;
  readonly sequenceLens: boolean;
  readonly carriedState: boolean;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

/** Builds the ModelProto (not yet encoded). Throws on an inconsistent model (see checkExportableModel). */
export function buildOnnxModel(model: ExportableModel, options: OnnxExportOptions = {}): onnx.IModelProto {
  checkExportableModel(model);
  const { input, recurrent: stack, head } = model;
  const withLens = options.sequenceLens ?? false;
  const carry = options.carriedState ?? true;
  const lstm = stack.cell === 'lstm';
  const D = directions(stack);
  const H = stack.hiddenSize;
  const T = ONNX_IO.seqLenDim;
  const B = ONNX_IO.batchDim;
  const stateDims = [stack.numLayers * D, B, H];
  const g = new GraphBuilder();

  // Input layer → features [T, B, in_0].
  let features: string;
  if (input.kind === 'embedding') {
    const ids = g.input(ONNX_IO.ids, DataType.int64, [T, B], `token ids in 0..${input.vocabSize - 1}`);
    const table = g.float('embedding.weight', [input.vocabSize, input.dim], input.weight);
    features = g.node('Gather', [table, ids], ['embedding.out'], [attr.int('axis', 0)]);
  } else {
    const I = input.kind === 'dense' ? input.inFeatures : input.features;
    features = g.input(ONNX_IO.x, DataType.float, [T, B, I], 'time-major input features');
    if (input.kind === 'dense') {
      features = linear(g, 'input', features, input.weight, input.bias, input.outFeatures, input.inFeatures);
    }
  }
  let sequenceLens = '';
  if (withLens) {
    const lens = g.input(ONNX_IO.sequenceLens, DataType.int64, [B], 'valid steps of each sequence, 1..T');
    // The recurrent operators take int32 lengths (ONNX type constraint T1).
    sequenceLens = g.node('Cast', [lens], ['sequence_lens.int32'], [attr.int('to', DataType.int32)]);
  }
  const initialH = carry ? g.input(ONNX_IO.initialH, DataType.float, stateDims, 'initial hidden state, row k*D + d') : '';
  const initialC = carry && lstm ? g.input(ONNX_IO.initialC, DataType.float, stateDims, 'initial cell state, row k*D + d') : '';

  // Recurrent stack. A final-state head needs the top layer's Y_h even when state is not carried.
  const finalReadout = head?.readout === 'final-state';
  let x = features;
  let inputSize = recurrentInputSize(input);
  const yH: string[] = [];
  const yC: string[] = [];
  for (let k = 0; k < stack.numLayers; k++) {
    const top = k === stack.numLayers - 1;
    const out = addRecurrentLayer(g, stack, k, inputSize, { x, sequenceLens, initialH, initialC }, carry || (top && finalReadout));
    x = out.y;
    inputSize = D * H;
    yH.push(out.yH);
    yC.push(out.yC);
  }

  // Head, or the last layer's output as is.
  const O = outputSize(model);
  if (head === undefined) {
    g.node('Identity', [x], [ONNX_IO.y]);
  } else {
    if (finalReadout) {
      // Top layer's Y_h [D, B, H] → Transpose(1, 0, 2) [B, D, H] → Reshape [B, D*H] = [forward h_n, reverse h_n].
      const topYH = yH.at(-1);
      if (topYH === undefined) throw new Error('buildOnnxModel: a final-state readout needs at least one recurrent layer, got none');
      const perBatch = g.node('Transpose', [topYH], ['head.final_BDH'], [attr.ints('perm', [1, 0, 2])]);
      x = g.node('Reshape', [perBatch, g.int64('head.final_shape', [2], [0, D * H])], ['head.final_state']);
    }
    const logits = linear(g, 'head', x, head.weight, head.bias, head.outFeatures, D * H);
    g.node(head.softmax ? 'Softmax' : 'Identity', [logits], [ONNX_IO.y], head.softmax ? [attr.int('axis', -1)] : []);
  }
  const yDims = finalReadout ? [B, O] : [T, B, O];
  g.output(
    ONNX_IO.y,
    DataType.float,
    yDims,
    `${finalReadout ? 'one output per sequence' : 'outputs at every step'}${head?.softmax ? ', probabilities over the last axis' : ''}`,
  );
  if (carry) {
    // Concat over layers: [L*D, B, H]; valid with a single input too.
    g.node('Concat', yH, [ONNX_IO.yH], [attr.int('axis', 0)]);
    g.output(ONNX_IO.yH, DataType.float, stateDims, 'final hidden state, row k*D + d');
    if (lstm) {
      g.node('Concat', yC, [ONNX_IO.yC], [attr.int('axis', 0)]);
      g.output(ONNX_IO.yC, DataType.float, stateDims, 'final cell state, row k*D + d');
    }
  }

  const description = describe(model, withLens, carry);
  const metadata = { ...model.metadata, [GRAPH_METADATA_KEY]: JSON.stringify(description) };
  return wrapGraph(g.build(options.graphName ?? 'seqlab', `${stack.cell} L=${stack.numLayers} D=${D} H=${H}`), metadata, options);
}

/** A ModelProto of SeqLab's IR version and opset around `graph`, with `metadata` as its metadata_props. */
export function wrapGraph(
  graph: onnx.IGraphProto,
  metadata: Readonly<Record<string, string>>,
  options: { readonly producerVersion?: string; readonly docString?: string },
): onnx.IModelProto {
  return {
    irVersion: ONNX_IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'SeqLab',
    producerVersion: options.producerVersion ?? '',
    docString: options.docString ?? '',
    graph,
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  };
}

/**
 * A pair of graphs driven together (an encoder–decoder's, a one-to-many model's): each graph's caller-given
 * metadata, with the pair's description (JSON, told apart by `role`) under `descriptionKey`. Refuses caller
 * keys the exporter owns.
 */
export function pairMetadata<Role extends string>(
  where: string,
  descriptionKey: string,
  description: object,
  role: Role,
  given: Readonly<Record<Role, Readonly<Record<string, string>>>> | undefined,
): Record<string, string> {
  for (const key of Object.keys(given?.[role] ?? {})) {
    if (key.startsWith(GRAPH_METADATA_KEY) || key === descriptionKey) throw new Error(`${where}: metadata key "${key}" is reserved for the exporter`);
  }
  return { ...given?.[role], [descriptionKey]: JSON.stringify({ ...description, role }) };
}

/** Builds and encodes the model: the bytes of a .onnx file. */
export function exportOnnxModel(model: ExportableModel, options: OnnxExportOptions = {}): Uint8Array {
  return encodeModel(buildOnnxModel(model, options));
}

/**
 * out = x · weightᵀ (+ bias), [..., inF] → [..., outF]. The weight is stored transposed
 * ([inF, outF]) so one MatMul broadcasts over the leading axes (T and B, or B).
 */
export function linear(g: GraphBuilder, prefix: string, x: string, weight: WeightArray, bias: WeightArray | undefined, outF: number, inF: number): string {
  const wT = g.float(`${prefix}.weight_T`, [inF, outF], transposeToFloat32(weight, outF, inF));
  const product = g.node('MatMul', [x, wT], [`${prefix}.matmul`]);
  if (bias === undefined) return product;
  return g.node('Add', [product, g.float(`${prefix}.bias`, [outF], bias)], [`${prefix}.out`]);
}

function describe(model: ExportableModel, sequenceLens: boolean, carriedState: boolean): GraphDescription {
  const { input, recurrent: stack, head } = model;
  const lstm = stack.cell === 'lstm';
  const inputs: string[] = [input.kind === 'embedding' ? ONNX_IO.ids : ONNX_IO.x];
  if (sequenceLens) inputs.push(ONNX_IO.sequenceLens);
  if (carriedState) inputs.push(ONNX_IO.initialH, ...(lstm ? [ONNX_IO.initialC] : []));
  const outputs: string[] = [ONNX_IO.y];
  if (carriedState) outputs.push(ONNX_IO.yH, ...(lstm ? [ONNX_IO.yC] : []));
  return {
    format: 1,
    input: {
      kind: input.kind,
      features: input.kind === 'embedding' ? null : input.kind === 'dense' ? input.inFeatures : input.features,
      vocabSize: input.kind === 'embedding' ? input.vocabSize : null,
    },
    cell: stack.cell,
    hiddenSize: stack.hiddenSize,
    numLayers: stack.numLayers,
    bidirectional: stack.bidirectional,
    head:
      head === undefined
        ? null
        : { outFeatures: head.outFeatures, softmax: head.softmax, bias: head.bias !== undefined, readout: head.readout ?? 'every-step' },
    outputSize: outputSize(model),
    sequenceLens,
    carriedState,
    inputs,
    outputs,
  };
}
