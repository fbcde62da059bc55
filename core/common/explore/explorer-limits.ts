// The hidden-state explorer's limits and thresholds, defined once: the API's schemas, the worker and the
// view read them from here.

export const EXPLORER_LIMITS = {
  /** Input steps of one explored example (typed text characters, value rows, or a validation example's steps). */
  maxSteps: 4000,
  /** Steps of one page of a heatmap (the view pages through a long input in windows of at most this). */
  maxWindow: 500,
  /** The index range of a validation example. */
  maxValidationIndex: 255,
  /** Validation examples the saturation statistic runs over. */
  maxSaturationExamples: 256,
  /** Tokens an encoder–decoder writes for a typed source before the explorer stops it (greedy decoding stops at EOS first). */
  maxDecodeSteps: 200,
  /** Units a pattern search lists. */
  maxRanked: 50,
  /** Characters of a pattern's regular expression. */
  maxRegexLength: 200,
} as const;

/**
 * A gate activation is saturated when it is within SATURATION_MARGIN of its range's ends: σ below 0.05 or
 * above 0.95, tanh below −0.95 or above 0.95. There its derivative (σ' ≤ 0.0475, tanh' ≤ 0.0975) lets little
 * gradient through — the mechanism behind vanishing gradients.
 */
export const SATURATION_MARGIN = 0.05;
