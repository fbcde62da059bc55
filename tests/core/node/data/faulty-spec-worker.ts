// A test-only spec worker entry: the real spec worker, plus faults for a run spec or sweep base named for one.
// "exit" stops the thread (exit code 3) before it replies, as a native crash would; "hoard" fills the heap until
// V8 hits the worker's resourceLimits. Other jobs are resolved normally.
import { parentPort } from 'node:worker_threads';
import '../../../../core/node/data/spec-worker';
import type { SpecJob } from '../../../../core/node/data/spec-protocol';

const hoard: number[][] = [];

// Listens after the real entry (imported above), whose reply is still pending when the fault strikes.
parentPort?.once('message', (job: SpecJob) => {
  const named = job.kind === 'run' ? job.spec : job.kind === 'sweep' ? (job.sweep as { base?: unknown }).base : undefined;
  const name = (named as { name?: string } | undefined)?.name;
  if (name === 'exit') process.exit(3);
  if (name === 'hoard') for (let i = 0; ; i++) hoard.push(new Array<number>(1_000_000).fill(i + 0.5));
});
