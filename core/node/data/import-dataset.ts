// Registering a file as a dataset in two steps: `readImport` checks the options and streams the file through the
// importer's passes (hashing it on the way) — the heavy part, which the backend runs in an import worker
// (import-service.ts) — and `registerImport` inserts one row in one transaction, or, for content already imported
// the same way, returns the existing row. Every failure is a typed result and leaves the store untouched.
import { basename, resolve } from 'node:path';
import type { DatasetEncoder } from '../../common/data/import/encoder';
import { SAMPLE_CHARS } from '../../common/data/import/detect';
import { fail, ImportFailure, type ImportResult } from '../../common/data/import/import-error';
import { detectsKind, parseImportOptions, parseImportRequest, type ImportOptions, type ImportRequest } from '../../common/data/import/import-options';
import { planImport, type ImportOutput } from '../../common/data/import/import-plan';
import type { ImportReport } from '../../common/data/import/import-report';
import { detectKind } from '../../common/data/import/kind-detect';
import type { Dataset, Store } from '../store';
import { fileInfo, readPass, readSample, type ReadControl } from './read-file';

export interface ImportProgress {
  /** 1 for the checking pass, 2 for a fitting pass (series and numeric sequences). */
  readonly pass: number;
  readonly bytesRead: number;
  readonly totalBytes: number;
}

/** Optional controls of an import; an undefined one is not given. */
export interface ImportControl {
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((progress: ImportProgress) => void) | undefined;
  /** Bytes per read; tests use tiny chunks. */
  readonly chunkBytes?: number | undefined;
}

/** What reading a file yields for the store: the importer's output and where it came from (plain data, so it can cross threads). */
export interface ReadImport {
  readonly output: ImportOutput;
  readonly source: ImportSource;
}

export interface ImportSource {
  readonly name: string;
  readonly sourcePath: string;
  readonly contentHash: string;
  readonly sizeBytes: number;
}

export interface ImportedDataset {
  readonly dataset: Dataset;
  /** True when the same content was already imported with the same options, and that dataset is returned. */
  readonly reused: boolean;
  /** What this import read and why: the kind, each column's part, the windows that fit. */
  readonly report: ImportReport;
}

/**
 * Imports `path` as a dataset of `rawOptions.kind` ('series', 'text', 'pairs' or 'labelled'; see import-options.ts;
 * left out, the kind is detected from the file's first part, and a file that does not say is refused asking for it).
 * Resolves to the registered dataset or to a typed error naming file, line and column; never rejects for a bad
 * file, and registers nothing unless the whole file was read and accepted.
 */
export async function importDataset(store: Store, path: string, rawOptions: unknown, control: ImportControl = {}): Promise<ImportResult<ImportedDataset>> {
  const read = await readImport(path, rawOptions, control);
  return read.ok ? { ok: true, value: registerImport(store, read.value) } : read;
}

/**
 * Reads, checks and fits `path` as `importDataset` does, without a store: resolves to what `registerImport` needs,
 * or to a typed error naming file, line and column. Touches no database, so it can run in a worker thread.
 */
export async function readImport(path: string, rawOptions: unknown, control: ImportControl = {}): Promise<ImportResult<ReadImport>> {
  const file = path;
  const parsed = parseImportRequest(rawOptions, file);
  if (!parsed.ok) return parsed;
  const absolute = resolve(path);
  try {
    const before = await fileInfo(absolute, file);
    if (before.size === 0) fail('empty-file', file, null, 'the file is empty (0 bytes)', 'Choose the file that holds the data.');
    const { options, kindReason } = await resolveKind(parsed.value, absolute, file);
    const plan = planImport(options, file, kindReason);
    let pass = 1;
    const read = (): ReadControl => ({
      chunkBytes: control.chunkBytes,
      signal: control.signal,
      onChunk: (bytesRead) => control.onProgress?.({ pass, bytesRead, totalBytes: before.size }),
    });
    const first = await readPass(absolute, file, plan.first, read());
    for (let next = plan.next(); next !== null; next = plan.next()) {
      pass++;
      await readPass(absolute, file, next, read());
    }
    const after = await fileInfo(absolute, file);
    if (first.contentHash === null || after.size !== before.size || after.mtimeMs !== before.mtimeMs || first.bytes !== before.size) {
      fail('source-changed', file, null, 'the file changed while it was being imported', 'Wait until whatever writes it has finished, then import it again.');
    }
    const output = plan.result();
    return {
      ok: true,
      value: { output, source: { name: options.name ?? basename(absolute), sourcePath: absolute, contentHash: first.contentHash, sizeBytes: first.bytes } },
    };
  } catch (e) {
    if (e instanceof ImportFailure) return { ok: false, error: e.error };
    throw e;
  }
}

/** Bytes read to detect a kind: at most SAMPLE_CHARS characters, as layout detection reads. */
const KIND_SAMPLE_BYTES = SAMPLE_CHARS;

/**
 * The options of the kind asked for, or of the kind detected from the file's first part (throws an 'unknown-kind'
 * failure when the content does not say), with how the kind was chosen for the report.
 */
async function resolveKind(request: ImportRequest, path: string, file: string): Promise<{ options: ImportOptions; kindReason: string }> {
  if (!detectsKind(request)) return { options: request, kindReason: 'as asked' };
  const { kind: _auto, ...rest } = request;
  const sample = await readSample(path, file, KIND_SAMPLE_BYTES);
  const keys = Object.keys(rest).filter((k) => rest[k as keyof typeof rest] !== undefined);
  const detected = detectKind(sample.text, sample.complete, file, { ...rest, keys });
  if (detected.kind === null) {
    fail(
      'unknown-kind',
      file,
      null,
      `the kind of data cannot be told from the content: ${detected.reason}`,
      'Say what the file holds: --kind series, text, pairs or labelled in seqlab data import (the Kind field of the import form, the kind option of the API).',
    );
  }
  const kindReason = `detected: ${detected.reason}`;
  const options = parseImportOptions({ ...rest, kind: detected.kind }, file, `${detected.kind}, ${kindReason}`);
  if (!options.ok) throw new ImportFailure(options.error);
  return { options: options.value, kindReason };
}

/** Inserts the dataset, unless an identical import exists; one transaction, so a concurrent twin cannot slip in between. */
export function registerImport(store: Store, { output, source }: ReadImport): ImportedDataset {
  return store.transaction(() => {
    const existing = findSameImport(store, source.contentHash, output);
    if (existing !== undefined) return { dataset: existing, reused: true, report: output.report };
    const dataset = store.datasets.insert({ kind: output.kind, ...source, stats: output.stats, encoder: output.encoder });
    return { dataset, reused: false, report: output.report };
  });
}

/** A dataset with the same content, kind and encoder (options and everything fitted; the name aside). */
function findSameImport(store: Store, contentHash: string, output: ImportOutput): Dataset | undefined {
  const key = encoderKey(output.encoder);
  const same = (d: Dataset | undefined): boolean => d !== undefined && d.kind === output.kind && encoderKey(d.encoder) === key;
  const newest = store.datasets.findByHash(contentHash);
  if (newest === undefined || same(newest)) return newest;
  // older imports of the same bytes with other options: rare, and the list holds no encoders, so fetch each
  for (const summary of store.datasets.list()) {
    if (summary.contentHash !== contentHash || summary.id === newest.id) continue;
    const dataset = store.datasets.get(summary.id);
    if (same(dataset)) return dataset;
  }
  return undefined;
}

function encoderKey(encoder: unknown): string {
  if (typeof encoder !== 'object' || encoder === null) return JSON.stringify(encoder);
  const e = encoder as DatasetEncoder;
  return JSON.stringify({ ...e, options: { ...e.options, name: undefined } });
}
