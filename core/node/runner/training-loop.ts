// The run loop inside a training worker: steps the session, evaluates, checkpoints (latest and best),
// stops early, detects divergence (NaN / Inf, and explosions by training.divergence: the one place every
// model kind trains through), and obeys pause / resume / stop between steps. It trains in short slices
// and yields to the event loop between them, which is when control messages get through.
import type { RunDivergence } from '../../common/api/entities';
import { encodeCheckpoint } from '../../common/train/checkpoint-codec';
import { DivergenceMonitor, INITIAL_DIVERGENCE_STATE, baselineLoss, type DivergenceState } from '../../common/train/divergence';
import type { RunSession, SessionStep } from '../../common/train/run-session';
import type { DoneReason, WorkerToMain } from './protocol';
import { RunReporter, type ReporterOptions } from './run-reporter';
import type { CheckpointKind } from '../../common/train/checkpoint-kinds';

/**
 * What the loop itself carries between steps. It travels in every checkpoint's `extra`, so a resumed
 * run keeps its best loss and patience count and stops early exactly where an uninterrupted one would.
 */
export interface LoopState {
  bestValLoss: number | null;
  bestStep: number | null;
  /** Evaluations since the validation loss last improved. */
  evalsSinceBest: number;
  /** The explosion monitor's streaks, reference loss and last sane train loss. */
  divergence: DivergenceState;
}

export function initialLoopState(): LoopState {
  return { bestValLoss: null, bestStep: null, evalsSinceBest: 0, divergence: { ...INITIAL_DIVERGENCE_STATE } };
}

export interface LoopHost {
  post(message: WorkerToMain, transfer?: ArrayBuffer[]): void;
  /** Resolves once pending events (control messages) have been handled. */
  yieldToEvents(): Promise<void>;
  /** Milliseconds, monotonic. */
  now(): number;
  /** Epoch milliseconds for metric wall times. */
  wallTime(): number;
}

export interface LoopOptions {
  /** Longest stretch of training between two yields to the event loop (ms). */
  readonly sliceMs: number;
  readonly reporter?: ReporterOptions;
  /** Takes one training step in place of `session.next()`, e.g. data-parallel (`session.nextWith`). */
  readonly step?: (() => Promise<SessionStep>) | undefined;
}

type Control = 'run' | 'pause' | 'stop';

export class TrainingLoop {
  private control: Control = 'run';
  private wake: (() => void) | null = null;
  private readonly reporter: RunReporter;
  private lastCheckpointStep: number;
  private latest: SessionStep | null = null;
  private readonly monitor: DivergenceMonitor;

  constructor(
    private readonly session: RunSession,
    private readonly state: LoopState,
    private readonly host: LoopHost,
    private readonly options: LoopOptions = { sliceMs: 8 },
  ) {
    this.reporter = new RunReporter(host.post, host.now, session.spec.training.steps, session.step, options.reporter);
    this.lastCheckpointStep = session.step;
    this.monitor = new DivergenceMonitor(session.spec.training.divergence, baselineLoss(session.task), state.divergence);
  }

  pause(): void {
    if (this.control === 'run') this.control = 'pause';
  }

  resume(): void {
    if (this.control !== 'pause') return;
    this.control = 'run';
    this.wake?.();
  }

  stop(): void {
    this.control = 'stop';
    this.wake?.();
  }

  /** Trains until the run ends; the last message posted is always done, diverged (or failed, by the caller). */
  async run(): Promise<void> {
    // A run resumed from the checkpoint its last step wrote has nothing left to train.
    const alreadyDone = this.doneReason();
    if (alreadyDone !== null) return this.finish(alreadyDone);
    // Stored with the run, so every reader (compare, sweeps, studies) has the baseline of this task instance.
    // Once, at the start: a resumed run has it already, and writing it again would date step 0 after later steps.
    if (this.session.step === 0) this.reporter.recordBaseline(this.session.task.baseline, this.host.wallTime());
    // The reference an exploding loss is measured against includes where the model started (once per run;
    // a resumed run carries it in its checkpoint). Evaluation draws no training randomness.
    if (this.monitor.needsUntrainedLoss) this.monitor.setUntrainedLoss(this.session.evaluate().loss);
    for (;;) {
      const sliceEnd = this.host.now() + this.options.sliceMs;
      while (this.control === 'run') {
        if (await this.trainStep()) return;
        if (this.host.now() >= sliceEnd) break;
      }
      if (this.control === 'pause') await this.holdPaused();
      if (this.control === 'stop') {
        if (this.session.step > this.lastCheckpointStep) this.postCheckpoint('latest');
        return this.finish('stopped');
      }
      await this.host.yieldToEvents();
    }
  }

  /** One step with its evaluation and checkpoints; true when the run has ended. */
  private async trainStep(): Promise<boolean> {
    const { session, state } = this;
    const { training } = session.spec;
    const stats = this.options.step ? await this.options.step() : session.next();
    this.latest = stats;
    this.reporter.recordStep(stats, this.host.wallTime());
    if (stats.nonFinite !== null) return this.diverge(this.monitor.nonFinite(stats.step, stats.nonFinite));
    if (this.explodes(this.monitor.afterStep(stats.step, stats.loss, stats.gradNorm))) return true;

    if (stats.step % training.evalEvery === 0 || session.finished) {
      const evaluation = session.evaluate();
      this.reporter.recordEval(stats.step, evaluation, this.host.wallTime());
      if (!Number.isFinite(evaluation.loss)) return this.diverge(this.monitor.nonFinite(stats.step, `validation loss is ${evaluation.loss}`));
      if (this.explodes(this.monitor.afterEvaluation(stats.step, evaluation.loss, state.bestValLoss))) return true;
      if (state.bestValLoss === null || evaluation.loss < state.bestValLoss) {
        state.bestValLoss = evaluation.loss;
        state.bestStep = stats.step;
        state.evalsSinceBest = 0;
        this.postCheckpoint('best');
      } else {
        state.evalsSinceBest += 1;
      }
    }
    const reason = this.doneReason();
    if (reason !== null || stats.step % training.checkpointEvery === 0) this.postCheckpoint('latest');
    if (reason !== null) {
      this.finish(reason);
      return true;
    }
    this.reporter.tick(stats);
    return false;
  }

  private doneReason(): DoneReason | null {
    if (this.session.finished) return 'completed';
    const patience = this.session.spec.training.earlyStoppingPatience;
    return patience > 0 && this.state.evalsSinceBest >= patience ? 'early-stopped' : null;
  }

  private async holdPaused(): Promise<void> {
    this.reporter.flush();
    if (this.latest) this.reporter.progress(this.latest);
    this.host.post({ type: 'paused', step: this.session.step });
    while (this.control === 'pause') await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = null;
    if (this.control === 'run') {
      this.reporter.restartClock(this.session.step);
      this.host.post({ type: 'resumed', step: this.session.step });
    }
  }

  /** Rows up to this step are sent first, so the main side can store both in one transaction. */
  private postCheckpoint(kind: CheckpointKind): void {
    this.reporter.flush();
    const bytes = encodeCheckpoint(this.session.checkpoint(), { ...this.state }).buffer as ArrayBuffer;
    const { step } = this.session;
    const metadata = { bestValLoss: this.state.bestValLoss, bestStep: this.state.bestStep };
    this.host.post({ type: 'checkpoint', kind, step, bytes, metadata }, [bytes]);
    if (kind === 'latest') this.lastCheckpointStep = step;
  }

  /**
   * An explosion ends the run (action 'stop': true) or is posted as a warning the run trains on through
   * (action 'warn': false). Rows up to the step go first, so the main side stores them with it.
   */
  private explodes(explosion: RunDivergence | null): boolean {
    if (explosion === null) return false;
    if (this.session.spec.training.divergence.action === 'stop') return this.diverge(explosion);
    this.reporter.flush();
    this.host.post({ type: 'warning', warning: explosion });
    return false;
  }

  private diverge(divergence: RunDivergence): true {
    this.reporter.flush();
    this.host.post({ type: 'diverged', divergence });
    return true;
  }

  private finish(reason: DoneReason): void {
    this.reporter.flush();
    if (this.latest) this.reporter.progress(this.latest);
    this.host.post({ type: 'done', step: this.session.step, reason });
  }
}
