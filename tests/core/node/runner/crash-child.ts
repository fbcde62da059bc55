// Child process of the crash test: opens the store, starts (or resumes) one run with the Runner, prints
// its events (statuses, throttled progress) as JSON lines, and exits when the run has ended. The test SIGKILLs it.
// Usage: node --import tsx crash-child.ts DB_PATH start|resume RUN_ID
import { Runner } from '../../../../core/node/runner/runner';
import { openStore } from '../../../../core/node/store/store';
import { TRAIN_WORKER } from './runner-fixture';

const [dbPath, mode, id] = process.argv.slice(2);
if (dbPath === undefined || mode === undefined || id === undefined) {
  process.stderr.write('usage: node --import tsx crash-child.ts DB_PATH start|resume RUN_ID\n');
  process.exit(2);
}
const runId = Number(id);
const store = openStore(dbPath);
const runner = new Runner(
  store,
  (event) => {
    if (event.runId !== runId) return;
    process.stdout.write(`${JSON.stringify(event)}\n`);
    if (event.type === 'status' && !['queued', 'running', 'paused'].includes(event.status)) {
      store.close();
      process.exit(0);
    }
  },
  { workerEntry: TRAIN_WORKER, concurrency: 1 },
);
const result = mode === 'start' ? runner.start(runId) : runner.resumeInterrupted(runId);
if (!result.ok) {
  process.stderr.write(`${result.message}\n`);
  process.exit(2);
}
