// The export of a one-to-many run (twoGraphExport, export-facet.ts): its condition graph at the job's
// path and its decoder step beside it, both carrying `seqlab.conditioned`, checked by tracing SeqLab's
// free-running unroll through the pair in onnxruntime (core/common/onnx/conditioned/conditioned-parity.ts).
import { BOS_ID, EOS_ID } from '../../../common/data/vocabulary';
import type { ConditionedTokens } from '../../../common/onnx/conditioned/conditioned-export';
import { exportConditionedOnnx } from '../../../common/onnx/conditioned/conditioned-export';
import { buildConditionedMetadata } from '../../../common/onnx/conditioned/conditioned-metadata';
import { compareConditionedTrace, conditionedParityCases } from '../../../common/onnx/conditioned/conditioned-parity';
import type { Task } from '../../../common/tasks/task';
import { OnnxConditioned } from './conditioned-onnx';
import { graphNaming } from '../export-files';
import { twoGraphExport } from '../export-facet';

/**
 * The first and end tokens of a token decoder: a vocabulary's <bos> and <eos>; for class outputs the
 * first class and no end. Value decoders start from zeros and ignore this.
 */
export function unrollTokensOf(task: Task): ConditionedTokens {
  return task.output.kind === 'tokens' ? { start: BOS_ID, end: EOS_ID } : { start: 0, end: null };
}

export const CONDITIONED_EXPORT = twoGraphExport({
  kind: 'conditioned',
  graphs(model, { task }, job, provenance) {
    const metadata = { condition: buildConditionedMetadata(task, provenance, 'condition'), 'decoder-step': buildConditionedMetadata(task, provenance, 'decoder-step') };
    const bytes = exportConditionedOnnx(model, { ...graphNaming(job), metadata, tokens: unrollTokensOf(task) });
    return { first: bytes.condition, step: bytes.step };
  },
  open: OnnxConditioned.open,
  async parity(model, { task, spec }, pair) {
    const results = [];
    for (const c of conditionedParityCases(model, task, { seed: spec.seed, start: unrollTokensOf(task).start })) results.push(compareConditionedTrace(c, await pair.trace(c.condition, c.B, c.expected.inputs)));
    return results;
  },
});
