// Runs the parity cases (core/common/onnx/parity.ts) through an exported graph in onnxruntime-node
// and compares every output with SeqLab's forward: the report stored with each ONNX export.

import { env } from 'onnxruntime-node';
import type { GraphDescription } from '../../common/onnx/model-builder';
import { ONNX_IO } from '../../common/onnx/model-builder';
import type { ParityCase, ParityOutputs, ParityReport } from '../../common/onnx/parity';
import { compareCase, parityReport } from '../../common/onnx/parity';
import type { OnnxSession, OnnxTensor } from '../onnx/session';
import { int64Feed } from '../../common/onnx/graph-pair';

/** The onnxruntime-node version in use, e.g. "1.30.0". */
export function onnxRuntimeVersion(): string {
  return env.versions.node ?? env.versions.common;
}

/**
 * The feeds of one run of the graph. Inputs the graph lacks are left out: without `sequence_lens`
 * every sequence is T long, without `initial_h` the state starts at zero.
 * @param lengths [B]; @param h0, c0 [L*D, B, H]
 */
export function graphFeeds(
  graph: GraphDescription,
  input: ParityCase['input'],
  T: number,
  B: number,
  lengths: ArrayLike<number>,
  h0: Float32Array,
  c0: Float32Array | null,
): Record<string, OnnxTensor> {
  const feeds: Record<string, OnnxTensor> = {};
  const stateDims = [graph.numLayers * (graph.bidirectional ? 2 : 1), B, graph.hiddenSize];
  if (input.kind === 'tokens') feeds[ONNX_IO.ids] = int64Feed(input.ids, [T, B]);
  else feeds[ONNX_IO.x] = { data: input.x, dims: [T, B, input.features] };
  if (graph.sequenceLens) feeds[ONNX_IO.sequenceLens] = int64Feed(lengths, [B]);
  if (graph.carriedState) {
    feeds[ONNX_IO.initialH] = { data: h0, dims: stateDims };
    if (graph.cell === 'lstm') feeds[ONNX_IO.initialC] = { data: c0 ?? new Float32Array(h0.length), dims: stateDims };
  }
  return feeds;
}

/** y, Y_h and Y_c of a run as float arrays (Y_h / Y_c empty when the graph does not carry state). */
export function graphOutputs(outputs: Record<string, OnnxTensor>): ParityOutputs {
  const float = (name: string): Float32Array | null => {
    const t = outputs[name];
    if (t === undefined) return null;
    if (!(t.data instanceof Float32Array)) throw new Error(`graphOutputs: output "${name}" is not float32`);
    return t.data;
  };
  const y = float(ONNX_IO.y);
  if (y === null) throw new Error(`graphOutputs: the graph has no "${ONNX_IO.y}" output`);
  return { y, hN: float(ONNX_IO.yH) ?? new Float32Array(0), cN: float(ONNX_IO.yC) };
}

/**
 * Every case through the session. Cases with non-zero initial states or variable lengths need
 * the graph to take them; the model service always exports with both.
 */
export async function runParity(session: OnnxSession, graph: GraphDescription, cases: readonly ParityCase[]): Promise<ParityReport> {
  if (!graph.carriedState || !graph.sequenceLens) throw new Error('runParity: the graph must take sequence_lens and initial states');
  const results = [];
  for (const c of cases) {
    const outputs = await session.run(graphFeeds(graph, c.input, c.steps, c.batch, c.lengths, c.h0, c.c0));
    results.push(compareCase(c, graphOutputs(outputs)));
  }
  return parityReport(results, onnxRuntimeVersion());
}
