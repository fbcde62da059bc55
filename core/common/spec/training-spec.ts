// The training part of an experiment spec: optimiser, schedule, clipping, BPTT, evaluation and checkpoints.
// Optimiser options left out take PyTorch's defaults (core/common/train/optim).
import { z } from 'zod';
import { KERNEL_NAMES } from '../nn/kernel-choice';

/** The ranges of the training fields the New run form offers, enforced by trainingSpecSchema (learningRate: > min, ≤ max). */
export const TRAINING_LIMITS = {
  steps: { min: 1, max: 10_000_000 },
  batchSize: { min: 1, max: 4096 },
  learningRate: { min: 0, max: 10 },
  threads: { min: 1, max: 64 },
  /** k1 and k2 of truncated BPTT. */
  bpttSteps: { min: 1, max: 100_000 },
} as const;

const positive = (name: string) => z.number({ error: `${name} must be a number` }).positive(`${name} must be greater than 0`);
const nonNegative = (name: string) => z.number({ error: `${name} must be a number` }).min(0, `${name} must be at least 0`);
const int = (name: string, min: number, max: number) =>
  z
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`);
const beta = (name: string) => z.number().min(0, `${name} must be in [0, 1)`).lt(1, `${name} must be in [0, 1)`);

export const optimizerSpecSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('sgd'),
      momentum: beta('momentum').default(0),
      nesterov: z.boolean().default(false),
      weightDecay: nonNegative('weightDecay').default(0),
    })
    .strict()
    .refine((o) => !o.nesterov || o.momentum > 0, { message: 'nesterov needs momentum > 0', path: ['nesterov'] }),
  z
    .object({
      kind: z.literal('adam'),
      betas: z.tuple([beta('betas[0]'), beta('betas[1]')]).default([0.9, 0.999]),
      eps: positive('eps').default(1e-8),
      weightDecay: nonNegative('weightDecay').default(0),
    })
    .strict(),
  z
    .object({
      kind: z.literal('adamw'),
      betas: z.tuple([beta('betas[0]'), beta('betas[1]')]).default([0.9, 0.999]),
      eps: positive('eps').default(1e-8),
      weightDecay: nonNegative('weightDecay').default(1e-2),
    })
    .strict(),
  z
    .object({
      kind: z.literal('rmsprop'),
      alpha: beta('alpha').default(0.99),
      eps: positive('eps').default(1e-8),
      momentum: beta('momentum').default(0),
      centered: z.boolean().default(false),
      weightDecay: nonNegative('weightDecay').default(0),
    })
    .strict(),
  z
    .object({
      kind: z.literal('adagrad'),
      lrDecay: nonNegative('lrDecay').default(0),
      eps: positive('eps').default(1e-10),
      weightDecay: nonNegative('weightDecay').default(0),
    })
    .strict(),
]);

export const scheduleSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('constant'), warmupSteps: int('warmupSteps', 0, 1e7).default(0) }).strict(),
  z
    .object({
      kind: z.literal('step'),
      stepSize: int('stepSize', 1, 1e7),
      gamma: z.number().gt(0).max(1, 'gamma must be in (0, 1]'),
      warmupSteps: int('warmupSteps', 0, 1e7).default(0),
    })
    .strict(),
  z.object({ kind: z.literal('cosine'), minLr: nonNegative('minLr').default(0), warmupSteps: int('warmupSteps', 0, 1e7).default(0) }).strict(),
]);

export const clipSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  /** Rescale all gradients together when their global L2 norm exceeds `max` (Pascanu et al. 2013). */
  z.object({ kind: z.literal('norm'), max: positive('max') }).strict(),
  /** Clamp every gradient entry to [-max, max]. */
  z.object({ kind: z.literal('value'), max: positive('max') }).strict(),
]);

/** Full BPTT over the whole sequence, or truncated: every k1 steps, backpropagate through the last k2 (Williams & Peng 1990). */
export const bpttSpecSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('full') }).strict(),
  z
    .object({
      mode: z.literal('truncated'),
      k1: int('k1', TRAINING_LIMITS.bpttSteps.min, TRAINING_LIMITS.bpttSteps.max),
      k2: int('k2', TRAINING_LIMITS.bpttSteps.min, TRAINING_LIMITS.bpttSteps.max),
    })
    .strict()
    .refine((b) => b.k2 >= b.k1, { message: 'k2 must be at least k1 (each chunk of k1 new steps is backpropagated through k2 steps)', path: ['k2'] }),
]);

const ratio = (name: string) =>
  z
    .number({ error: `${name} must be a number` })
    .min(0, `${name} must be in [0, 1]`)
    .max(1, `${name} must be in [0, 1]`);

/**
 * The probability of feeding a decoder the teacher token rather than its own last prediction, by step
 * (scheduled sampling, Bengio et al. 2015); encoder–decoder and conditioned models only. 1 is teacher forcing.
 */
export const teacherForcingSpecSchema = z.preprocess(
  // `{ "ratio": 0.5 }` (e.g. a sweep over training.teacherForcing.ratio) is the constant schedule.
  (raw) => (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && !('kind' in raw) ? { ...raw, kind: 'constant' } : raw),
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('constant'), ratio: ratio('ratio').default(1) }).strict(),
    /** max(floor, start − slope·step) */
    z.object({ kind: z.literal('linear'), start: ratio('start').default(1), floor: ratio('floor').default(0), slope: nonNegative('slope') }).strict(),
    /** k / (k + exp(step / k)) */
    z.object({ kind: z.literal('inverse-sigmoid'), k: z.number({ error: 'k must be a number' }).min(1, 'k must be at least 1') }).strict(),
  ]),
);

/**
 * When a run counts as exploding, beyond NaN / Inf (which always ends it as diverged). Each rule is off at 0.
 * The reference loss is the larger of the task's trivial-baseline loss (core/common/train/divergence.ts: its
 * MSE or cross-entropy; ln(perplexity); for accuracy baselines the uniform guess, ln(classes)) and the untrained
 * model's validation loss, so a fresh model is never flagged for starting above a strong baseline.
 * Defaults: validation loss above 10 × the reference, or above 10 × its best so far while no better than the
 * reference, for 2 evaluations in a row; or a pre-clip gradient norm above 1e6 for 10 steps in a row.
 * A run with clipping on and normal spikes (pre-clip norms up to ~1e3) stays well clear of these.
 */
export const divergenceSpecSchema = z
  .object({
    /** 'stop': end the run as `diverged`; 'warn': record a warning on the run and keep training. */
    action: z.enum(['stop', 'warn']).default('stop'),
    /** Validation loss above this many times the reference loss (0 = off). */
    valLossOverReference: nonNegative('valLossOverReference').default(10),
    /** Validation loss above this many times its best so far, while no better than the reference (0 = off). */
    valLossOverBest: nonNegative('valLossOverBest').default(10),
    /** … for this many consecutive evaluations. */
    evaluations: int('evaluations', 1, 10_000).default(2),
    /** Global gradient norm before clipping above this (0 = off)… */
    gradNorm: nonNegative('gradNorm').default(1e6),
    /** … for this many consecutive steps. */
    gradNormSteps: int('gradNormSteps', 1, 10_000_000).default(10),
  })
  .strict();

export const trainingSpecSchema = z
  .object({
    steps: int('steps', TRAINING_LIMITS.steps.min, TRAINING_LIMITS.steps.max).default(1000),
    batchSize: int('batchSize', TRAINING_LIMITS.batchSize.min, TRAINING_LIMITS.batchSize.max).default(32),
    learningRate: positive('learningRate')
      .max(TRAINING_LIMITS.learningRate.max, `learningRate must be at most ${TRAINING_LIMITS.learningRate.max}`)
      .default(1e-3),
    optimizer: optimizerSpecSchema.default({ kind: 'adam', betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0 }),
    schedule: scheduleSpecSchema.default({ kind: 'constant', warmupSteps: 0 }),
    clip: clipSpecSchema.default({ kind: 'norm', max: 5 }),
    bptt: bpttSpecSchema.default({ mode: 'full' }),
    /** Validation every N steps, over `evalBatches` held-out batches. */
    evalEvery: int('evalEvery', 1, 10_000_000).default(100),
    evalBatches: int('evalBatches', 1, 1000).default(4),
    /** Per-time-step gradient norms ‖∂L/∂h_t‖ are recorded every N steps (0 = never). */
    gradNormsEvery: int('gradNormsEvery', 0, 10_000_000).default(50),
    checkpointEvery: int('checkpointEvery', 1, 10_000_000).default(500),
    /** Stop when the validation loss has not improved for `patience` evaluations (0 = never). */
    earlyStoppingPatience: int('earlyStoppingPatience', 0, 10_000).default(0),
    /**
     * Threads training this run data-parallel (core/node/parallel): each step's batch is split over them.
     * Without dropout the result matches 1 thread up to float rounding; with dropout the masks differ.
     */
    threads: int('threads', TRAINING_LIMITS.threads.min, TRAINING_LIMITS.threads.max).default(1),
    /**
     * Matrix kernels: WebAssembly SIMD (fast; the default) or plain JavaScript (the reference). Results
     * agree to float32 rounding; a run records which one it used, so it reproduces exactly.
     */
    kernels: z.enum(KERNEL_NAMES).default('wasm'),
    teacherForcing: teacherForcingSpecSchema.default({ kind: 'constant', ratio: 1 }),
    /** Explosion detection beyond NaN / Inf (divergenceSpecSchema); on by default. */
    divergence: divergenceSpecSchema.default({
      action: 'stop',
      valLossOverReference: 10,
      valLossOverBest: 10,
      evaluations: 2,
      gradNorm: 1e6,
      gradNormSteps: 10,
    }),
  })
  .strict();

export type TrainingSpec = z.output<typeof trainingSpecSchema>;
export type OptimizerSpec = z.output<typeof optimizerSpecSchema>;
export type ScheduleSpec = z.output<typeof scheduleSpecSchema>;
export type ClipSpec = z.output<typeof clipSpecSchema>;
export type BpttSpec = z.output<typeof bpttSpecSchema>;
export type TeacherForcingSpec = z.output<typeof teacherForcingSpecSchema>;
export type DivergenceSpec = z.output<typeof divergenceSpecSchema>;
