// The one object that owns the store, the runner and (later) model sessions for a process:
// Electron main, `serve` or the CLI each create one with a database path and hand its dispatcher to a transport.
import type { AppInfo } from '../../common/api/entities';
import { createRunner, type Runner, type RunnerEvent } from '../runner';
import { openStore, type Store } from '../store/store';
import { createDispatcher, type Dispatcher } from './dispatch';
import { EventBus } from './event-bus';
import { createHandlers } from './handlers';
import { loadPresets } from './presets';
import { SEQLAB_VERSION } from './version';

export interface BackendOptions {
  databasePath: string;
  host: AppInfo['host'];
  /** Folder of example specs offered as presets (resources/examples). */
  examplesDir?: string;
  /** Runs training at once (default: one per core). */
  concurrency?: number;
}

export class BackendService {
  readonly events = new EventBus();
  readonly dispatcher: Dispatcher;
  readonly store: Store;
  readonly runner: Runner;

  /** Throws StoreOpenError (with a message for a person) when the database cannot be used. */
  constructor(options: BackendOptions) {
    this.store = openStore(options.databasePath);
    this.runner = createRunner(this.store, (event) => this.forward(event), { concurrency: options.concurrency });
    // Runs left running by a crash or a kill become `interrupted`, resumable from their last checkpoint.
    this.runner.recoverAtStartup();
    // Runs still queued when the app last closed wait for a worker again, oldest first.
    for (const run of this.store.runs.list({ statuses: ['queued'] }).reverse()) this.runner.start(run.id);
    const info: AppInfo = { name: 'SeqLab', version: SEQLAB_VERSION, databasePath: options.databasePath, host: options.host };
    const presets = options.examplesDir ? loadPresets(options.examplesDir) : [];
    this.dispatcher = createDispatcher(createHandlers(this.store, this.runner, this.events, info, presets), (name, error) => {
      console.error(`SeqLab: ${name} failed:`, error);
    });
  }

  /** Training runs checkpoint and end as `interrupted` (resumable); then the database closes. */
  async close(): Promise<void> {
    await this.runner.shutdown();
    this.store.close();
  }

  private forward(event: RunnerEvent): void {
    if (event.type === 'status') {
      const { runId, status, error, divergence } = event;
      this.events.emit('run.status', divergence ? { runId, status, error, divergence } : { runId, status, error });
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
