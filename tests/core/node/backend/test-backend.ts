// A real BackendService on a fresh temporary SQLite file, for transport tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiErrorBody } from '../../../../core/common/api/result';
import { BackendService, type BackendOptions } from '../../../../core/node/backend/backend-service';
import type { ApiEvent } from '../../../../core/common/api/contract';
import { ENDED_STATUSES } from '../../../../core/node/store/types';

/** @param options override the defaults (e.g. a test's own worker entry) */
export function createTestBackend(options: Partial<BackendOptions> = {}): { backend: BackendService; databasePath: string; dispose(): Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'seqlab-backend-'));
  const databasePath = join(dir, 'runs.db');
  const backend = new BackendService({ databasePath, host: 'serve', concurrency: 1, ...options });
  return {
    backend,
    databasePath,
    async dispose() {
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The value of an API call through the dispatcher; a refusal fails the test with its message. */
export async function callApi<T = Record<string, unknown>>(backend: BackendService, name: string, payload: unknown): Promise<T> {
  const result = await backend.dispatcher.dispatch(name, payload);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

/** The error of a call that must be refused; an accepted call fails the test. */
export async function refusalOf(backend: BackendService, name: string, payload: unknown): Promise<ApiErrorBody> {
  const result = await backend.dispatcher.dispatch(name, payload);
  if (result.ok) throw new Error(`${name} should have been refused`);
  return result.error;
}

/** Resolves when every run of `runIds` has ended (any of ENDED_STATUSES), from the run.status events. */
export function runsEnded(backend: BackendService, runIds: readonly number[]): Promise<void> {
  const open = new Set(runIds);
  return new Promise((resolve) => {
    const unsubscribe = backend.events.subscribe((event, payload) => {
      const { runId, status } = payload as ApiEvent<'run.status'>;
      if (event === 'run.status' && ENDED_STATUSES.includes(status)) open.delete(runId);
      if (open.size === 0) {
        unsubscribe();
        resolve();
      }
    });
  });
}
