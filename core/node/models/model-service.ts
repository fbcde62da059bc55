// The Models part of the backend (docs/ARCHITECTURE.md): exports a run's model in a one-shot export worker and
// records the file with its hash and export report, lists exports, and hands inference requests to
// the long-lived inference worker. The main thread only reads and writes the store.
//
// The exports table's `parity` column holds the export report: the file's size (and the decoder-step
// graph's, for an encoder–decoder) and the parity report (null for safetensors); the checkpoint the
// file was made from has its own columns (schema version 3).
import { isAbsolute, join } from 'node:path';
import type { ModelExport, ParityReport } from '../../common/api/entities';
import type { ApiErrorBody } from '../../common/api/result';
import { CheckpointDamagedError } from '../store/errors';
import type { Store } from '../store/store';
import type { Checkpoint, ExportRecord } from '../store/types';
import type { ExportFormat, ExportJob, ExportWorkerMessage } from './export-protocol';
import { InferenceClient } from './inference-client';
import type { ModelRef } from './inference-protocol';
import { readParity } from './stored-parity';
import { runWorkerOnce } from './worker-call';
import type { CheckpointKind } from '../../common/train/checkpoint-kinds';

export interface ModelServiceOptions {
  /** Default folder of exported files (an `exports/` folder beside the database). */
  readonly exportsDir: string;
  readonly seqlabVersion: string;
  readonly exportWorkerEntry: string;
  readonly inferenceWorkerEntry: string;
}

export interface ExportRequest {
  readonly runId: number;
  readonly checkpoint: CheckpointKind;
  readonly format: ExportFormat;
  /** Absolute path; default: `exportsDir`/run-<id>[-best].<ext>. */
  readonly path?: string;
  /** Replace existing files (the path, and a two-graph export's decoder step beside it); default: refuse them. */
  readonly overwrite?: boolean;
}

/** Expected failures carry an API error code, a message and (for a bad field) issues. */
export type ModelResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiErrorBody };

interface ExportReport {
  readonly byteLength: number;
  readonly parity: ParityReport | null;
  /** Size of an encoder–decoder's decoder-step graph. */
  readonly decoderByteLength?: number;
}

const EXTENSION: Readonly<Record<ExportFormat, string>> = { onnx: 'onnx', safetensors: 'safetensors' };

export class ModelService {
  readonly inference: InferenceClient;
  /** Exports run one at a time: each is CPU-heavy, and training shares the cores. */
  private exportChain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly options: ModelServiceOptions,
  ) {
    this.inference = new InferenceClient(options.inferenceWorkerEntry);
  }

  /** `run-<id>.onnx` for the latest checkpoint, `run-<id>-best.onnx` for the best, in the exports folder. */
  defaultPath(runId: number, checkpoint: CheckpointKind, format: ExportFormat): string {
    return join(this.options.exportsDir, `run-${runId}${checkpoint === 'best' ? '-best' : ''}.${EXTENSION[format]}`);
  }

  export(request: ExportRequest): Promise<ModelResult<ModelExport>> {
    const next = this.exportChain.then(() => this.exportNow(request));
    this.exportChain = next.catch(() => undefined);
    return next;
  }

  list(runId?: number): ModelExport[] {
    return this.store.exports.list(runId).map((record) => this.toModelExport(record));
  }

  /** The file of an ONNX export, for the inference worker. */
  modelRef(exportId: number): ModelResult<ModelRef> {
    const record = this.store.exports.get(exportId);
    if (!record) return failure('not-found', `Export ${exportId} does not exist (its run may have been deleted).`);
    if (record.format !== 'onnx') return failure('conflict', `Export ${exportId} is ${record.format}; only ONNX exports can run in the playground.`);
    const decoderStep =
      record.decoderPath !== null && record.decoderHash !== null ? { decoderStep: { path: record.decoderPath, sha256: record.decoderHash } } : {};
    return { ok: true, value: { exportId, path: record.path, sha256: record.hash, ...decoderStep } };
  }

  /** Waits for an export in progress, then ends the inference worker. */
  async close(): Promise<void> {
    await this.exportChain;
    await this.inference.close();
  }

  private async exportNow(request: ExportRequest): Promise<ModelResult<ModelExport>> {
    const { runId, checkpoint: kind, format } = request;
    const run = this.store.runs.get(runId);
    if (!run) return failure('not-found', `Run ${runId} does not exist (it may have been deleted).`);
    if (request.path !== undefined && !isAbsolute(request.path)) {
      return failure('invalid-request', `The export path must be absolute, got "${request.path}".`, 'path');
    }
    let saved: Checkpoint | undefined;
    try {
      saved = this.store.checkpoints.load(runId, kind);
    } catch (error) {
      if (!(error instanceof CheckpointDamagedError)) throw error;
      return failure('storage', this.store.checkpoints.damageMessage(error, 'Nothing was exported'));
    }
    if (!saved) {
      const hint =
        kind === 'best'
          ? ' A best checkpoint is saved when an evaluation improves the validation loss.'
          : ' Train the run for at least one checkpoint interval first.';
      return failure('not-found', `Run ${runId} has no ${kind} checkpoint yet.${hint}`);
    }
    const path = request.path ?? this.defaultPath(runId, kind, format);
    const bytes = saved.blob.slice().buffer as ArrayBuffer;
    const dataset = run.datasetId === null ? undefined : this.store.datasets.get(run.datasetId);
    const job: ExportJob = {
      type: 'export',
      runId,
      spec: run.spec,
      ...(dataset ? { dataset } : {}),
      checkpoint: { kind, step: saved.step, bytes },
      format,
      path,
      overwrite: request.overwrite === true,
      createFolder: request.path === undefined,
      seqlabVersion: this.options.seqlabVersion,
    };
    let reply: ExportWorkerMessage;
    try {
      reply = await runWorkerOnce<ExportWorkerMessage>(this.options.exportWorkerEntry, 'export worker', job, [bytes]);
    } catch (error) {
      return failure('internal', (error as Error).message);
    }
    const result = reply.result;
    if (!result.ok) {
      // the file in the way (the path, or the decoder step beside it) is named in the message; `overwrite` is the field that would let it through
      if (result.code === 'exists') return failure('conflict', result.message, 'overwrite');
      if (result.code === 'write-failed')
        return request.path === undefined ? failure('internal', result.message) : failure('invalid-request', result.message, 'path');
      return failure(result.code === 'runtime-failed' ? 'internal' : 'conflict', result.message);
    }
    const parity = result.parity === null ? null : { ...result.parity, cases: [...result.parity.cases] };
    const step = result.decoderStep;
    const report: ExportReport = { byteLength: result.byteLength, parity, ...(step ? { decoderByteLength: step.byteLength } : {}) };
    if (!this.store.runs.get(runId))
      return failure('not-found', `Run ${runId} was deleted while its model was being exported; ${path} was written but not recorded.`);
    const record = this.store.exports.insert({
      runId,
      path: result.path,
      format,
      hash: result.sha256,
      parity: report,
      checkpointKind: kind,
      checkpointStep: saved.step,
      ...(step ? { decoderPath: step.path, decoderHash: step.sha256 } : {}),
    });
    return { ok: true, value: this.toModelExport(record) };
  }

  private toModelExport(record: ExportRecord): ModelExport {
    const report = readReport(record.parity);
    return {
      id: record.id,
      runId: record.runId,
      runName: this.store.runs.get(record.runId)?.name ?? `run ${record.runId}`,
      format: record.format === 'safetensors' ? 'safetensors' : 'onnx',
      path: record.path,
      hash: record.hash,
      byteLength: report?.byteLength ?? null,
      checkpoint: record.checkpointKind !== null && record.checkpointStep !== null ? { kind: record.checkpointKind, step: record.checkpointStep } : null,
      createdAt: record.createdAt,
      parity: report?.parity ?? null,
      decoderStep:
        record.decoderPath === null || record.decoderHash === null
          ? null
          : { path: record.decoderPath, hash: record.decoderHash, byteLength: report?.decoderByteLength ?? null },
    };
  }
}

function failure(code: ApiErrorBody['code'], message: string, field?: string): { ok: false; error: ApiErrorBody } {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, issues: [{ path: field, message }] } };
}

/** The stored export report, or null when the column holds something else (checked, not trusted). */
function readReport(value: unknown): ExportReport | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<ExportReport>;
  const parity = v.parity === null || v.parity === undefined ? null : readParity(v.parity);
  const decoder = typeof v.decoderByteLength === 'number' ? { decoderByteLength: v.decoderByteLength } : {};
  return { byteLength: typeof v.byteLength === 'number' ? v.byteLength : 0, parity, ...decoder };
}
