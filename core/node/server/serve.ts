// Serving SeqLab to a local browser until told to stop: the backend on a database, the loopback server
// over it, and the address to open. Shared by `npm run serve` (serve-main.ts) and `seqlab serve`.
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { UPLOAD_LIMITS } from '../../common/api/file-transfer';
import { BackendService } from '../backend/backend-service';
import { startLocalServer } from './local-server';
import { UPLOADS_FOLDER } from './upload';

export interface ServeOptions {
  databasePath: string;
  /** 0 picks a free port. */
  port: number;
  /** Example specs offered as presets (resources/examples). */
  examplesDir: string;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Where the address and database path are announced. */
  log: (line: string) => void;
  /** Resolves when the server should shut down (Ctrl-C, SIGTERM). */
  stopped: Promise<unknown>;
}

/** A port number from a flag's text, or null when it is not an integer in 0..65535. */
export function parsePort(text: string): number | null {
  const port = Number(text);
  return text.trim() !== '' && Number.isInteger(port) && port >= 0 && port <= 65535 ? port : null;
}

/**
 * Serves until `stopped` resolves, then closes the server and the backend (training runs end as
 * interrupted, resumable). Throws StoreOpenError when the database cannot be used.
 */
export async function serveUntilStopped(options: ServeOptions): Promise<void> {
  const backend = new BackendService({ databasePath: options.databasePath, host: 'serve', examplesDir: options.examplesDir });
  try {
    const server = await startLocalServer({
      dispatcher: backend.dispatcher,
      events: backend.events,
      rendererDir: options.rendererDir,
      token: randomBytes(24).toString('base64url'),
      port: options.port,
      // Beside the database, as the exports folder is: the data folder the person chose with --db.
      uploads: { dir: join(dirname(options.databasePath), UPLOADS_FOLDER), maxBytes: UPLOAD_LIMITS.maxBytes },
    });
    options.log(`SeqLab is running. Open this address in your browser (it holds this launch's access token):\n  ${server.url}`);
    options.log(backend.store.created ? `Created a new database at ${options.databasePath}.` : `Database: ${options.databasePath}`);
    await options.stopped;
    await server.close();
  } finally {
    await backend.close();
  }
}
