// Main-side handle of one training worker thread: starts it with a heap limit, forwards its messages,
// and turns any way it can die (uncaught error, out of memory, unexpected exit) into one readable message.
import type { ResourceLimits, Worker } from 'node:worker_threads';
import { spawnWorker } from '../workers/spawn-worker';
import { isFinalMessage, type MainToWorker, type WorkerToMain } from './protocol';

export interface RunWorkerHandlers {
  message(message: WorkerToMain): void;
  /** The worker died without a final message; called at most once, and never after a final message. */
  crashed(message: string): void;
}

export class RunWorker {
  private readonly worker: Worker;
  /** Set once a final message, a crash or terminate() has happened: later events belong to nobody. */
  private settled = false;

  constructor(
    entryPath: string,
    private readonly resourceLimits: ResourceLimits,
    private readonly handlers: RunWorkerHandlers,
  ) {
    this.worker = spawnWorker(entryPath, { resourceLimits });
    this.worker.on('message', (message: WorkerToMain) => {
      if (this.settled) return;
      if (isFinalMessage(message)) this.settled = true;
      handlers.message(message);
    });
    this.worker.on('error', (error: Error & { code?: string }) => this.crash(this.describe(error)));
    this.worker.on('messageerror', (error: Error) => this.crash(`The training worker sent a message that could not be read: ${error.message}`));
    this.worker.on('exit', (code: number) => this.crash(`The training worker stopped unexpectedly (exit code ${code}).`));
  }

  send(message: MainToWorker, transfer: ArrayBuffer[] = []): void {
    if (!this.settled) this.worker.postMessage(message, transfer);
  }

  /** Ends the thread; the exit this causes is not reported as a crash. */
  async terminate(): Promise<void> {
    this.settled = true;
    await this.worker.terminate();
  }

  private crash(message: string): void {
    if (this.settled) return;
    this.settled = true;
    this.handlers.crashed(message);
    void this.worker.terminate();
  }

  private describe(error: Error & { code?: string }): string {
    if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      const limit = this.resourceLimits.maxOldGenerationSizeMb;
      return `The training worker ran out of memory${limit ? ` (its heap limit is ${limit} MB)` : ''}. Try a smaller model, batch or evaluation set.`;
    }
    return `The training worker crashed: ${error.message}`;
  }
}
