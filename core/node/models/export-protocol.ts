// The messages between the model service (main thread) and an export worker: one job in, one result
// out. Checkpoint bytes travel as a transferred ArrayBuffer; everything else is structured-clone JSON.

import type { ParityReport } from '../../common/onnx/parity';
import type { RunDataset } from '../data/run-spec';
import type { CheckpointKind } from '../../common/train/checkpoint-kinds';

export type ExportFormat = 'onnx' | 'safetensors';

export interface ExportJob {
  readonly type: 'export';
  readonly runId: number;
  /** The run's stored spec (validated again in the worker). */
  readonly spec: unknown;
  /** For a run on a registered dataset: its record, so the worker rebuilds the Task from the file. */
  readonly dataset?: RunDataset;
  readonly checkpoint: { readonly kind: CheckpointKind; readonly step: number; readonly bytes: ArrayBuffer };
  readonly format: ExportFormat;
  /** Absolute path of the file to write. */
  readonly path: string;
  /**
   * Replace files already there; else the job refuses ('exists') before writing anything — for a two-graph
   * export when either the path or the decoder step beside it exists.
   */
  readonly overwrite: boolean;
  /** Create the file's folder first (the default exports/ folder); a chosen folder must exist. */
  readonly createFolder: boolean;
  readonly seqlabVersion: string;
}

/** Expected failures, each with a message a person can act on ('exists' names the file that is in the way). */
export type ExportFailureCode = 'invalid-spec' | 'unsupported-model' | 'bad-checkpoint' | 'write-failed' | 'exists' | 'runtime-failed';

export type ExportJobResult =
  | {
      readonly ok: true;
      readonly path: string;
      /** Lower-case hex SHA-256 of the file. */
      readonly sha256: string;
      readonly byteLength: number;
      /** onnxruntime against SeqLab's forward; null for safetensors. */
      readonly parity: ParityReport | null;
      /** An encoder–decoder's second ONNX file, the decoder-step graph (`path` is the encoder graph); absent otherwise. */
      readonly decoderStep?: { readonly path: string; readonly sha256: string; readonly byteLength: number };
    }
  | { readonly ok: false; readonly code: ExportFailureCode; readonly message: string };

export type ExportWorkerMessage = { readonly type: 'result'; readonly result: ExportJobResult };
