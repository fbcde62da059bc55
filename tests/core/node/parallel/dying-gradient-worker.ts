// A gradient worker that starts like the real one, then dies in the middle of its first step, as a
// worker killed by an out-of-memory error or a native crash would: it never reaches the barrier.
import { parentPort, workerData } from 'node:worker_threads';
import { StepBarrier } from '../../../../core/node/parallel/barrier';
import type { GradientWorkerData, WorkerStatus } from '../../../../core/node/parallel/protocol';

const data = workerData as GradientWorkerData;
const barrier = new StepBarrier(new Int32Array(data.shared.control), data.threads);
parentPort?.postMessage({ type: 'ready' } satisfies WorkerStatus);
barrier.waitForStart(0);
process.exit(7);
