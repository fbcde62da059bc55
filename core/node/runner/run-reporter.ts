// Worker side of reporting: turns step and evaluation results into metric rows (batched by time and
// count, so a fast model does not send one message per step) and throttled progress with throughput and ETA.
import type { SessionEvaluation } from '../../common/train/evaluation';
import type { SessionStep } from '../../common/train/run-session';
import type { Baseline } from '../../common/tasks/task';
import { LENGTH_METRIC, METRIC, TASK_METRIC_SERIES, baselineMetricName, gradNormName, lengthMetricName } from '../../common/train/metric-names';
import type { WireMetric, WorkerToMain } from './protocol';

export interface ReporterOptions {
  /** Send buffered rows at least this often (ms)… */
  readonly flushMs: number;
  /** …or as soon as this many are waiting. */
  readonly flushRows: number;
  /** At most one progress message per this many ms (100 ms = 10 per second). */
  readonly progressMs: number;
}

export const DEFAULT_REPORTER_OPTIONS: ReporterOptions = { flushMs: 100, flushRows: 500, progressMs: 100 };

/** Weight of the newest measurement in the smoothed step rate behind the ETA. */
const RATE_SMOOTHING = 0.3;

export class RunReporter {
  private rows: WireMetric[] = [];
  private lastFlushAt: number;
  private lastProgressAt: number;
  private stepAtProgress: number;
  private tokensSinceProgress = 0;
  private stepsPerSecond: number | null = null;

  constructor(
    private readonly post: (message: WorkerToMain) => void,
    private readonly now: () => number,
    private readonly totalSteps: number,
    startStep: number,
    private readonly options: ReporterOptions = DEFAULT_REPORTER_OPTIONS,
  ) {
    this.lastFlushAt = this.lastProgressAt = now();
    this.stepAtProgress = startStep;
  }

  /** The rows of one training step: loss, learning rate, gradient norm, accuracy, teacher forcing, and ‖∂L/∂h_t‖ (‖∂L/∂c_t‖) when sampled. */
  recordStep(stats: SessionStep, wallTime: number): void {
    const { step } = stats;
    const add = (name: string, value: number) => this.rows.push({ name, step, value, wallTime });
    add(METRIC.trainLoss, stats.loss);
    add(METRIC.learningRate, stats.learningRate);
    add(METRIC.gradNorm, stats.gradNorm);
    if (stats.accuracy !== null) add(METRIC.trainAccuracy, stats.accuracy);
    if (stats.teacherForcing !== null) add(METRIC.teacherForcing, stats.teacherForcing);
    for (const series of stats.gradNorms ?? []) {
      for (let i = 0; i < series.values.length; i++) add(gradNormName(series.layer, series.t0 + i, series.state), series.values[i]!);
    }
    this.tokensSinceProgress += stats.tokens;
  }

  /** The rows of one evaluation: every number it has (metric-names.ts), seq2seq ones also per source length. */
  recordEval(step: number, stats: SessionEvaluation, wallTime: number): void {
    const add = (name: string, value: number | null) => {
      if (value !== null) this.rows.push({ name, step, value, wallTime });
    };
    add(METRIC.valLoss, stats.loss);
    add(METRIC.valAccuracy, stats.accuracy);
    add(METRIC.valSequenceAccuracy, stats.sequenceAccuracy);
    add(METRIC.valLegalNextAccuracy, stats.legalNextAccuracy);
    add(METRIC.valPerplexity, stats.perplexity);
    add(METRIC.valBitsPerChar, stats.bitsPerChar);
    for (const bucket of stats.byLength ?? []) {
      add(lengthMetricName(LENGTH_METRIC.sequenceAccuracy, bucket.length), bucket.sequenceAccuracy);
      add(lengthMetricName(LENGTH_METRIC.tokenAccuracy, bucket.length), bucket.tokenAccuracy);
      add(lengthMetricName(LENGTH_METRIC.sequences, bucket.length), bucket.sequences);
    }
  }

  /** The task's trivial baseline, once per run, at step 0 (before any training), as a value of the series it scores. */
  recordBaseline(baseline: Baseline, wallTime: number): void {
    this.rows.push({ name: baselineMetricName(TASK_METRIC_SERIES[baseline.metric]), step: 0, value: baseline.value, wallTime });
  }

  /** After each step: sends rows and progress when their time (or row count) has come. */
  tick(latest: SessionStep): void {
    const now = this.now();
    if (this.rows.length >= this.options.flushRows || now - this.lastFlushAt >= this.options.flushMs) this.flush();
    if (now - this.lastProgressAt >= this.options.progressMs) this.progress(latest);
  }

  /** Sends every waiting row; called before any checkpoint, pause or final message (protocol.ts). */
  flush(): void {
    this.lastFlushAt = this.now();
    if (this.rows.length === 0) return;
    this.post({ type: 'metrics', rows: this.rows });
    this.rows = [];
  }

  progress(latest: SessionStep): void {
    const now = this.now();
    const seconds = (now - this.lastProgressAt) / 1000;
    const steps = latest.step - this.stepAtProgress;
    let tokensPerSecond: number | null = null;
    if (seconds > 0 && steps > 0) {
      tokensPerSecond = this.tokensSinceProgress / seconds;
      const rate = steps / seconds;
      this.stepsPerSecond = this.stepsPerSecond === null ? rate : RATE_SMOOTHING * rate + (1 - RATE_SMOOTHING) * this.stepsPerSecond;
    }
    const remaining = Math.max(0, this.totalSteps - latest.step);
    this.post({
      type: 'progress',
      step: latest.step,
      totalSteps: this.totalSteps,
      loss: latest.loss,
      accuracy: latest.accuracy,
      learningRate: latest.learningRate,
      gradNorm: latest.gradNorm,
      tokensPerSecond,
      etaSeconds: this.stepsPerSecond === null ? null : remaining / this.stepsPerSecond,
    });
    this.restartClock(latest.step);
  }

  /** Starts a new throughput interval, e.g. after a pause, whose duration must not count as training. */
  restartClock(step: number): void {
    this.lastProgressAt = this.now();
    this.stepAtProgress = step;
    this.tokensSinceProgress = 0;
  }
}
