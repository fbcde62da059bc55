// Test helpers: a fresh temp folder per test, stores opened in it and closed afterwards, a fake clock.

import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openStore, type Store } from '../../../../core/node/store/store';

export interface StoreFixture {
  /** The current test's temp folder. */
  dir(): string;
  /** `<dir>/seqlab.db`. */
  dbPath(): string;
  /** Opens the store at dbPath() with the fake clock (and the given process owner); closed after the test. */
  open(options?: { owner?: string }): Store;
  /** The fake clock read by stores from open(); tests move it. */
  clock: { now: number };
}

/** Call at the top of a test file or describe block. */
export function useStoreFixture(): StoreFixture {
  let dir = '';
  const stores: Store[] = [];
  const clock = { now: 1_700_000_000_000 };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'seqlab-store-'));
    clock.now = 1_700_000_000_000;
  });
  afterEach(() => {
    for (const store of stores.splice(0)) if (store.isOpen) store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir: () => dir,
    dbPath: () => join(dir, 'seqlab.db'),
    open: (options = {}) => {
      const store = openStore(join(dir, 'seqlab.db'), { now: () => clock.now, ...options });
      stores.push(store);
      return store;
    },
    clock,
  };
}

/** An experiment named 'e' holding one run named 'r' with an empty spec, for tests of what a run owns; the run's id. */
export function createRun(store: Store): number {
  const experiment = store.experiments.create({ name: 'e' });
  if (!experiment.ok) throw new Error(experiment.message);
  return store.runs.create({ experimentId: experiment.value.id, name: 'r', spec: {} }).id;
}

/**
 * Every entry of a folder with the SHA-256 of its bytes ('folder' for subfolders), to prove that an
 * operation changed nothing on disk. Hashes rather than Buffers because deep-equality on large
 * Buffers is slow in expect().
 */
export function snapshotFolder(dir: string): Map<string, string> {
  return new Map(
    readdirSync(dir).map((name) => {
      const path = join(dir, name);
      const content = statSync(path).isDirectory() ? 'folder' : createHash('sha256').update(readFileSync(path)).digest('hex');
      return [name, content];
    }),
  );
}
