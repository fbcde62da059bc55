// Starts a worker thread from an entry path: a compiled .js entry (the built app, resolved by
// electron-vite's `?modulePath`) directly, a .ts source entry (tests, tsx scripts) through a tsx bootstrap.
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

export function spawnWorker(entryPath: string, options: WorkerOptions = {}): Worker {
  if (!entryPath.endsWith('.ts')) return new Worker(entryPath, options);
  const bootstrap = new URL('./ts-worker-bootstrap.mjs', import.meta.url);
  const workerData = { ...(options.workerData as object | undefined), __seqlabEntry: pathToFileURL(entryPath).href };
  return new Worker(bootstrap, { ...options, workerData });
}
