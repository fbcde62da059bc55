// Child process of the full-disk test, started under a file-size limit (`ulimit -f`), so that SQLite's
// writes to the -wal file fail at COMMIT time, as on a full disk: creates experiments until the store
// refuses one, then tries a run of the last one it acknowledged, and prints what it was told as JSON.
// Usage: node --import tsx full-disk-child.ts DB_PATH
import process from 'node:process';

// A write past the limit raises SIGXFSZ, which would kill the process; handled, the write fails with EFBIG.
// Before the store's modules load, so that no file written while loading them can end the process either.
process.on('SIGXFSZ', () => {});
const { openStore } = await import('../../../../core/node/store/store');

interface Refusal {
  name: string;
  message: string;
}

const describe = (error: unknown): Refusal =>
  error instanceof Error ? { name: error.name, message: error.message } : { name: 'unknown', message: String(error) };

const store = openStore(process.argv[2] as string);
const acknowledged: { id: number; name: string }[] = [];
let refusal: Refusal | null = null;
for (let i = 0; i < 300 && refusal === null; i++) {
  try {
    const created = store.experiments.create({ name: `experiment ${i}`, notes: 'n'.repeat(300) });
    if (created.ok) acknowledged.push({ id: created.value.id, name: created.value.name });
  } catch (error) {
    refusal = describe(error);
  }
}
let run: { id: number } | Refusal | null = null;
const last = acknowledged.at(-1);
if (last) {
  try {
    run = { id: store.runs.create({ experimentId: last.id, name: 'after the refusal', spec: { notes: 'r'.repeat(8000) } }).id };
  } catch (error) {
    run = describe(error);
  }
}
store.close();
process.stdout.write(`${JSON.stringify({ acknowledged, refusal, run })}\n`);
