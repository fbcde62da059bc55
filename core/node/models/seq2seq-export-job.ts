// The export of an encoder–decoder run, as the export worker runs it: rebuild the model from the run's
// spec (buildRunModel) and checkpoint, write its two ONNX graphs — the encoder at the job's path, the
// decoder step beside it (stepGraphPath) — each atomically with its SHA-256, and run the parity report
// in onnxruntime on the files as written; or write every parameter to one safetensors file.

import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DatasetCodecJson } from '../../common/data/import/dataset-codec';
import { buildRunModel, loadParams } from '../../common/model/run-model';
import { encodeSafetensors } from '../../common/model/safetensors';
import { parityReport } from '../../common/onnx/parity';
import { exportSeq2SeqOnnx } from '../../common/onnx/seq2seq-export';
import { buildSeq2SeqMetadata } from '../../common/onnx/seq2seq-metadata';
import { compareSeq2SeqTrace, seq2seqParityCases } from '../../common/onnx/seq2seq-parity';
import type { ExportProvenance } from '../../common/onnx/seqlab-metadata';
import { buildSeqlabMetadata } from '../../common/onnx/seqlab-metadata';
import { Rng } from '../../common/random/rng';
import type { Seq2SeqModel } from '../../common/seq2seq/seq2seq-model';
import type { SpecResult } from '../../common/spec/experiment-spec';
import { decodeCheckpoint } from '../../common/train/checkpoint-codec';
import type { WrittenModel } from '../onnx/write-model';
import { writeOnnxModel } from '../onnx/write-model';
import type { ExportJob, ExportJobResult } from './export-protocol';
import { onnxRuntimeVersion } from './onnx-parity';
import { OnnxSeq2Seq } from './seq2seq-onnx';

type Parsed = Extract<SpecResult, { ok: true }>;

/** Where the decoder-step graph goes beside the encoder graph: `run-3.onnx` → `run-3.step.onnx`. */
export function stepGraphPath(encoderPath: string): string {
  return encoderPath.toLowerCase().endsWith('.onnx') ? `${encoderPath.slice(0, -'.onnx'.length)}.step.onnx` : `${encoderPath}.step.onnx`;
}

/** The trained encoder–decoder of a seq2seq run, or why it cannot be rebuilt. */
export function restoreSeq2SeqModel(parsed: Parsed, checkpointBytes: Uint8Array): { ok: true; model: Seq2SeqModel } | Extract<ExportJobResult, { ok: false }> {
  let model: Seq2SeqModel;
  try {
    const built = buildRunModel(parsed.task, parsed.spec.model, new Rng(0)); // initial values are overwritten below
    if (built.kind !== 'seq2seq') return { ok: false, code: 'unsupported-model', message: `This run trains a ${built.kind} model, not an encoder–decoder.` };
    model = built.model;
  } catch (e) {
    return { ok: false, code: 'unsupported-model', message: `The run's encoder–decoder cannot be rebuilt for its task (${(e as Error).message}).` };
  }
  let params: Readonly<Record<string, Float32Array>>;
  try {
    params = decodeCheckpoint(checkpointBytes).checkpoint.params;
  } catch (e) {
    return { ok: false, code: 'bad-checkpoint', message: `The run's checkpoint cannot be read (${(e as Error).message}).` };
  }
  const problem = loadParams(model.params, params);
  if (problem !== null) return { ok: false, code: 'bad-checkpoint', message: `The checkpoint has ${problem}; it does not belong to this run's model.` };
  return { ok: true, model };
}

export async function runSeq2SeqExport(job: ExportJob, parsed: Parsed, datasetCodec?: DatasetCodecJson): Promise<ExportJobResult> {
  const restored = restoreSeq2SeqModel(parsed, new Uint8Array(job.checkpoint.bytes));
  if (!restored.ok) return restored;
  const { model } = restored;
  const { task } = parsed;
  const provenance: ExportProvenance = {
    seqlabVersion: job.seqlabVersion,
    runId: job.runId,
    spec: job.spec,
    checkpoint: { kind: job.checkpoint.kind, step: job.checkpoint.step },
    ...(datasetCodec ? { datasetCodec } : {}),
  };
  if (job.createFolder) {
    try {
      await mkdir(dirname(job.path), { recursive: true });
    } catch (e) {
      return { ok: false, code: 'write-failed', message: `Could not create the folder ${dirname(job.path)} (${(e as Error).message}). Choose another path.` };
    }
  }

  if (job.format === 'safetensors') {
    const tensors = model.params.map((p) => ({ name: p.name, shape: p.shape, data: p.data }));
    const written = await writeOnnxModel(job.path, encodeSafetensors(tensors, { format: 'pt', ...buildSeqlabMetadata(task, true, provenance) }));
    if (!written.ok) return { ok: false, code: 'write-failed', message: written.message };
    return { ok: true, path: written.model.path, sha256: written.model.sha256, byteLength: written.model.byteLength, parity: null };
  }

  const bytes = exportSeq2SeqOnnx(model, {
    producerVersion: job.seqlabVersion,
    graphName: `seqlab_run_${job.runId}`,
    docString: `SeqLab run ${job.runId}, ${job.checkpoint.kind} checkpoint at step ${job.checkpoint.step}`,
    metadata: { encoder: buildSeq2SeqMetadata(task, provenance, 'encoder'), 'decoder-step': buildSeq2SeqMetadata(task, provenance, 'decoder-step') },
  });
  const files: WrittenModel[] = [];
  const removeAll = async (): Promise<void> => {
    for (const f of files) await rm(f.path, { force: true });
  };
  for (const [path, data] of [[job.path, bytes.encoder], [stepGraphPath(job.path), bytes.step]] as const) {
    const written = await writeOnnxModel(path, data);
    if (!written.ok) {
      await removeAll();
      return { ok: false, code: 'write-failed', message: written.message };
    }
    files.push(written.model);
  }
  const [encoderFile, stepFile] = files as [WrittenModel, WrittenModel];

  // Parity on the files as written, so the report speaks for what is on disk.
  const opened = await OnnxSeq2Seq.open(encoderFile.path, stepFile.path);
  if (!opened.ok) {
    await removeAll();
    return { ok: false, code: 'runtime-failed', message: `The exported graphs were removed because ${opened.message}` };
  }
  try {
    const results = [];
    for (const c of seq2seqParityCases(model, task, { seed: parsed.spec.seed })) {
      results.push(compareSeq2SeqTrace(c, await opened.pair.trace(c.source, c.expected.tokens)));
    }
    return {
      ok: true,
      path: encoderFile.path,
      sha256: encoderFile.sha256,
      byteLength: encoderFile.byteLength,
      parity: parityReport(results, onnxRuntimeVersion()),
      decoderStep: { path: stepFile.path, sha256: stepFile.sha256, byteLength: stepFile.byteLength },
    };
  } finally {
    await opened.pair.close();
  }
}
