// How one model kind is exported, as the export worker runs it (export-job.ts dispatches on the spec's
// model kind through KIND_FACETS, kind-facets.ts): the files it writes at a path — checked before any work, so nothing
// is overwritten unless asked — and the export itself. A kind exported as two graphs (an encoder–decoder,
// a one-to-many model) supplies only what is its own, its PairExport in core/common (its graphs and its
// parity trace), to `twoGraphExport`; restoring, writing, hashing, opening and the report are shared.
import type { DatasetCodecJson } from '../../common/data/import/dataset-codec';
import type { PairDescription, PairExport } from '../../common/onnx/graph-pair';
import { buildSeqlabMetadata } from '../../common/onnx/seqlab-metadata';
import type { SpecResult } from '../../common/spec/experiment-spec';
import type { ExportFormat, ExportJob, ExportJobResult } from './export-protocol';
import { graphNaming, prepareFolder, provenanceOf, stepGraphPath, writeCheckedPair, writeParamsSafetensors } from './export-files';
import { openDrivenPair } from './onnx-pair';
import type { ModelKind, ModelOf } from './restore-model';
import { restoreTrainedModel } from './restore-model';

export type ParsedSpec = Extract<SpecResult, { ok: true }>;

export interface ExportFacet {
  /** Every file an export in `format` writes for `path`. */
  files(path: string, format: ExportFormat): string[];
  /** The export of a run whose spec (`parsed`) trains this kind. */
  run(job: ExportJob, parsed: ParsedSpec, datasetCodec: DatasetCodecJson | undefined): Promise<ExportJobResult>;
}

/**
 * The export of a two-graph kind (its PairExport, core/common/onnx/graph-pair.ts): rebuild the model from the
 * run's spec and checkpoint, write its two ONNX graphs — the first at the job's path, the decoder step beside
 * it (stepGraphPath) — each atomically with its SHA-256, open them from disk in onnxruntime and run the
 * kind's parity trace on them; or write every parameter to one safetensors file.
 */
export function twoGraphExport<K extends ModelKind, R extends string, D extends PairDescription<R>>(
  kind: K,
  pairExport: PairExport<ModelOf<K>, R, D>,
): ExportFacet {
  const open = (firstPath: string, stepPath: string) => openDrivenPair([firstPath, stepPath], pairExport.pair, (pair) => ({ ...pair }));
  return {
    files: (path, format) => (format === 'onnx' ? [path, stepGraphPath(path)] : [path]),
    async run(job, parsed, datasetCodec) {
      const restored = restoreTrainedModel(parsed, new Uint8Array(job.checkpoint.bytes), kind);
      if (!restored.ok) return restored;
      const { model } = restored;
      const provenance = provenanceOf(job, datasetCodec);
      const folder = await prepareFolder(job);
      if (folder !== null) return folder;
      if (job.format === 'safetensors') return writeParamsSafetensors(job, model.params, buildSeqlabMetadata(parsed.task, true, provenance));
      const graphs = pairExport.graphs(model, parsed.task, graphNaming(job), provenance);
      return writeCheckedPair(job.path, job.overwrite, graphs, open, (pair) => pairExport.parity(model, parsed.task, parsed.spec.seed, pair));
    },
  };
}
