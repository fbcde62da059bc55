// Entry of a training worker thread: receives `start`, validates the spec again (the stored JSON may
// come from an older SeqLab or a hand-edited file; a dataset run re-reads its file, hash-checked),
// restores the checkpoint, and runs the TrainingLoop.
// It never touches SQLite: everything it learns leaves as a message (protocol.ts).
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { formatSpecIssues } from '../../common/spec/experiment-spec';
import { decodeCheckpoint } from '../../common/train/checkpoint-codec';
import { TrainingSession } from '../../common/models/training-session';
import { checkOnMachine, taskForRun } from '../data/run-spec';
import { DataParallelTrainer } from '../parallel/data-parallel-trainer';
import type { MainToWorker, WorkerToMain } from './protocol';
import { INITIAL_DIVERGENCE_STATE } from '../../common/train/divergence';
import { initialLoopState, TrainingLoop, type LoopHost, type LoopState } from './training-loop';

const port = parentPort;
if (port === null) throw new Error('train-worker: this module is a worker thread entry; start it with spawnWorker');

const host: LoopHost = {
  post: (message: WorkerToMain, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer),
  // setImmediate runs after the poll phase, where MessagePort messages are delivered.
  yieldToEvents: () => new Promise((resolve) => setImmediate(resolve)),
  now: () => performance.now(),
  wallTime: () => Date.now(),
};

let loop: TrainingLoop | null = null;
/** Controls that arrive before the loop exists (while a dataset file is read): applied, in order, once it does. */
const early: ('pause' | 'resume' | 'stop')[] = [];

port.on('message', (message: MainToWorker) => {
  switch (message.type) {
    case 'start':
      void train(message);
      break;
    case 'pause':
    case 'resume':
    case 'stop':
      if (loop === null) early.push(message.type);
      else loop[message.type]();
      break;
  }
});

async function train(start: Extract<MainToWorker, { type: 'start' }>): Promise<void> {
  try {
    const parsed = await taskForRun(start.spec, start.dataset);
    if (!parsed.ok) {
      host.post({ type: 'failed', message: `The run's spec is invalid:\n${formatSpecIssues(parsed.issues)}` });
      return;
    }
    const refusals = start.machineLimits === undefined ? [] : checkOnMachine(parsed, start.machineLimits).issues;
    if (refusals.length > 0) {
      host.post({ type: 'failed', message: `This machine cannot train the run:\n${formatSpecIssues(refusals)}` });
      return;
    }
    const session = new TrainingSession(parsed.spec, parsed.task);
    let state: LoopState = initialLoopState();
    if (start.checkpoint !== undefined) {
      const decoded = decodeCheckpoint(new Uint8Array(start.checkpoint));
      session.restore(decoded.checkpoint);
      state = loopStateFrom(decoded.extra);
    }
    const parallel = await dataParallel(session, start.gradientWorkerEntry);
    try {
      const step = parallel === null ? undefined : () => session.nextWith((batch, n, opts) => parallel.stepBatch(batch, n, opts));
      loop = new TrainingLoop(session, state, host, { sliceMs: 8, step });
      for (const control of early.splice(0)) loop[control]();
      await loop.run();
    } finally {
      await parallel?.close();
    }
  } catch (error) {
    // A bug or an impossible checkpoint ends this run only; the message is what the person sees.
    host.post({ type: 'failed', message: `Training failed: ${error instanceof Error ? error.message : String(error)}` });
  }
}

/**
 * With training.threads > 1, the trainer that splits each step over that many threads (this one included).
 * Data-parallel training is for sequence models only (their batches split along B into independent
 * rows; the spec refuses threads > 1 for other kinds, and a stored spec that asks anyway is refused here).
 */
async function dataParallel(session: TrainingSession, workerEntry: string | undefined): Promise<DataParallelTrainer | null> {
  const { threads, bptt, kernels } = session.spec.training;
  if (threads === 1) return null;
  if (session.model.kind !== 'sequence')
    throw new Error(`training.threads is ${threads}, but data-parallel training is for sequence models; a ${session.model.kind} model trains on 1 thread`);
  if (workerEntry === undefined) throw new Error(`training.threads is ${threads}, but this runner was started without the gradient worker entry`);
  return DataParallelTrainer.create({ model: session.model.model, ...session.update, bptt, threads, workerEntry, kernels });
}

/**
 * The loop state a checkpoint carries. One written before explosion detection has no `divergence` (its
 * `lastFiniteLoss` is no longer used): the monitor starts afresh, measuring its reference on the restored model.
 */
function loopStateFrom(extra: unknown): LoopState {
  const e = (extra ?? {}) as Partial<Record<keyof LoopState, unknown>>;
  const numberOrNull = (v: unknown): v is number | null => v === null || typeof v === 'number';
  if (!numberOrNull(e.bestValLoss) || !numberOrNull(e.bestStep) || typeof e.evalsSinceBest !== 'number') {
    throw new Error('the checkpoint does not hold the run loop state (best loss, patience count); it was not written by this runner');
  }
  const divergence = e.divergence === undefined ? { ...INITIAL_DIVERGENCE_STATE } : (e.divergence as LoopState['divergence']);
  if (divergence === null || typeof divergence !== 'object' || typeof divergence.badSteps !== 'number' || typeof divergence.badEvaluations !== 'number') {
    throw new Error('the checkpoint holds a damaged divergence state; it was not written by this runner');
  }
  return { bestValLoss: e.bestValLoss, bestStep: e.bestStep, evalsSinceBest: e.evalsSinceBest, divergence };
}
