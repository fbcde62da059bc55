// The one object that owns the store, the runner and (later) model sessions for a process:
// Electron main, `serve` or the CLI each create one with a database path and hand its dispatcher to a transport.
import type { AppInfo } from '../../common/api/entities';
import { createRunner, type Runner, type RunnerEvent } from '../runner';
import { openStore, type Store } from '../store/store';
import { createDispatcher, type Dispatcher } from './dispatch';
import { EventBus } from './event-bus';
import { createHandlers } from './handlers';
import { loadPresets } from './presets';
import { SweepScheduler } from './sweep-scheduler';
import { dirname, join } from 'node:path';
import { ModelService } from '../models/model-service';
import { exportWorkerEntry, inferenceWorkerEntry } from '../models/worker-entries';
import { SpecService } from '../data/spec-service';
import { ImportService } from '../data/import-service';
import { SEQLAB_VERSION } from './version';

export interface BackendOptions {
  databasePath: string;
  host: AppInfo['host'];
  /** Folder of example specs offered as presets (resources/examples). */
  examplesDir?: string;
  /** Runs training at once (default: one per core). */
  concurrency?: number;
  /**
   * Start runs left queued in the store (default true). The CLI passes false: `seqlab list` must not
   * start training the app's queued runs, and `seqlab train` trains only the run it creates.
   */
  startQueuedRuns?: boolean;
  /** The spec worker's entry (tests pass their own; default: the bundled one). */
  specWorkerEntry?: string;
  /** The import worker's entry (tests pass their own; default: the bundled one). */
  importWorkerEntry?: string;
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

  /** Throws StoreOpenError (with a message for a person) when the database cannot be used. */
  constructor(options: BackendOptions) {
    this.store = openStore(options.databasePath);
    this.runner = createRunner(this.store, (event) => this.forward(event), { concurrency: options.concurrency });
    // Runs left running by a crash or a kill become `interrupted`, resumable from their last checkpoint.
    this.runner.recoverAtStartup();
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
    this.specs = new SpecService(this.store, options.specWorkerEntry === undefined ? {} : { workerEntry: options.specWorkerEntry });
    this.imports = new ImportService(this.store, options.importWorkerEntry === undefined ? {} : { workerEntry: options.importWorkerEntry });
    const info: AppInfo = { name: 'SeqLab', version: SEQLAB_VERSION, databasePath: options.databasePath, host: options.host };
    const presets = options.examplesDir ? loadPresets(options.examplesDir) : [];
    this.dispatcher = createDispatcher(createHandlers(this.store, this.runner, this.events, info, presets, this.sweeps, this.models, this.specs, this.imports), (name, error) => {
      console.error(`SeqLab: ${name} failed:`, error);
    });
  }

  /** Training runs checkpoint and end as `interrupted` (resumable); then the database closes. */
  async close(): Promise<void> {
    this.sweeps.close();
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
