// Names of the metrics a training run logs (the `name` column of the metrics table), shared by the
// run worker that writes them and every reader (charts, CLI, comparisons).
//
// Every series is indexed by the training step (1-based, the step just completed):
//   train/loss, train/lr, train/grad_norm (global L2 norm before clipping)  every step
//   train/accuracy                                                          every step, tasks with accuracy
//   val/loss, val/accuracy                            every `evalEvery` steps and at the last step
//   grad_h/<layer>/t<t>   ‖∂L/∂h_t‖ of one layer and direction at time step t, on the steps that sample them
//                         (step 1 and every `gradNormsEvery`); <layer> is l0, l1, … with PyTorch's `_reverse`
//                         suffix for the backward direction, or `decoder` for the decoder of an encoder–decoder
//                         (whose l0, l1, … are the encoder's layers); <t> the time index within the sequence (from 0).
// A heatmap of one layer reads names(run) filtered by gradNormPrefix(layer), one series per t; the
// time index lives in the name, not the step, so step ranges and `deleteAfter(step)` keep their meaning.

export const METRIC = {
  trainLoss: 'train/loss',
  trainAccuracy: 'train/accuracy',
  learningRate: 'train/lr',
  gradNorm: 'train/grad_norm',
  valLoss: 'val/loss',
  valAccuracy: 'val/accuracy',
  /** Fraction of held-out sequences entirely right (per-step class targets; for seq2seq, free-running greedy decoding). */
  valSequenceAccuracy: 'val/sequence_accuracy',
  /** Probability of feeding a decoder the teacher token at this step (scheduled sampling). */
  teacherForcing: 'train/teacher_forcing',
} as const;

const GRAD_H = 'grad_h/';

/** `l0`, `l1_reverse`, …: layer k, direction d (1 = reverse) as PyTorch names its weights. */
export function layerLabel(layer: number, reverse: boolean): string {
  return `l${layer}${reverse ? '_reverse' : ''}`;
}

/** `grad_h/l0/` — the common start of every time step's name for one layer and direction. */
export function gradNormPrefix(layer: string): string {
  return `${GRAD_H}${layer}/`;
}

/** `grad_h/l0/t12`. */
export function gradNormName(layer: string, t: number): string {
  return `${gradNormPrefix(layer)}t${t}`;
}

/** The layer label and time index of a per-time-step gradient norm name, or null for any other metric. */
export function parseGradNormName(name: string): { layer: string; t: number } | null {
  const match = /^grad_h\/(l\d+(?:_reverse)?|decoder)\/t(\d+)$/.exec(name);
  return match ? { layer: match[1], t: Number(match[2]) } : null;
}
