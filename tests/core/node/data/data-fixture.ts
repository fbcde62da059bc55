// Test helpers for importing files: a temp folder and store per test, files written into it, and checks that a
// result is a located error and that the store gained nothing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { FILE_LEVEL_CODES, type ImportError, type ImportErrorCode, type ImportResult } from '../../../../core/common/data/import/import-error';
import { openStore, type Store } from '../../../../core/node/store';

export interface DataFixture {
  dir(): string;
  store(): Store;
  /** Writes a file (text as UTF-8, or raw bytes) into the temp folder and returns its path. */
  write(name: string, content: string | Uint8Array): string;
  /** A path in the temp folder. */
  join(name: string): string;
}

export function useDataFixture(): DataFixture {
  let dir = '';
  let store: Store | null = null;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'seqlab-data-'));
    store = openStore(join(dir, 'seqlab.db'));
  });
  afterEach(() => {
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir: () => dir,
    store: () => {
      if (store === null) throw new Error('no store outside a test');
      return store;
    },
    join: (name) => join(dir, name),
    write(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
  };
}

/** The error of a failed result, checked to be located: it names the file, and a line unless it is about the whole file. */
export function located<T>(result: ImportResult<T>, file: string): ImportError {
  if (result.ok) throw new Error('expected an import error, got a dataset');
  const error = result.error;
  expect(error.file).toBe(file);
  expect(error.message.startsWith(file)).toBe(true);
  if (!FILE_LEVEL_CODES.has(error.code)) {
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.message).toContain(`line ${error.line}`);
  }
  if (error.column !== undefined) expect(error.message).toContain(`column ${error.column}`);
  return error;
}

/** Asserts code and place of an error. */
export function expectError<T>(result: ImportResult<T>, file: string, code: ImportErrorCode, line?: number, column?: number): ImportError {
  const error = located(result, file);
  expect(error.code, error.message).toBe(code);
  if (line !== undefined) expect(error.line, error.message).toBe(line);
  if (column !== undefined) expect(error.column, error.message).toBe(column);
  return error;
}
