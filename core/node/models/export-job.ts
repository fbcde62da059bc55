// One export, as the export worker runs it: the run's spec read again (a run on a registered dataset
// re-reads its file, hash-checked, for the Task), then the export of its model kind:
// the graph(s) or the safetensors file written atomically with their SHA-256, and for ONNX the parity
// report in onnxruntime-node against SeqLab's own forward pass. The kind's facet is KIND_FACETS's.
import { datasetCodecJson, type DatasetCodecJson } from '../../common/data/import/dataset-codec';
import { parseDatasetEncoder } from '../../common/data/import/encoder';
import { formatSpecIssues } from '../../common/spec/experiment-spec';
import { taskForRun } from '../data/run-spec';
import { existsMessage, firstExisting } from '../onnx/write-model';
import type { ExportJob, ExportJobResult } from './export-protocol';
import { KIND_FACETS } from './kind-facets';

export async function runExportJob(job: ExportJob): Promise<ExportJobResult> {
  const parsed = await taskForRun(job.spec, job.dataset);
  if (!parsed.ok)
    return {
      ok: false,
      code: 'invalid-spec',
      message: `The run's spec is no longer valid, so its model cannot be rebuilt:\n${formatSpecIssues(parsed.issues)}`,
    };
  const facet = KIND_FACETS[parsed.spec.model.kind].export;
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
