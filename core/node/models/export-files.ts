// What every export writes, whatever the model kind: the job's provenance for the files' metadata, the
// default exports folder, a safetensors file of parameters, and — for a kind exported as two graphs
// (export-facets.ts) — the pair of .onnx files written atomically with their SHA-256, opened again from
// disk and checked for parity in onnxruntime, so the report speaks for what is on disk.
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DatasetCodecJson } from '../../common/data/import/dataset-codec';
import type { GraphNaming } from '../../common/onnx/graph-pair';
import { encodeSafetensors } from '../../common/models/safetensors';
import type { Param } from '../../common/nn/param';
import type { ParityCaseResult, ParityReport } from '../../common/onnx/parity';
import { parityReport } from '../../common/onnx/parity';
import type { ExportProvenance } from '../../common/onnx/seqlab-metadata';
import type { WriteModelResult, WrittenModel } from '../onnx/write-model';
import { writeOnnxModel } from '../onnx/write-model';
import type { ExportJob, ExportJobResult } from './export-protocol';
import { onnxRuntimeVersion } from './onnx-parity';

export type ExportFailure = Extract<ExportJobResult, { ok: false }>;

/** Where the decoder-step graph goes beside the first graph: `run-3.onnx` → `run-3.step.onnx`. */
export function stepGraphPath(firstPath: string): string {
  return firstPath.toLowerCase().endsWith('.onnx') ? `${firstPath.slice(0, -'.onnx'.length)}.step.onnx` : `${firstPath}.step.onnx`;
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

/** The graph names and doc string every ONNX file of a job carries. */
export function graphNaming(job: ExportJob): GraphNaming {
  return {
    producerVersion: job.seqlabVersion,
    graphName: `seqlab_run_${job.runId}`,
    docString: `SeqLab run ${job.runId}, ${job.checkpoint.kind} checkpoint at step ${job.checkpoint.step}`,
  };
}

/** Creates the default exports folder when the job asks for it; a failure says which folder. */
export async function prepareFolder(job: ExportJob): Promise<ExportFailure | null> {
  if (!job.createFolder) return null;
  try {
    await mkdir(dirname(job.path), { recursive: true });
    return null;
  } catch (e) {
    return { ok: false, code: 'write-failed', message: `Could not create the folder ${dirname(job.path)} (${(e as Error).message}). Choose another path.` };
  }
}

/** A failed write as the job's failure: a file in the way ('exists') or any other write error. */
export function writeFailure(written: Extract<WriteModelResult, { ok: false }>): ExportFailure {
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
  path: string,
  first: Uint8Array,
  step: Uint8Array,
  overwrite: boolean,
): Promise<{ ok: true; files: [WrittenModel, WrittenModel]; remove: () => Promise<void> } | ExportFailure> {
  const files: WrittenModel[] = [];
  const remove = async (): Promise<void> => {
    for (const f of files) await rm(f.path, { force: true });
  };
  for (const [target, data] of [
    [path, first],
    [stepGraphPath(path), step],
  ] as const) {
    const written = await writeOnnxModel(target, data, { overwrite });
    if (!written.ok) {
      await remove();
      return writeFailure(written);
    }
    files.push(written.model);
  }
  const [firstFile, stepFile] = files;
  if (firstFile === undefined || stepFile === undefined) throw new Error('writeGraphPair: both files were written but not both recorded');
  return { ok: true, files: [firstFile, stepFile], remove };
}

/**
 * Writes the pair (writeGraphPair), opens it from disk and runs the parity `check` on it, so the report speaks
 * for the files as written; a pair onnxruntime cannot open is removed.
 */
export async function writeCheckedPair<P extends { close(): Promise<void> }>(
  path: string,
  overwrite: boolean,
  graphs: { readonly first: Uint8Array; readonly step: Uint8Array },
  open: (firstPath: string, stepPath: string) => Promise<{ ok: true; pair: P } | { ok: false; message: string }>,
  check: (pair: P) => Promise<ParityCaseResult[]>,
): Promise<ExportJobResult> {
  const written = await writeGraphPair(path, graphs.first, graphs.step, overwrite);
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
function pairResult(files: readonly [WrittenModel, WrittenModel], parity: ParityReport): ExportJobResult {
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
