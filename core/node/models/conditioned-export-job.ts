// The export of a one-to-many run, as the export worker runs it: rebuild the conditioned decoder from the
// run's spec and checkpoint, write its two ONNX graphs — the condition graph at the job's path, the
// decoder step beside it (stepGraphPath) — each atomically with its SHA-256, and run the parity report
// in onnxruntime on the files as written; or write every parameter to one safetensors file. The pieces
// are the encoder–decoder export's (seq2seq-export-job.ts).

import type { DatasetCodecJson } from '../../common/data/import/dataset-codec';
import { BOS_ID, EOS_ID } from '../../common/data/vocabulary';
import type { ConditionedTokens } from '../../common/onnx/conditioned-export';
import { exportConditionedOnnx } from '../../common/onnx/conditioned-export';
import { buildConditionedMetadata } from '../../common/onnx/conditioned-metadata';
import { compareConditionedTrace, conditionedParityCases } from '../../common/onnx/conditioned-parity';
import { buildSeqlabMetadata } from '../../common/onnx/seqlab-metadata';
import type { SpecResult } from '../../common/spec/experiment-spec';
import type { Task } from '../../common/tasks/task';
import { OnnxConditioned } from './conditioned-onnx';
import type { ExportJob, ExportJobResult } from './export-protocol';
import { restoreTrainedModel } from './restore-model';
import { prepareFolder, provenanceOf, writeCheckedPair, writeParamsSafetensors } from './seq2seq-export-job';

type Parsed = Extract<SpecResult, { ok: true }>;

/**
 * The first and end tokens of a token decoder: a vocabulary's <bos> and <eos>; for class outputs the
 * first class and no end. Value decoders start from zeros and ignore this.
 */
export function unrollTokensOf(task: Task): ConditionedTokens {
  return task.output.kind === 'tokens' ? { start: BOS_ID, end: EOS_ID } : { start: 0, end: null };
}

export async function runConditionedExport(job: ExportJob, parsed: Parsed, datasetCodec?: DatasetCodecJson): Promise<ExportJobResult> {
  const restored = restoreTrainedModel(parsed, new Uint8Array(job.checkpoint.bytes), 'conditioned');
  if (!restored.ok) return restored;
  const { model } = restored;
  const { task } = parsed;
  const provenance = provenanceOf(job, datasetCodec);
  const folder = await prepareFolder(job);
  if (folder !== null) return folder;
  if (job.format === 'safetensors') return writeParamsSafetensors(job, model.params, buildSeqlabMetadata(task, true, provenance));

  const tokens = unrollTokensOf(task);
  const bytes = exportConditionedOnnx(model, {
    producerVersion: job.seqlabVersion,
    graphName: `seqlab_run_${job.runId}`,
    docString: `SeqLab run ${job.runId}, ${job.checkpoint.kind} checkpoint at step ${job.checkpoint.step}`,
    metadata: { condition: buildConditionedMetadata(task, provenance, 'condition'), 'decoder-step': buildConditionedMetadata(task, provenance, 'decoder-step') },
    tokens,
  });
  return writeCheckedPair(job.path, job.overwrite, bytes.condition, bytes.step, OnnxConditioned.open, async (pair) => {
    const results = [];
    for (const c of conditionedParityCases(model, task, { seed: parsed.spec.seed, start: tokens.start })) results.push(compareConditionedTrace(c, await pair.trace(c.condition, c.B, c.expected.inputs)));
    return results;
  });
}
