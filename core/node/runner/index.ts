// Public surface of the run engine; code outside core/node/runner imports from here.

export { createRunner } from './create-runner';
export { Runner } from './runner';
export type { RemoteRunHandlers, RemoteTrainer, RunHandle, RunnerEvent, RunnerEventListener, RunnerOptions, RunnerResult } from './runner-types';
export type { MainToWorker, WorkerToMain, WireMetric, DoneReason } from './protocol';
