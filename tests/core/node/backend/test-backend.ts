// A real BackendService on a fresh temporary SQLite file, for transport tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackendService } from '../../../../core/node/backend/backend-service';

export function createTestBackend(): { backend: BackendService; databasePath: string; dispose(): Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'seqlab-backend-'));
  const databasePath = join(dir, 'runs.db');
  const backend = new BackendService({ databasePath, host: 'serve', concurrency: 1 });
  return {
    backend,
    databasePath,
    async dispose() {
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
