// How one model kind is exported, as the export worker runs it (export-job.ts dispatches on the spec's
// model kind through KIND_FACETS, kind-facets.ts): the files it writes at a path — checked before any work, so nothing
// is overwritten unless asked — and the export itself. A kind exported as two graphs (an encoder–decoder,
// a one-to-many model) supplies only what is its own to `twoGraphExport`: its graphs, how to open the
// pair in onnxruntime, and its parity cases; restoring, writing, hashing and the report are shared.
import type { DatasetCodecJson } from '../../common/data/import/dataset-codec';
import type { ParityCaseResult } from '../../common/onnx/parity';
import type { ExportProvenance } from '../../common/onnx/seqlab-metadata';
import { buildSeqlabMetadata } from '../../common/onnx/seqlab-metadata';
import type { SpecResult } from '../../common/spec/experiment-spec';
import type { ExportFormat, ExportJob, ExportJobResult } from './export-protocol';
import { prepareFolder, provenanceOf, stepGraphPath, writeCheckedPair, writeParamsSafetensors } from './export-files';
import type { ModelKind, ModelOf } from './restore-model';
import { restoreTrainedModel } from './restore-model';

export type ParsedSpec = Extract<SpecResult, { ok: true }>;

export interface ExportFacet {
  /** Every file an export in `format` writes for `path`. */
  files(path: string, format: ExportFormat): string[];
  /** The export of a run whose spec (`parsed`) trains this kind. */
  run(job: ExportJob, parsed: ParsedSpec, datasetCodec: DatasetCodecJson | undefined): Promise<ExportJobResult>;
}

/** What a two-graph kind contributes to its export. */
export interface TwoGraphExport<K extends ModelKind, P extends { close(): Promise<void> }> {
  readonly kind: K;
  /** The bytes of the first graph (written at the job's path) and of the decoder step (beside it). */
  graphs(model: ModelOf<K>, parsed: ParsedSpec, job: ExportJob, provenance: ExportProvenance): { readonly first: Uint8Array; readonly step: Uint8Array };
  /** Opens the pair from its two files in onnxruntime. */
  open(firstPath: string, stepPath: string): Promise<{ ok: true; pair: P } | { ok: false; message: string }>;
  /** SeqLab's cases traced through the open pair and compared. */
  parity(model: ModelOf<K>, parsed: ParsedSpec, pair: P): Promise<ParityCaseResult[]>;
}

/**
 * The export of a two-graph kind: rebuild the model from the run's spec and checkpoint, write its two ONNX
 * graphs — the first at the job's path, the decoder step beside it (stepGraphPath) — each atomically with
 * its SHA-256, and run the parity report in onnxruntime on the files as written; or write every parameter
 * to one safetensors file.
 */
export function twoGraphExport<K extends ModelKind, P extends { close(): Promise<void> }>(kind: TwoGraphExport<K, P>): ExportFacet {
  return {
    files: (path, format) => (format === 'onnx' ? [path, stepGraphPath(path)] : [path]),
    async run(job, parsed, datasetCodec) {
      const restored = restoreTrainedModel(parsed, new Uint8Array(job.checkpoint.bytes), kind.kind);
      if (!restored.ok) return restored;
      const { model } = restored;
      const provenance = provenanceOf(job, datasetCodec);
      const folder = await prepareFolder(job);
      if (folder !== null) return folder;
      if (job.format === 'safetensors') return writeParamsSafetensors(job, model.params, buildSeqlabMetadata(parsed.task, true, provenance));
      const graphs = kind.graphs(model, parsed, job, provenance);
      return writeCheckedPair(job.path, job.overwrite, graphs, kind.open, (pair) => kind.parity(model, parsed, pair));
    },
  };
}
