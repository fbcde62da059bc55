// Store failures through the API (issue 11): on a full disk a call is refused as `storage` with the
// store's message (never acknowledged, never an `internal` error that reads like a bug), and what was
// acknowledged before is all there.
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { ApiErrorBody } from '../../../../core/common/api/result';
import { callApi, createTestBackend } from './test-backend';

let env: ReturnType<typeof createTestBackend>;
beforeEach(() => {
  env = createTestBackend();
});
afterEach(() => env.dispose());

it('refuses writes on a full disk as storage errors with the store message, and stores exactly what it acknowledged', async () => {
  // The backend's own connection (private to the store): a database may grow by one page from now on.
  const db = (env.backend.store as unknown as { db: Database.Database }).db;
  const internal = vi.spyOn(console, 'error').mockImplementation(() => {});
  const unlimited = db.pragma('max_page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + 1}`);

  const acknowledged: string[] = [];
  let refusal: ApiErrorBody | undefined;
  for (let i = 0; i < 300 && refusal === undefined; i++) {
    const result = await env.backend.dispatcher.dispatch('experiments.create', { name: `experiment ${i}`, notes: 'n'.repeat(400) });
    if (result.ok) acknowledged.push((result.value as { name: string }).name);
    else refusal = result.error;
  }
  expect(refusal).toEqual({
    code: 'storage',
    message: `The database ${env.databasePath} could not be written: disk full (SQLITE_FULL). Nothing of this change was saved; free space on its disk, then try again.`,
  });
  expect(internal).not.toHaveBeenCalled();
  internal.mockRestore();

  db.pragma(`max_page_count = ${unlimited}`);
  const listed = await callApi<{ name: string }[]>(env.backend, 'experiments.list', {});
  expect(listed.map((e) => e.name).sort()).toEqual([...acknowledged].sort());
});
