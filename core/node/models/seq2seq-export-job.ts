// The export of an encoder–decoder run, as the export worker runs it: rebuild the model from the run's
// spec (buildRunModel) and checkpoint, write its two ONNX graphs — the encoder at the job's path, the
// decoder step beside it (stepGraphPath) — each atomically with its SHA-256, and run the parity report
// in onnxruntime on the files as written; or write every parameter to one safetensors file. The pieces
// (restore, folder, pair writing, result) are shared with the one-to-many export (conditioned-export-job.ts).

import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DatasetCodecJson } from '../../common/data/import/dataset-codec';
import type { RunModel } from '../../common/model/run-model';
import { buildRunModel, loadParams } from '../../common/model/run-model';
import type { Param } from '../../common/nn/param';
import { encodeSafetensors } from '../../common/model/safetensors';
import type { ParityCaseResult, ParityReport } from '../../common/onnx/parity';
import { parityReport } from '../../common/onnx/parity';
import { exportSeq2SeqOnnx } from '../../common/onnx/seq2seq-export';
import { buildSeq2SeqMetadata } from '../../common/onnx/seq2seq-metadata';
import { compareSeq2SeqTrace, seq2seqParityCases } from '../../common/onnx/seq2seq-parity';
import type { ExportProvenance } from '../../common/onnx/seqlab-metadata';
import { buildSeqlabMetadata } from '../../common/onnx/seqlab-metadata';
import { Rng } from '../../common/random/rng';
import type { ConditionedModel } from '../../common/seq2seq/conditioned-model';
import type { Seq2SeqModel } from '../../common/seq2seq/seq2seq-model';
import type { SpecResult } from '../../common/spec/experiment-spec';
import { decodeCheckpoint } from '../../common/train/checkpoint-codec';
import type { WrittenModel } from '../onnx/write-model';
import { writeOnnxModel } from '../onnx/write-model';
import type { ExportJob, ExportJobResult } from './export-protocol';
import { onnxRuntimeVersion } from './onnx-parity';
import { OnnxSeq2Seq } from './seq2seq-onnx';

type Parsed = Extract<SpecResult, { ok: true }>;
type Failure = Extract<ExportJobResult, { ok: false }>;
type DecoderModelOf = { seq2seq: Seq2SeqModel; conditioned: ConditionedModel };

/** Where the decoder-step graph goes beside the encoder graph: `run-3.onnx` → `run-3.step.onnx`. */
export function stepGraphPath(encoderPath: string): string {
  return encoderPath.toLowerCase().endsWith('.onnx') ? `${encoderPath.slice(0, -'.onnx'.length)}.step.onnx` : `${encoderPath}.step.onnx`;
}

/** The trained encoder–decoder of a seq2seq run, or why it cannot be rebuilt. */
export function restoreSeq2SeqModel(parsed: Parsed, checkpointBytes: Uint8Array): { ok: true; model: Seq2SeqModel } | Failure {
  return restoreDecoderModel(parsed, checkpointBytes, 'seq2seq');
}

/** The trained model of a run with a decoder (encoder–decoder or one-to-many), or why it cannot be rebuilt. */
export function restoreDecoderModel<K extends 'seq2seq' | 'conditioned'>(
  parsed: Parsed, checkpointBytes: Uint8Array, kind: K,
): { ok: true; model: DecoderModelOf[K] } | Failure {
  const what = kind === 'seq2seq' ? 'an encoder–decoder' : 'a one-to-many model';
  let built: RunModel;
  try {
    built = buildRunModel(parsed.task, parsed.spec.model, new Rng(0)); // initial values are overwritten below
  } catch (e) {
    return { ok: false, code: 'unsupported-model', message: `The run's model (${what}) cannot be rebuilt for its task (${(e as Error).message}).` };
  }
  if (built.kind !== kind) return { ok: false, code: 'unsupported-model', message: `This run trains a ${built.kind} model, not ${what}.` };
  let params: Readonly<Record<string, Float32Array>>;
  try {
    params = decodeCheckpoint(checkpointBytes).checkpoint.params;
  } catch (e) {
    return { ok: false, code: 'bad-checkpoint', message: `The run's checkpoint cannot be read (${(e as Error).message}).` };
  }
  const problem = loadParams(built.model.params, params);
  if (problem !== null) return { ok: false, code: 'bad-checkpoint', message: `The checkpoint has ${problem}; it does not belong to this run's model.` };
  return { ok: true, model: built.model as DecoderModelOf[K] };
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

/** Every parameter, under its PyTorch-style name, in one safetensors file at the job's path. */
export async function writeParamsSafetensors(job: ExportJob, params: readonly Param[], metadata: Record<string, string>): Promise<ExportJobResult> {
  const tensors = params.map((p) => ({ name: p.name, shape: p.shape, data: p.data }));
  const written = await writeOnnxModel(job.path, encodeSafetensors(tensors, { format: 'pt', ...metadata }));
  if (!written.ok) return { ok: false, code: 'write-failed', message: written.message };
  return { ok: true, path: written.model.path, sha256: written.model.sha256, byteLength: written.model.byteLength, parity: null };
}

/** Writes the first graph at `path` and the decoder step beside it (stepGraphPath), each atomically; on failure neither stays. */
export async function writeGraphPair(path: string, first: Uint8Array, step: Uint8Array): Promise<{ ok: true; files: [WrittenModel, WrittenModel]; remove: () => Promise<void> } | Failure> {
  const files: WrittenModel[] = [];
  const remove = async (): Promise<void> => {
    for (const f of files) await rm(f.path, { force: true });
  };
  for (const [target, data] of [[path, first], [stepGraphPath(path), step]] as const) {
    const written = await writeOnnxModel(target, data);
    if (!written.ok) {
      await remove();
      return { ok: false, code: 'write-failed', message: written.message };
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
  first: Uint8Array,
  step: Uint8Array,
  open: (firstPath: string, stepPath: string) => Promise<{ ok: true; pair: P } | { ok: false; message: string }>,
  check: (pair: P) => Promise<ParityCaseResult[]>,
): Promise<ExportJobResult> {
  const written = await writeGraphPair(path, first, step);
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
  const restored = restoreSeq2SeqModel(parsed, new Uint8Array(job.checkpoint.bytes));
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
  return writeCheckedPair(job.path, bytes.encoder, bytes.step, OnnxSeq2Seq.open, async (pair) => {
    const results = [];
    for (const c of seq2seqParityCases(model, task, { seed: parsed.spec.seed })) results.push(compareSeq2SeqTrace(c, await pair.trace(c.source, c.expected.tokens)));
    return results;
  });
}
