// Names of the metrics a training run logs (the `name` column of the metrics table), shared by the
// run worker that writes them and every reader (charts, CLI, comparisons).
//
// Every series is indexed by the training step (1-based, the step just completed):
//   train/loss, train/lr, train/grad_norm (global L2 norm before clipping)  every step
//   train/accuracy                                                          every step, tasks with accuracy
//   val/loss, val/accuracy                            every `evalEvery` steps and at the last step
//   val/sequence_accuracy, val/legal_next_accuracy    at every evaluation, tasks that score whole sequences
//   val/perplexity, val/bits_per_char                 at every evaluation, language models (see the task's metrics)
//   val/sequence_accuracy@len=<n>, val/accuracy@len=<n>, val/sequences@len=<n>
//                         seq2seq at every evaluation: exact-sequence and token accuracy of the held-out sources of
//                         n tokens, and how many there were (lengthMetricName)
//   baseline/<name>       step 0 only: the task's trivial baseline, as the value of metric <name> (baselineMetricName)
//   grad_h/<layer>/t<t>   ‖∂L/∂h_t‖ of one layer and direction at time step t, on the steps that sample them
//                         (step 1 and every `gradNormsEvery`); <layer> is l0, l1, … with PyTorch's `_reverse`
//                         suffix for the backward direction, or `decoder` for the decoder of an encoder–decoder
//                         (whose l0, l1, … are the encoder's layers); <t> the time index within the sequence (from 0).
//   grad_c/<layer>/t<t>   ‖∂L/∂c_t‖ of an LSTM layer's cell state, beside grad_h on the same steps (the whole gradient
//                         reaching c_t: through c_{t+1} and through h_t)
// A heatmap of one layer reads names(run) filtered by gradNormPrefix(layer), one series per t; the
// time index lives in the name, not the step, so step ranges and `deleteAfter(step)` keep their meaning.

import type { MetricName } from '../tasks/task';

export const METRIC = {
  trainLoss: 'train/loss',
  trainAccuracy: 'train/accuracy',
  learningRate: 'train/lr',
  gradNorm: 'train/grad_norm',
  valLoss: 'val/loss',
  valAccuracy: 'val/accuracy',
  /** Fraction of held-out sequences entirely right (per-step class targets; for seq2seq, free-running greedy decoding). */
  valSequenceAccuracy: 'val/sequence_accuracy',
  /** Fraction of held-out sequences whose arg-max is a legal next symbol at every step (grammars). */
  valLegalNextAccuracy: 'val/legal_next_accuracy',
  /** exp(token-weighted mean cross-entropy in nats) over the held-out text. */
  valPerplexity: 'val/perplexity',
  /** Mean cross-entropy in bits per character, CE / ln 2 (character-level language models only). */
  valBitsPerChar: 'val/bits_per_char',
  /** Probability of feeding a decoder the teacher token at this step (scheduled sampling). */
  teacherForcing: 'train/teacher_forcing',
} as const;

/** A stored series name (`train/loss`, …): one of METRIC's values. */
export type MetricSeriesName = (typeof METRIC)[keyof typeof METRIC];

/** Whether a smaller or a larger value is the better one; null for a number that is no score (learning rate, norms). */
export type MetricDirection = 'lower' | 'higher' | null;

export interface MetricInfo {
  /** How charts, tables and forms name the series. */
  readonly label: string;
  readonly direction: MetricDirection;
  /** Spans orders of magnitude (losses, norms, perplexity): its chart reads best on a log axis. */
  readonly logScale: boolean;
}

/**
 * Every series of METRIC with its label and direction, the one place either is written: the compiler refuses a new
 * METRIC entry without one, and lowerIsBetter, the Compare view and the run charts read them from here.
 */
export const METRIC_INFO: Readonly<Record<MetricSeriesName, MetricInfo>> = {
  [METRIC.trainLoss]: { label: 'Training loss', direction: 'lower', logScale: true },
  [METRIC.trainAccuracy]: { label: 'Training accuracy', direction: 'higher', logScale: false },
  [METRIC.learningRate]: { label: 'Learning rate', direction: null, logScale: false },
  [METRIC.gradNorm]: { label: 'Gradient norm (before clipping)', direction: null, logScale: true },
  [METRIC.valLoss]: { label: 'Validation loss', direction: 'lower', logScale: true },
  [METRIC.valAccuracy]: { label: 'Validation accuracy', direction: 'higher', logScale: false },
  [METRIC.valSequenceAccuracy]: { label: 'Validation sequence accuracy', direction: 'higher', logScale: false },
  [METRIC.valLegalNextAccuracy]: { label: 'Validation legal-next accuracy', direction: 'higher', logScale: false },
  [METRIC.valPerplexity]: { label: 'Validation perplexity', direction: 'lower', logScale: true },
  [METRIC.valBitsPerChar]: { label: 'Validation bits per character', direction: 'lower', logScale: false },
  [METRIC.teacherForcing]: { label: 'Teacher-forcing ratio', direction: null, logScale: false },
};

/** Every series of METRIC, in METRIC's order. */
export const METRIC_SERIES_NAMES: readonly MetricSeriesName[] = Object.values(METRIC);

export function isMetricSeriesName(name: string): name is MetricSeriesName {
  return Object.hasOwn(METRIC_INFO, name);
}

/**
 * The validation series that holds each task metric (a task's `metrics` and its baseline name these). The loss
 * series holds the task's loss, so mse and cross-entropy read val/loss.
 */
export const TASK_METRIC_SERIES: Readonly<Record<MetricName, MetricSeriesName>> = {
  mse: METRIC.valLoss,
  'cross-entropy': METRIC.valLoss,
  accuracy: METRIC.valAccuracy,
  'sequence-accuracy': METRIC.valSequenceAccuracy,
  'legal-next-accuracy': METRIC.valLegalNextAccuracy,
  perplexity: METRIC.valPerplexity,
  'bits-per-char': METRIC.valBitsPerChar,
};

/** The direction of a task metric is that of the series holding it (mse and cross-entropy: val/loss, lower). */
export function taskMetricDirection(metric: MetricName): MetricDirection {
  return METRIC_INFO[TASK_METRIC_SERIES[metric]].direction;
}

/**
 * Whether a smaller value of a stored metric is better (METRIC_INFO); a per-length or baseline name follows its base
 * metric. Null for a metric that is no score (learning rate, gradient norms, counts) or not one of METRIC's.
 */
export function lowerIsBetter(name: string): boolean | null {
  const base = parseLengthMetricName(name)?.base ?? parseBaselineMetricName(name) ?? name;
  if (!isMetricSeriesName(base)) return null;
  const direction = METRIC_INFO[base].direction;
  return direction === null ? null : direction === 'lower';
}

/** Whether `value` is better than `baseline` for metric `name`; null when either is missing or the metric has no direction. */
export function beats(name: string, value: number | null, baseline: number | null): boolean | null {
  const lower = lowerIsBetter(name);
  if (lower === null || value === null || baseline === null || !Number.isFinite(value)) return null;
  return lower ? value < baseline : value > baseline;
}

/** The per-source-length series of seq2seq evaluation (one point per evaluation each). */
export const LENGTH_METRIC = {
  sequenceAccuracy: METRIC.valSequenceAccuracy,
  tokenAccuracy: METRIC.valAccuracy,
  /** How many held-out sequences had this source length (the weight behind the two accuracies). */
  sequences: 'val/sequences',
} as const;

/** `val/sequence_accuracy@len=12`: metric `base` over the held-out examples whose source has `length` tokens. */
export function lengthMetricName(base: string, length: number): string {
  return `${base}@len=${length}`;
}

export function parseLengthMetricName(name: string): { base: string; length: number } | null {
  const match = /^(.+)@len=(\d+)$/.exec(name);
  const [, base, length] = match ?? [];
  return base === undefined || length === undefined ? null : { base, length: Number(length) };
}

const BASELINE = 'baseline/';

/** `baseline/val/loss`: the task's trivial baseline, stored (at step 0) as a value of metric `series`. */
export function baselineMetricName(series: string): string {
  return `${BASELINE}${series}`;
}

/** The metric a baseline name gives a value of, or null for any other name. */
export function parseBaselineMetricName(name: string): string | null {
  return name.startsWith(BASELINE) ? name.slice(BASELINE.length) : null;
}

/** Whose per-time-step gradient norm a name holds: the hidden state h_t, or an LSTM's cell state c_t. */
export type GradState = 'h' | 'c';
const GRAD_PREFIX: Readonly<Record<GradState, string>> = { h: 'grad_h/', c: 'grad_c/' };

/** `l0`, `l1_reverse`, …: layer k, direction d (1 = reverse) as PyTorch names its weights. */
export function layerLabel(layer: number, reverse: boolean): string {
  return `l${layer}${reverse ? '_reverse' : ''}`;
}

/** `grad_h/l0/` — the common start of every time step's name for one layer and direction (`grad_c/l0/` for c_t). */
export function gradNormPrefix(layer: string, state: GradState = 'h'): string {
  return `${GRAD_PREFIX[state]}${layer}/`;
}

/** `grad_h/l0/t12` (`grad_c/l0/t12` for c_t). */
export function gradNormName(layer: string, t: number, state: GradState = 'h'): string {
  return `${gradNormPrefix(layer, state)}t${t}`;
}

/** The state, layer label and time index of a per-time-step gradient norm name, or null for any other metric. */
export function parseGradNormName(name: string): { state: GradState; layer: string; t: number } | null {
  const match = /^grad_([hc])\/(l\d+(?:_reverse)?|decoder)\/t(\d+)$/.exec(name);
  const [, state, layer, t] = match ?? [];
  if (layer === undefined || t === undefined) return null;
  return { state: state === 'c' ? 'c' : 'h', layer, t: Number(t) };
}
