// A test-only worker entry: the real training worker, plus faults for runs whose spec is named for one.
// "throw" throws from a timer a few milliseconds into training (an uncaught error in the thread);
// "hoard" fills the heap until V8 hits the worker's resourceLimits. Other runs train normally.
import { parentPort } from 'node:worker_threads';
import '../../../../core/node/runner/train-worker';

const hoard: number[][] = [];

// Listens after the real entry (imported above), so training has begun when the fault strikes.
parentPort?.once('message', (message: { type: string; spec?: { name?: string } }) => {
  const name = message.type === 'start' ? message.spec?.name : undefined;
  if (name === 'throw') {
    setTimeout(() => {
      throw new Error('deliberate test failure inside the worker');
    }, 5);
  } else if (name === 'hoard') {
    setTimeout(() => {
      for (let i = 0; ; i++) hoard.push(new Array<number>(1_000_000).fill(i + 0.5));
    }, 5);
  }
});
