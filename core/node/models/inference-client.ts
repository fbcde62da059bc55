// Main-side handle of the inference worker: started on the first request, it keeps models open and
// generation streams alive between calls. Requests carry ids; each promise settles with its reply, and
// all of them reject (readably) if the worker dies, after which the next request starts a new one.
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../workers/spawn-worker';
import type { InferenceOutcome, InferenceRequest, InferenceToMain, InferenceValues, MainToInference } from './inference-protocol';

interface Pending {
  resolve(outcome: InferenceOutcome<unknown>): void;
  reject(error: Error): void;
}

export class InferenceClient {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly entry: string) {}

  request<K extends InferenceRequest['type']>(request: Extract<InferenceRequest, { type: K }>): Promise<InferenceOutcome<InferenceValues[K]>> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    // Referenced while a request waits (a CLI awaiting a reply must not exit), unreferenced when idle.
    if (this.pending.size === 0) worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as Pending['resolve'], reject });
      const message: MainToInference = { id, request };
      worker.postMessage(message);
    });
  }

  /** Ends the worker (its sessions and streams with it); pending requests reject. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failAll('The inference worker was closed.');
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    const worker = spawnWorker(this.entry, { resourceLimits: { maxOldGenerationSizeMb: 2048 } });
    // Idle, the thread does not keep the process alive; the app ends it with close().
    worker.unref();
    worker.on('message', (reply: InferenceToMain) => {
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if ('failure' in reply) pending.reject(new Error(`Inference failed: ${reply.failure}`));
      else pending.resolve(reply.outcome);
    });
    const died = (message: string): void => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.failAll(message);
    };
    worker.on('error', (error: Error) => died(`The inference worker crashed: ${error.message}`));
    worker.on('exit', (code) => died(`The inference worker stopped unexpectedly (exit code ${code}).`));
    this.worker = worker;
    return worker;
  }

  private failAll(message: string): void {
    for (const pending of this.pending.values()) pending.reject(new Error(message));
    this.pending.clear();
  }
}
