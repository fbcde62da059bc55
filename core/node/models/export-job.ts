// One export, as the export worker runs it: rebuild the run's model from its spec and checkpoint,
// build the ONNX graph (or the safetensors file), write it atomically with its SHA-256, and for ONNX
// run the parity report in onnxruntime-node against SeqLab's own forward pass.

import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { datasetCodecJson, type DatasetCodecJson } from '../../common/data/import/dataset-codec';
import { parseDatasetEncoder } from '../../common/data/import/encoder';
import type { SequenceModel } from '../../common/models/sequence/sequence-model';
import { encodeSafetensors } from '../../common/models/safetensors';
import { torchStateDict } from '../../common/models/sequence/torch-state-dict';
import { exportableFromSequenceModel } from '../../common/onnx/from-sequence-model';
import type { GraphDescription } from '../../common/onnx/model-builder';
import { GRAPH_METADATA_KEY, buildOnnxModel } from '../../common/onnx/model-builder';
import { parityCases } from '../../common/onnx/parity';
import { encodeModel } from '../../common/onnx/proto';
import type { ExportProvenance } from '../../common/onnx/seqlab-metadata';
import { buildSeqlabMetadata } from '../../common/onnx/seqlab-metadata';
import { formatSpecIssues, type SpecResult } from '../../common/spec/experiment-spec';
import type { Task } from '../../common/tasks/task';
import { taskForRun } from '../data/run-spec';
import { OnnxSession } from '../onnx/session';
import { existsMessage, firstExisting, writeOnnxModel } from '../onnx/write-model';
import type { ExportJob, ExportJobResult } from './export-protocol';
import { runParity } from './onnx-parity';
import { runConditionedExport } from './conditioned-export-job';
import { restoreTrainedModel } from './restore-model';
import { runSeq2SeqExport, stepGraphPath, writeFailure } from './seq2seq-export-job';

type Failure = Extract<ExportJobResult, { ok: false }>;

/** The trained model of a run (`parsed`: its spec with the Task, as `taskForRun` rebuilds it), or why it cannot be rebuilt. */
export function restoreRunModel(parsed: SpecResult, checkpointBytes: Uint8Array): { ok: true; model: SequenceModel; task: Task; seed: number } | Failure {
  if (!parsed.ok) return { ok: false, code: 'invalid-spec', message: `The run's spec is no longer valid, so its model cannot be rebuilt:\n${formatSpecIssues(parsed.issues)}` };
  const restored = restoreTrainedModel(parsed, checkpointBytes, 'sequence');
  return restored.ok ? { ok: true, model: restored.model, task: parsed.task, seed: parsed.spec.seed } : restored;
}

export async function runExportJob(job: ExportJob): Promise<ExportJobResult> {
  // a run on a registered dataset re-reads its file (hash-checked) for the Task: encodings, vocabulary, parity inputs
  const parsed = await taskForRun(job.spec, job.dataset);
  // nothing is overwritten unless asked: every file the export would write is checked before any work
  const twoGraphs = job.format === 'onnx' && parsed.ok && (parsed.spec.model.kind === 'seq2seq' || parsed.spec.model.kind === 'conditioned');
  const existing = job.overwrite ? null : await firstExisting(twoGraphs ? [job.path, stepGraphPath(job.path)] : [job.path]);
  if (existing !== null) return { ok: false, code: 'exists', message: existsMessage(existing) };
  // an encoder–decoder exports as two graphs (seq2seq-export-job.ts)
  if (parsed.ok && parsed.spec.model.kind === 'seq2seq') return runSeq2SeqExport(job, parsed, job.dataset === undefined ? undefined : codecOf(job.dataset));
  // so does a one-to-many model: condition graph + decoder step (conditioned-export-job.ts)
  if (parsed.ok && parsed.spec.model.kind === 'conditioned') return runConditionedExport(job, parsed, job.dataset === undefined ? undefined : codecOf(job.dataset));
  const restored = restoreRunModel(parsed, new Uint8Array(job.checkpoint.bytes));
  if (!restored.ok) return restored;
  const { model, task } = restored;
  const codec = job.dataset === undefined ? undefined : codecOf(job.dataset);
  const provenance: ExportProvenance = {
    seqlabVersion: job.seqlabVersion,
    runId: job.runId,
    spec: job.spec,
    checkpoint: { kind: job.checkpoint.kind, step: job.checkpoint.step },
    ...(codec ? { datasetCodec: codec } : {}),
  };

  let bytes: Uint8Array;
  let graph: GraphDescription | null = null;
  if (job.format === 'safetensors') {
    bytes = encodeSafetensors(torchStateDict(model), { format: 'pt', ...buildSeqlabMetadata(task, model.config.output.perStep, provenance) });
  } else {
    const proto = buildOnnxModel(exportableFromSequenceModel(model, task, provenance), {
      sequenceLens: true,
      carriedState: true,
      producerVersion: job.seqlabVersion,
      graphName: `seqlab_run_${job.runId}`,
      docString: `SeqLab run ${job.runId}, ${job.checkpoint.kind} checkpoint at step ${job.checkpoint.step}`,
    });
    graph = JSON.parse(proto.metadataProps?.find((p) => p.key === GRAPH_METADATA_KEY)?.value ?? 'null') as GraphDescription;
    bytes = encodeModel(proto);
  }

  if (job.createFolder) {
    try {
      await mkdir(dirname(job.path), { recursive: true });
    } catch (e) {
      return { ok: false, code: 'write-failed', message: `Could not create the folder ${dirname(job.path)} (${(e as Error).message}). Choose another path.` };
    }
  }
  const written = await writeOnnxModel(job.path, bytes, { overwrite: job.overwrite });
  if (!written.ok) return writeFailure(written);
  const file = written.model;
  if (graph === null) return { ok: true, path: file.path, sha256: file.sha256, byteLength: file.byteLength, parity: null };

  // Parity on the file as written, so the report speaks for what is on disk.
  const opened = await OnnxSession.create(file.path);
  if (!opened.ok) {
    await rm(file.path, { force: true });
    return { ok: false, code: 'runtime-failed', message: `The exported model was removed because ${opened.message}` };
  }
  try {
    const cases = parityCases(model, task, { seed: restored.seed, softmax: task.output.kind !== 'dense' });
    const parity = await runParity(opened.session, graph, cases);
    return { ok: true, path: file.path, sha256: file.sha256, byteLength: file.byteLength, parity };
  } finally {
    await opened.session.close();
  }
}

/** The dataset's normalisers / vocabularies for the file's metadata (the encoder already parsed once in taskForRun). */
function codecOf(dataset: NonNullable<ExportJob['dataset']>): DatasetCodecJson {
  const encoder = parseDatasetEncoder(dataset.encoder, dataset.sourcePath ?? `dataset #${dataset.id}`);
  if (!encoder.ok) throw new Error(`runExportJob: the encoder of dataset #${dataset.id} no longer parses (${encoder.error.message})`);
  return datasetCodecJson(encoder.value);
}
