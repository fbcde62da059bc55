// The export of an encoder–decoder run, as the export worker runs it: rebuild the model from the run's
// spec and checkpoint (restore-model.ts), write its two ONNX graphs — the encoder at the job's path, the
// decoder step beside it (stepGraphPath) — each atomically with its SHA-256, and run the parity report
// in onnxruntime on the files as written; or write every parameter to one safetensors file. The pieces
// (restore, folder, pair writing, result) are shared with the one-to-many export (conditioned-export-job.ts).

import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DatasetCodecJson } from '../../common/data/import/dataset-codec';
import type { Param } from '../../common/nn/param';
import { encodeSafetensors } from '../../common/models/safetensors';
import type { ParityCaseResult, ParityReport } from '../../common/onnx/parity';
import { parityReport } from '../../common/onnx/parity';
import { exportSeq2SeqOnnx } from '../../common/onnx/seq2seq-export';
import { buildSeq2SeqMetadata } from '../../common/onnx/seq2seq-metadata';
import { compareSeq2SeqTrace, seq2seqParityCases } from '../../common/onnx/seq2seq-parity';
import type { ExportProvenance } from '../../common/onnx/seqlab-metadata';
import { buildSeqlabMetadata } from '../../common/onnx/seqlab-metadata';
import type { SpecResult } from '../../common/spec/experiment-spec';
import type { WriteModelResult, WrittenModel } from '../onnx/write-model';
import { writeOnnxModel } from '../onnx/write-model';
import type { ExportJob, ExportJobResult } from './export-protocol';
import { onnxRuntimeVersion } from './onnx-parity';
import { restoreTrainedModel } from './restore-model';
import { OnnxSeq2Seq } from './seq2seq-onnx';

type Parsed = Extract<SpecResult, { ok: true }>;
type Failure = Extract<ExportJobResult, { ok: false }>;

/** Where the decoder-step graph goes beside the encoder graph: `run-3.onnx` → `run-3.step.onnx`. */
export function stepGraphPath(encoderPath: string): string {
  return encoderPath.toLowerCase().endsWith('.onnx') ? `${encoderPath.slice(0, -'.onnx'.length)}.step.onnx` : `${encoderPath}.step.onnx`;
}

/** The job's provenance for the files' metadata. */
export function provenanceOf(job: ExportJob, datasetCodec?: DatasetCodecJson): ExportProvenance {
  return {
    seqlabVersion: job.seqlabVersion,
    runId: job.runId,
    spec: job.spec,
    checkpoint: { kind: job.checkpoint.kind, step: job.checkpoint.step },
    ...(datasetCodec ? { datasetCodec } : {}),
  };
}

/** Creates the default exports folder when the job asks for it; a failure says which folder. */
export async function prepareFolder(job: ExportJob): Promise<Failure | null> {
  if (!job.createFolder) return null;
  try {
    await mkdir(dirname(job.path), { recursive: true });
    return null;
  } catch (e) {
    return { ok: false, code: 'write-failed', message: `Could not create the folder ${dirname(job.path)} (${(e as Error).message}). Choose another path.` };
  }
}

/** A failed write as the job's failure: a file in the way ('exists') or any other write error. */
export function writeFailure(written: Extract<WriteModelResult, { ok: false }>): Failure {
  return { ok: false, code: written.code, message: written.message };
}

/** Every parameter, under its PyTorch-style name, in one safetensors file at the job's path. */
export async function writeParamsSafetensors(job: ExportJob, params: readonly Param[], metadata: Record<string, string>): Promise<ExportJobResult> {
  const tensors = params.map((p) => ({ name: p.name, shape: p.shape, data: p.data }));
  const written = await writeOnnxModel(job.path, encodeSafetensors(tensors, { format: 'pt', ...metadata }), { overwrite: job.overwrite });
  if (!written.ok) return writeFailure(written);
  return { ok: true, path: written.model.path, sha256: written.model.sha256, byteLength: written.model.byteLength, parity: null };
}

/**
 * Writes the first graph at `path` and the decoder step beside it (stepGraphPath), each atomically; on failure
 * neither stays. Files already there are replaced only with `overwrite`.
 */
export async function writeGraphPair(
  path: string, first: Uint8Array, step: Uint8Array, overwrite: boolean,
): Promise<{ ok: true; files: [WrittenModel, WrittenModel]; remove: () => Promise<void> } | Failure> {
  const files: WrittenModel[] = [];
  const remove = async (): Promise<void> => {
    for (const f of files) await rm(f.path, { force: true });
  };
  for (const [target, data] of [[path, first], [stepGraphPath(path), step]] as const) {
    const written = await writeOnnxModel(target, data, { overwrite });
    if (!written.ok) {
      await remove();
      return writeFailure(written);
    }
    files.push(written.model);
  }
  return { ok: true, files: files as [WrittenModel, WrittenModel], remove };
}

/**
 * Writes the pair (writeGraphPair), opens it from disk and runs the parity `check` on it, so the report speaks
 * for the files as written; a pair onnxruntime cannot open is removed.
 */
export async function writeCheckedPair<P extends { close(): Promise<void> }>(
  path: string,
  overwrite: boolean,
  first: Uint8Array,
  step: Uint8Array,
  open: (firstPath: string, stepPath: string) => Promise<{ ok: true; pair: P } | { ok: false; message: string }>,
  check: (pair: P) => Promise<ParityCaseResult[]>,
): Promise<ExportJobResult> {
  const written = await writeGraphPair(path, first, step, overwrite);
  if (!written.ok) return written;
  const [firstFile, stepFile] = written.files;
  const opened = await open(firstFile.path, stepFile.path);
  if (!opened.ok) {
    await written.remove();
    return { ok: false, code: 'runtime-failed', message: `The exported graphs were removed because ${opened.message}` };
  }
  try {
    return pairResult(written.files, parityReport(await check(opened.pair), onnxRuntimeVersion()));
  } finally {
    await opened.pair.close();
  }
}

/** The export result of a written pair and its parity report. */
export function pairResult(files: readonly [WrittenModel, WrittenModel], parity: ParityReport): ExportJobResult {
  const [first, step] = files;
  return {
    ok: true,
    path: first.path,
    sha256: first.sha256,
    byteLength: first.byteLength,
    parity,
    decoderStep: { path: step.path, sha256: step.sha256, byteLength: step.byteLength },
  };
}

export async function runSeq2SeqExport(job: ExportJob, parsed: Parsed, datasetCodec?: DatasetCodecJson): Promise<ExportJobResult> {
  const restored = restoreTrainedModel(parsed, new Uint8Array(job.checkpoint.bytes), 'seq2seq');
  if (!restored.ok) return restored;
  const { model } = restored;
  const { task } = parsed;
  const provenance = provenanceOf(job, datasetCodec);
  const folder = await prepareFolder(job);
  if (folder !== null) return folder;
  if (job.format === 'safetensors') return writeParamsSafetensors(job, model.params, buildSeqlabMetadata(task, true, provenance));

  const bytes = exportSeq2SeqOnnx(model, {
    producerVersion: job.seqlabVersion,
    graphName: `seqlab_run_${job.runId}`,
    docString: `SeqLab run ${job.runId}, ${job.checkpoint.kind} checkpoint at step ${job.checkpoint.step}`,
    metadata: { encoder: buildSeq2SeqMetadata(task, provenance, 'encoder'), 'decoder-step': buildSeq2SeqMetadata(task, provenance, 'decoder-step') },
  });
  return writeCheckedPair(job.path, job.overwrite, bytes.encoder, bytes.step, OnnxSeq2Seq.open, async (pair) => {
    const results = [];
    for (const c of seq2seqParityCases(model, task, { seed: parsed.spec.seed })) results.push(compareSeq2SeqTrace(c, await pair.trace(c.source, c.expected.tokens)));
    return results;
  });
}
