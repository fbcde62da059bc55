// The one object that owns the store, the runner and (later) model sessions for a process:
// Electron main, `serve` or the CLI each create one with a database path and hand its dispatcher to a transport.
import type { AppInfo } from '../../common/api/entities';
import { createRunner, type RemoteTrainer, type Runner, type RunnerEvent } from '../runner';
import { ApiError } from '../../common/api/result';
import { CheckpointDamagedError, StoreWriteError, unwritableError } from '../store/errors';
import { openStore, type Store } from '../store/store';
import { DELETED_RUN_PURGE_AFTER_MS } from '../store/run-repository';
import { createDispatcher, type ApiHandlers, type Dispatcher } from './dispatch';
import { EventBus } from './event-bus';
import { createHandlers } from './handlers';
import { loadPresets } from './presets';
import { SweepScheduler } from './sweep-scheduler';
import { dirname, join } from 'node:path';
import { ModelService } from '../models/model-service';
import { exportWorkerEntry, inferenceWorkerEntry } from '../models/worker-entries';
import { SpecService } from '../data/spec-service';
import type { MachineLimits } from '../../common/spec/machine-limits';
import { ImportService } from '../data/import-service';
import { SEQLAB_VERSION } from './version';
import { TeachingService } from '../teaching/teaching-service';
import { teachingWorkerEntry } from '../teaching/worker-entries';
import { teachingUpdateEvent } from '../teaching/teaching-event';

export interface BackendOptions {
  databasePath: string;
  host: AppInfo['host'];
  /** Folder of example specs offered as presets (resources/examples). */
  examplesDir?: string | undefined;
  /** Runs training at once (default, also when undefined: one per core). */
  concurrency?: number | undefined;
  /**
   * Start runs left queued in the store (default true). The CLI passes false: `seqlab list` must not
   * start training the app's queued runs, and `seqlab train` trains only the run it creates.
   */
  startQueuedRuns?: boolean;
  /** The spec worker's entry (tests pass their own; default: the bundled one). */
  specWorkerEntry?: string;
  /** What a new run may take of the machine (default: this machine's); tests pass their own. */
  machineLimits?: MachineLimits;
  /** The import worker's entry (tests pass their own; default: the bundled one). */
  importWorkerEntry?: string;
  /**
   * Create the database when there is no file (default true: the app, serve, commands that add runs).
   * False refuses a missing file (StoreOpenError 'missing') and creates nothing: a mistyped path.
   */
  createDatabase?: boolean;
  /** Train every run this backend starts on a queue of agents (core/node/queue/queue-trainer.ts), given the store. */
  remote?: (store: Store) => RemoteTrainer;
}

export class BackendService {
  readonly events = new EventBus();
  readonly dispatcher: Dispatcher;
  readonly store: Store;
  readonly runner: Runner;
  /** Keeps each sweep within its concurrency limit. */
  readonly sweeps: SweepScheduler;
  /** ONNX / safetensors export and the inference worker. */
  readonly models: ModelService;
  /** Validates specs and builds tasks in a one-shot worker, never on this thread. */
  readonly specs: SpecService;
  /** Reads, parses and previews dataset files in a one-shot worker; registers the result in the store. */
  readonly imports: ImportService;
  /** The teaching playground's workers, one per client; they never touch the store. */
  readonly teaching: TeachingService;

  /** Throws StoreOpenError (with a message for a person) when the database cannot be used. */
  constructor(options: BackendOptions) {
    this.store = openStore(options.databasePath, { create: options.createDatabase ?? true });
    this.runner = createRunner(this.store, (event) => this.forward(event), {
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      ...(options.remote === undefined ? {} : { remote: options.remote(this.store) }),
    });
    try {
      // Runs left running by a crash or a kill become `interrupted`, resumable from their last checkpoint.
      this.runner.recoverAtStartup();
    } catch (error) {
      if (!(error instanceof StoreWriteError)) throw error;
      this.store.close();
      throw unwritableError(error.path, `runs left running by a process that has ended must be marked interrupted, and ${error.reason} prevents it`, error);
    }
    purgeDeletedRuns(this.store);
    this.sweeps = new SweepScheduler(this.store, this.runner, this.events);
    if (options.startQueuedRuns !== false) {
      // Runs still queued when the app last closed wait for a worker again, oldest first; a sweep's
      // runs through the sweep scheduler, which keeps them within the sweep's concurrency.
      for (const run of this.store.runs.list({ statuses: ['queued'] }).reverse()) if (run.sweepId === null) this.runner.start(run.id);
      this.sweeps.startWaiting();
    }
    this.models = new ModelService(this.store, {
      exportsDir: join(dirname(options.databasePath), 'exports'),
      seqlabVersion: SEQLAB_VERSION,
      exportWorkerEntry,
      inferenceWorkerEntry,
    });
    this.specs = new SpecService(this.store, {
      ...(options.specWorkerEntry === undefined ? {} : { workerEntry: options.specWorkerEntry }),
      ...(options.machineLimits === undefined ? {} : { limits: options.machineLimits }),
    });
    this.imports = new ImportService(this.store, options.importWorkerEntry === undefined ? {} : { workerEntry: options.importWorkerEntry });
    this.teaching = new TeachingService(teachingWorkerEntry, (clientId, update) => this.events.emit('teaching.update', teachingUpdateEvent(clientId, update)));
    const info: AppInfo = { name: 'SeqLab', version: SEQLAB_VERSION, databasePath: options.databasePath, host: options.host };
    const presets = options.examplesDir ? loadPresets(options.examplesDir) : [];
    this.dispatcher = createDispatcher(
      surfaceStoreErrors(
        createHandlers(this.store, this.runner, this.events, info, presets, this.sweeps, this.models, this.specs, this.imports, this.teaching),
      ),
      (name, error) => {
        console.error(`SeqLab: ${name} failed:`, error);
      },
    );
  }

  /** Training runs checkpoint and end as `interrupted` (resumable); then the database closes. */
  async close(): Promise<void> {
    this.sweeps.close();
    await this.teaching.close();
    await this.models.close();
    await this.runner.shutdown();
    this.store.close();
  }

  private forward(event: RunnerEvent): void {
    if (event.type === 'status') {
      const { runId, status, error, divergence } = event;
      this.events.emit('run.status', divergence ? { runId, status, error, divergence } : { runId, status, error });
    } else if (event.type === 'warning') {
      this.events.emit('run.warning', { runId: event.runId, warning: event.warning });
    } else {
      const { runId, step, totalSteps, loss, accuracy, learningRate, gradNorm, tokensPerSecond, etaSeconds } = event;
      this.events.emit('run.progress', {
        runId,
        step,
        totalSteps,
        loss: Number.isFinite(loss) ? loss : null,
        accuracy,
        learningRate,
        gradNorm: Number.isFinite(gradNorm) ? gradNorm : null,
        tokensPerSecond,
        etaSeconds,
      });
    }
  }
}

/**
 * Removes for good the runs deleted over DELETED_RUN_PURGE_AFTER_MS ago (their undo has long gone), with their metrics
 * and checkpoints. A purge SQLite cannot write (a full disk) leaves them deleted for the next start to purge: opening
 * the database must not fail for it.
 */
function purgeDeletedRuns(store: Store): void {
  try {
    store.runs.purgeDeleted(Date.now() - DELETED_RUN_PURGE_AFTER_MS);
  } catch (error) {
    if (!(error instanceof StoreWriteError)) throw error;
    console.error(`SeqLab: deleted runs were not purged this time (${error.reason}); the next start tries again.`);
  }
}

/**
 * Store failures a person can act on reach the caller as `storage` API errors with their own message — a
 * write SQLite refused (a full disk: nothing of the call was saved), a damaged checkpoint — rather than
 * as an `internal` error that reads like a bug.
 */
function surfaceStoreErrors(handlers: ApiHandlers): ApiHandlers {
  const surfaced: Record<string, (request: unknown) => Promise<unknown>> = {};
  for (const [name, handler] of Object.entries(handlers) as [string, (request: unknown) => unknown][]) {
    surfaced[name] = async (request) => {
      try {
        return await handler(request);
      } catch (error) {
        if (error instanceof StoreWriteError || error instanceof CheckpointDamagedError) throw new ApiError('storage', error.message);
        throw error;
      }
    };
  }
  return surfaced as unknown as ApiHandlers;
}
