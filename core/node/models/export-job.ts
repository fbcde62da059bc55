// One export, as the export worker runs it: the run's spec read again (a run on a registered dataset
// re-reads its file, hash-checked, for the Task), then the export of its model kind (EXPORT_FACETS):
// the graph(s) or the safetensors file written atomically with their SHA-256, and for ONNX the parity
// report in onnxruntime-node against SeqLab's own forward pass.
import { datasetCodecJson, type DatasetCodecJson } from '../../common/data/import/dataset-codec';
import { parseDatasetEncoder } from '../../common/data/import/encoder';
import { formatSpecIssues } from '../../common/spec/experiment-spec';
import type { ModelKind } from '../../common/spec/model-spec';
import { taskForRun } from '../data/run-spec';
import { existsMessage, firstExisting } from '../onnx/write-model';
import { CONDITIONED_EXPORT } from './conditioned-export-job';
import type { ExportFacet } from './export-facet';
import type { ExportJob, ExportJobResult } from './export-protocol';
import { SEQ2SEQ_EXPORT } from './seq2seq-export-job';
import { SEQUENCE_EXPORT } from './sequence-export-job';

/** How each model kind is exported: a kind added to the spec fails to compile here until it has one. */
export const EXPORT_FACETS: Readonly<Record<ModelKind, ExportFacet>> = {
  sequence: SEQUENCE_EXPORT,
  seq2seq: SEQ2SEQ_EXPORT,
  conditioned: CONDITIONED_EXPORT,
};

export async function runExportJob(job: ExportJob): Promise<ExportJobResult> {
  const parsed = await taskForRun(job.spec, job.dataset);
  if (!parsed.ok) return { ok: false, code: 'invalid-spec', message: `The run's spec is no longer valid, so its model cannot be rebuilt:\n${formatSpecIssues(parsed.issues)}` };
  const facet = EXPORT_FACETS[parsed.spec.model.kind];
  // nothing is overwritten unless asked: every file the export would write is checked before any work
  const existing = job.overwrite ? null : await firstExisting(facet.files(job.path, job.format));
  if (existing !== null) return { ok: false, code: 'exists', message: existsMessage(existing) };
  return facet.run(job, parsed, job.dataset === undefined ? undefined : codecOf(job.dataset));
}

/** The dataset's normalisers / vocabularies for the file's metadata (the encoder already parsed once in taskForRun). */
function codecOf(dataset: NonNullable<ExportJob['dataset']>): DatasetCodecJson {
  const encoder = parseDatasetEncoder(dataset.encoder, dataset.sourcePath ?? `dataset #${dataset.id}`);
  if (!encoder.ok) throw new Error(`runExportJob: the encoder of dataset #${dataset.id} no longer parses (${encoder.error.message})`);
  return datasetCodecJson(encoder.value);
}
