// The words a task is described in, defined once: its shape, its loss, the metrics it may declare and how its
// inputs and outputs are encoded. The task model (task.ts), the API entities, the export metadata, the spec and
// the renderer import these lists, so a new shape or metric is added here and nowhere else.

/** How inputs map to outputs; seq2seq has separate source and target lengths. */
export const TASK_SHAPES = ['one-to-one', 'one-to-many', 'many-to-one', 'many-to-many', 'seq2seq'] as const;
export type TaskShape = (typeof TASK_SHAPES)[number];

export const LOSS_NAMES = ['mse', 'cross-entropy'] as const;
export type LossName = (typeof LOSS_NAMES)[number];

/**
 * - mse, cross-entropy: the losses, as evaluation numbers (mean over scored values / steps).
 * - accuracy: fraction of scored steps (or sequences) whose arg-max is the target id.
 * - sequence-accuracy: fraction of sequences whose every scored step is right (exact match).
 * - perplexity: exp of the token-weighted mean cross-entropy.
 * - bits-per-char: the token-weighted mean cross-entropy in bits, CE / ln 2; declared only by tasks whose tokens
 *   are single characters, where it is per character.
 * - legal-next-accuracy: fraction of sequences whose arg-max at every scored step is one of the
 *   `allowed` classes (Hochreiter & Schmidhuber 1997's criterion for the Reber grammar).
 * Whether lower or higher is better is the stored series' direction (train/metric-names.ts, taskMetricDirection).
 */
export const TASK_METRIC_NAMES = ['mse', 'cross-entropy', 'accuracy', 'sequence-accuracy', 'perplexity', 'bits-per-char', 'legal-next-accuracy'] as const;
export type MetricName = (typeof TASK_METRIC_NAMES)[number];

/** How one side of a task is encoded: feature vectors, class ids, or tokens of a vocabulary. */
export const ENCODING_KINDS = ['dense', 'classes', 'tokens'] as const;
export type EncodingKind = (typeof ENCODING_KINDS)[number];

/** Where a model reads its output: at every step ([T, B, O]) or once per sequence from the final states ([B, O]). */
export const READOUTS = ['every-step', 'final-state'] as const;
export type Readout = (typeof READOUTS)[number];

/** How text splits into tokens: by code point, or on whitespace. */
export const TOKENIZATIONS = ['characters', 'words'] as const;
export type Tokenization = (typeof TOKENIZATIONS)[number];

/** What an output holds: softmax probabilities over classes / tokens, or raw regression values. */
export const OUTPUT_VALUE_KINDS = ['probabilities', 'values'] as const;
export type OutputValueKind = (typeof OUTPUT_VALUE_KINDS)[number];
