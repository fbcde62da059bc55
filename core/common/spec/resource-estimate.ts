// What a run will need before anything is allocated: memory (parameters, gradients, optimiser state, the
// activations kept for BPTT, workspaces, batches, data-parallel copies) and the time of one training step
// (FLOPs at an assumed rate), from the resolved spec and the sizes of the task's batches (task-dimensions.ts).
//
// The terms follow the buffers the code allocates, float32 throughout (4 bytes a value):
//   nn/recurrent-cell.ts DirectionWork, nn/recurrent.ts RecurrentLayer, model/sequence-model.ts,
//   train/batch-gradient.ts, seq2seq/{encoder,bridge,decoder}.ts, nn/cell-stepper.ts, nn/additive-attention.ts,
//   nn/kernels-wasm.ts (operands staged in wasm memory), train/optim (state buffers per parameter).
// Buffers grow to the largest pass they serve and never shrink, so the peak is what counts. Evaluation runs the
// sequence model forward over whole sequences (Trainer.evaluate), which sizes every recurrent buffer for all T
// steps: truncated BPTT backpropagates only its window, but the run's peak is still the whole sequence's.
// tests/core/common/spec/resource-estimate.test.ts checks the terms by hand and against a real model's buffers.
//
// Shapes: T steps (S source, Td target), B batch, I input features or E embedding, H hidden, D directions,
// L layers, G = gates·H, O outputs, V vocabulary, A attention size, He = D·H encoder outputs.
import { z } from 'zod';
import type { KernelName } from '../nn/kernel-choice';
import { CELLS } from '../nn/cell-stepper';
import type { ExperimentSpec } from './experiment-spec';
import type { BpttSpec, OptimizerSpec } from './training-spec';
import { resolvedDecoder, type CellSpecName, type Seq2SeqModelSpec, type SequenceModelSpec, type ConditionedModelSpec } from './model-spec';

/** The model's inputs and outputs and the batches' lengths, as a Task gives them (task-dimensions.ts). */
export interface TaskDimensions {
  /** A sequence model's input, an encoder's source: dense features or token ids; a one-to-many task's condition. */
  readonly input: { readonly kind: 'dense'; readonly features: number } | { readonly kind: 'tokens'; readonly vocab: number };
  /** O: regression values, classes or target vocabulary. */
  readonly outputSize: number;
  /** A one-to-many decoder reads its previous outputs as values (dense) or as tokens. */
  readonly decoderReads: 'dense' | 'tokens';
  /** Many-to-many: the head reads every step. */
  readonly perStep: boolean;
  /** T of a sequence model, S of an encoder (1 for a one-to-many condition): the longest sampled batch's. */
  readonly inputSteps: number;
  /** The decoder's steps (seq2seq, one-to-many); null for a sequence model. */
  readonly targetSteps: number | null;
  /** Bytes of one batch row's data (inputs, targets, masks, lengths), measured on a collated batch. */
  readonly rowBytes: number;
}

const bytes = z.number().nonnegative();

export const resourceEstimateSchema = z.object({
  /** Trainable values. */
  parameters: z.number().int().nonnegative(),
  /** Bytes, by what holds them; `threads` is what each extra data-parallel thread adds. */
  memory: z.object({
    parameters: bytes,
    gradients: bytes,
    optimizer: bytes,
    activations: bytes,
    workspace: bytes,
    data: bytes,
    threads: bytes,
    total: bytes,
  }),
  /** The lengths estimated for: input (source) steps, decoder steps, and steps backpropagated at once. */
  steps: z.object({ input: z.number().int().positive(), target: z.number().int().positive().nullable(), window: z.number().int().positive() }),
  /** Floating-point operations of one training step (forward, backward, update; evaluation not included). */
  flopsPerStep: z.number().nonnegative(),
  /** flopsPerStep at `gflops` per thread: a rough figure, not a measurement. */
  secondsPerStep: z.number().nonnegative(),
  /** The assumed rate of one thread, GFLOP/s. */
  gflops: z.number().positive(),
  threads: z.number().int().positive(),
});
export type ResourceEstimate = z.output<typeof resourceEstimateSchema>;

const FLOAT = 4;
const INT = 4;

/**
 * GFLOP/s of one thread, set well below what the kernels reach (npm run bench on a 2-core CI machine: wasm
 * 14 GFLOP/s on W1, 24 on W3; js 2.2 on W3) because small matrices and element-wise work run slower than big
 * products: estimated times err long.
 */
export const ASSUMED_GFLOPS: Readonly<Record<KernelName, number>> = { wasm: 5, js: 1 };
/** Speed-up of k data-parallel threads: 1 + 0.7 (k − 1), since the barriers and the reduction do not scale. */
const THREAD_EFFICIENCY = 0.7;
/** A gradient worker's own heap, modules and wasm instance (64 threads measured ≈ 600 MB in issue #11). */
const WORKER_BYTES = 10 * 2 ** 20;
/** The wasm gemm's packing area: MC·KC + KC·NC floats (nn/wasm/gemm.wat). */
const WASM_PACKING = 128 * 256 + 256 * 1024;
/** Element-wise FLOPs per gate value and step: activations and products forward, their derivatives backward. */
const ELEMENTWISE_FORWARD = 5;
const ELEMENTWISE_BACKWARD = 10;
/** FLOPs per parameter of an update (Adam's moments, bias correction and step; clipping's norm). */
const UPDATE_FLOPS = 15;

/** Values (not bytes) and FLOPs of a part of the model. */
interface Part {
  params: number;
  /** Kept from forward to backward (or the outputs of a pass). */
  activations: number;
  /** Gradient and scratch buffers, sized by forward's reserve all the same. */
  workspace: number;
  /** The largest matrix product's operands A + B + C, staged in wasm memory. */
  staging: number;
  forwardFlops: number;
  backwardFlops: number;
}

const emptyPart = (): Part => ({ params: 0, activations: 0, workspace: 0, staging: 0, forwardFlops: 0, backwardFlops: 0 });

function add(into: Part, part: Part): Part {
  into.params += part.params;
  into.activations += part.activations;
  into.workspace += part.workspace;
  into.staging = Math.max(into.staging, part.staging);
  into.forwardFlops += part.forwardFlops;
  into.backwardFlops += part.backwardFlops;
  return into;
}

/** A + B + C of C[M, N] = A[M, K] · B[K, N] (any orientation). */
const matmulStaging = (M: number, N: number, K: number): number => M * K + K * N + M * N;

/** The cell's own declaration (recurrent-cell.ts): gate blocks, a cell state, a per-step extra (LSTM tanh(c_t), GRU W_hn h_{t-1} + b_hn). */
const hasCellState = (cell: CellSpecName): boolean => CELLS[cell].hasCellState;
const usesExtra = (cell: CellSpecName): boolean => CELLS[cell].usesExtra;

/** One direction of one layer over T steps: DirectionWork.reserve(T, B) and the time loop's products. */
function direction(cell: CellSpecName, I: number, H: number, T: number, B: number): Part {
  const G = CELLS[cell].gates * H;
  const c = hasCellState(cell);
  return {
    params: G * (I + H + 2),
    // gates [T, B, G], hs [T+1, B, H], cs [T+1, B, H] (LSTM), extra [T, B, H] (LSTM, GRU)
    activations: T * B * G + (T + 1) * B * H * (c ? 2 : 1) + (usesExtra(cell) ? T * B * H : 0),
    // dGates [T, B, G] (+ dGatesHh for GRU), hProj [B, G], dh and dhPrev [B, H] (+ dc, dcPrev)
    workspace: T * B * G * (cell === 'gru' ? 2 : 1) + B * G + B * H * (c ? 4 : 2),
    staging: Math.max(matmulStaging(T * B, G, I), matmulStaging(G, H, T * B)),
    forwardFlops: T * B * (2 * G * (I + H) + ELEMENTWISE_FORWARD * G),
    // dW_ih, dx, dW_hh, dh_{t-1}: twice the forward's products
    backwardFlops: T * B * (4 * G * (I + H) + ELEMENTWISE_BACKWARD * G),
  };
}

interface StackSpec {
  readonly cell: CellSpecName;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly bidirectional: boolean;
  readonly dropout: number;
}

/** A RecurrentLayer over T steps: its directions, the layers' outputs, dropout and states (recurrent.ts reserve). */
function recurrentStack(s: StackSpec, I: number, T: number, B: number): Part {
  const { cell, hiddenSize: H, numLayers: L } = s;
  const D = s.bidirectional ? 2 : 1;
  const part = emptyPart();
  for (let k = 0; k < L; k++) for (let d = 0; d < D; d++) add(part, direction(cell, k === 0 ? I : D * H, H, T, B));
  const out = T * B * D * H;
  const states = L * D * B * H * (hasCellState(cell) ? 2 : 1);
  part.activations += L * out + (s.dropout > 0 ? 2 * (L - 1) * out : 0) + states; // outs, masks + dropped, hN (cN)
  part.workspace += (L - 1) * out + states + T * B * I + 2 * L * D * T; //        dOuts, dh0 (dc0), dx, norms (float64)
  return part;
}

/** A Linear over `rows` rows: weight, bias, y [rows, O] and dx [rows, I]. */
function linear(I: number, O: number, rows: number): Part {
  return {
    params: O * (I + 1),
    activations: rows * O,
    workspace: rows * I,
    staging: matmulStaging(rows, O, I),
    forwardFlops: 2 * rows * I * O,
    backwardFlops: 4 * rows * I * O,
  };
}

/** How BatchGradient walks a batch of T steps: steps run forward and backward, and the longest pass. */
export function bpttSchedule(
  T: number,
  bptt: BpttSpec,
  perStep: boolean,
): { forwardSteps: number; backwardSteps: number; longestPass: number; passes: number } {
  const { k1, k2 } = bptt.mode === 'full' ? { k1: T, k2: T } : bptt;
  let carryAt = 0;
  let forwardSteps = 0;
  let backwardSteps = 0;
  let longestPass = 0;
  let passes = 0;
  for (let s = 0; s < T; s += k1) {
    const e = Math.min(s + k1, T);
    const w = Math.max(0, e - k2);
    if (w > carryAt) {
      forwardSteps += w - carryAt; // advancing the carried state, without gradient
      longestPass = Math.max(longestPass, w - carryAt);
      passes++;
      carryAt = w;
    }
    forwardSteps += e - w;
    longestPass = Math.max(longestPass, e - w);
    passes++;
    if (perStep || e === T) backwardSteps += e - w;
    if (e < T && Math.max(0, Math.min(e + k1, T) - k2) === e) carryAt = e;
  }
  return { forwardSteps, backwardSteps, longestPass, passes };
}

/** A SequenceModel training batches of B rows and evaluating them whole (sequence-model.ts, batch-gradient.ts). */
function sequenceModel(m: SequenceModelSpec, dims: TaskDimensions, bptt: BpttSpec, B: number, evaluates: boolean): { part: Part; window: number } {
  const T = dims.inputSteps;
  const tokens = dims.input.kind === 'tokens';
  const Iin = dims.input.kind === 'tokens' ? m.embeddingDim : dims.input.features;
  const D = m.bidirectional ? 2 : 1;
  const H = m.hiddenSize;
  const O = dims.outputSize;
  const schedule = bpttSchedule(T, bptt, dims.perStep);
  // Evaluation runs forward over whole sequences through the same buffers; a gradient worker never evaluates.
  const sized = evaluates ? T : schedule.longestPass;
  const part = emptyPart();
  if (tokens) add(part, { ...emptyPart(), params: (dims.input as { vocab: number }).vocab * Iin, activations: T * B * Iin }); // embedding table, y
  part.activations += T * B * Iin; //    x [T, B, I]: the whole batch's input, embedded once
  part.workspace += T * B * Iin; //      dx, summed over windows
  const stack = recurrentStack(m, Iin, sized, B);
  add(part, { ...stack, forwardFlops: 0, backwardFlops: 0 });
  const perStepOf = recurrentStack(m, Iin, 1, B); // FLOPs are linear in steps
  part.forwardFlops += schedule.forwardSteps * perStepOf.forwardFlops;
  part.backwardFlops += schedule.backwardSteps * perStepOf.backwardFlops;
  // The head's output serves evaluation too; its input gradient and BatchGradient's dOut only training's windows.
  const rows = dims.perStep ? sized * B : B;
  const trainedRows = dims.perStep ? schedule.longestPass * B : B;
  const head = linear(D * H, O, rows);
  add(part, {
    ...head,
    workspace: trainedRows * D * H,
    staging: Math.max(head.staging, linear(D * H, O, trainedRows).staging),
    forwardFlops: 0,
    backwardFlops: 0,
  });
  part.workspace += trainedRows * O; // BatchGradient's dOut
  if (!dims.perStep) part.workspace += B * D * H + m.numLayers * D * B * H; // final features, ∂L/∂hN
  if (bptt.mode === 'truncated') part.workspace += m.numLayers * D * B * H * (hasCellState(m.cell) ? 2 : 1); // carried state
  const headOf = (steps: number) => (dims.perStep ? steps * B : B);
  part.forwardFlops += (dims.perStep ? schedule.forwardSteps * B : schedule.passes * B) * 2 * D * H * O + 5 * headOf(schedule.backwardSteps) * O; // head, loss
  part.backwardFlops += (dims.perStep ? schedule.backwardSteps * B : B) * 4 * D * H * O;
  return { part, window: schedule.longestPass };
}

/** Additive attention of T queries over S encoder outputs (additive-attention.ts setMemory). */
function attention(A: number, Hq: number, He: number, S: number, T: number, B: number): Part {
  return {
    params: A * (Hq + He + 2), // W_q, W_k, b, v
    activations: S * B * He + S * B * A + T * B * Hq + T * S * B * A + T * S * B + T * B * He, // enc, keys, qs, u, alpha, ctx
    workspace: B * A + 3 * S * B + S * B * A + T * B * A + B * Hq + S * B * A + S * B * He, // qp, e eT dA, dPre, dqp, dq, dKeys, dEnc
    staging: Math.max(matmulStaging(S * B, A, He), matmulStaging(A, Hq, T * B)),
    forwardFlops: 2 * S * B * He * A + T * (2 * B * Hq * A + 4 * S * B * A + 5 * S * B + 2 * S * B * He),
    backwardFlops: 2 * (2 * S * B * He * A + T * (2 * B * Hq * A + 4 * S * B * A + 5 * S * B + 2 * S * B * He)),
  };
}

/** A Decoder of T steps with a CellStepper, its embedding or dense input, optional attention and head (decoder.ts). */
function decoder(
  cell: CellSpecName,
  H: number,
  input: { kind: 'tokens'; vocab: number; E: number } | { kind: 'dense'; F: number },
  O: number,
  att: { A: number; He: number; S: number } | null,
  T: number,
  B: number,
): Part {
  const E = input.kind === 'tokens' ? input.E : input.F;
  const He = att === null ? 0 : att.He;
  const I = E + He;
  const Hin = H + He; // contextToOutput is on whenever there is attention
  const part = add(emptyPart(), direction(cell, I, H, T, B));
  part.activations += T * B * I + T * B * I + (att === null ? 0 : T * B * Hin) + T * B * (INT / FLOAT); // stepper xs, decIn, headIn, ids
  part.workspace += B * I + B * O + B * He; // stepper dx, peek, dCtx
  if (input.kind === 'tokens') add(part, { ...emptyPart(), params: input.vocab * E, activations: T * B * E, workspace: T * B * E }); // table, y, dEmb
  if (att !== null) add(part, attention(att.A, H, att.He, att.S, T, B));
  add(part, linear(att === null ? H : Hin, O, T * B));
  part.workspace += T * B * O; // dLogits / dOut
  part.forwardFlops += 5 * T * B * O; // loss
  return part;
}

/** An encoder–decoder (seq2seq-model.ts): encoder over S, bridge, decoder over Td. */
function seq2seqModel(m: Seq2SeqModelSpec, dims: TaskDimensions, B: number): Part {
  const S = dims.inputSteps;
  const T = dims.targetSteps ?? 1;
  const D = m.bidirectional ? 2 : 1;
  const He = D * m.hiddenSize;
  const Iin = dims.input.kind === 'tokens' ? m.embeddingDim : dims.input.features;
  const part = emptyPart();
  if (dims.input.kind === 'tokens') add(part, { ...emptyPart(), params: dims.input.vocab * Iin, activations: S * B * Iin });
  else part.activations += S * B * Iin;
  add(part, recurrentStack(m, Iin, S, B));
  part.activations += 2 * B * He; //                   final, finalC
  part.workspace += 2 * m.numLayers * D * B * m.hiddenSize; // dState, dStateC
  const dec = resolvedDecoder(m);
  if (m.bridge === 'linear' || D !== 1 || m.hiddenSize !== dec.hiddenSize) {
    add(part, linear(He, dec.hiddenSize, B));
    part.activations += B * dec.hiddenSize; // h0
    part.workspace += B * dec.hiddenSize; //   dPre
  }
  const att = m.attention === null ? null : { A: m.attention.size, He, S };
  add(part, decoder(dec.cell, dec.hiddenSize, { kind: 'tokens', vocab: dims.outputSize, E: dec.embeddingDim }, dims.outputSize, att, T, B));
  return part;
}

/** A conditioned decoder (conditioned-model.ts): h0 = tanh(W_c c + b_c), then the decoder over Td. */
function conditionedModel(m: ConditionedModelSpec, dims: TaskDimensions, B: number): Part {
  const T = dims.targetSteps ?? 1;
  const C = dims.input.kind === 'tokens' ? dims.input.vocab : dims.input.features;
  const part = add(emptyPart(), linear(C, m.hiddenSize, B));
  part.activations += B * C + B * m.hiddenSize; // cond, h0
  part.workspace += B * m.hiddenSize; //           dPre
  const input =
    dims.decoderReads === 'tokens' ? { kind: 'tokens' as const, vocab: dims.outputSize, E: m.embeddingDim } : { kind: 'dense' as const, F: dims.outputSize };
  return add(part, decoder(m.cell, m.hiddenSize, input, dims.outputSize, null, T, B));
}

/** Optimiser state buffers per parameter value (train/optim: PyTorch's state names). */
export function optimizerBuffers(o: OptimizerSpec): number {
  switch (o.kind) {
    case 'adam':
    case 'adamw':
      return 2; // exp_avg, exp_avg_sq
    case 'sgd':
      return o.momentum > 0 ? 1 : 0; // momentum_buffer
    case 'rmsprop':
      return 1 + (o.momentum > 0 ? 1 : 0) + (o.centered ? 1 : 0); // square_avg, momentum_buffer, grad_avg
    case 'adagrad':
      return 1; // sum
  }
}

/** The model's part for batches of B rows; `evaluates`: this thread also evaluates whole batches. */
function modelPart(spec: ExperimentSpec, dims: TaskDimensions, B: number, evaluates: boolean): { part: Part; window: number } {
  const { model } = spec;
  switch (model.kind) {
    case 'sequence':
      return sequenceModel(model, dims, spec.training.bptt, B, evaluates);
    case 'seq2seq':
      return { part: seq2seqModel(model, dims, B), window: Math.max(dims.inputSteps, dims.targetSteps ?? 1) };
    case 'conditioned':
      return { part: conditionedModel(model, dims, B), window: dims.targetSteps ?? 1 };
  }
}

/** Memory and time of one training step of `spec` on batches shaped like `dims`. */
export function estimateResources(spec: ExperimentSpec, dims: TaskDimensions): ResourceEstimate {
  const { training } = spec;
  const B = training.batchSize;
  const k = Math.min(training.threads, B);
  const wasm = training.kernels === 'wasm';
  // The coordinator trains shard 0 and evaluates whole batches; each of the k − 1 workers trains its shard.
  const main = modelPart(spec, dims, B, true);
  const shard = k > 1 ? modelPart(spec, dims, Math.ceil(B / k), false).part : null;
  const P = main.part.params;
  const stagingBytes = (part: Part) => (wasm ? (part.staging + WASM_PACKING) * FLOAT : 0);
  const memory = {
    parameters: P * FLOAT,
    gradients: P * FLOAT,
    optimizer: P * optimizerBuffers(training.optimizer) * FLOAT,
    activations: main.part.activations * FLOAT,
    workspace: main.part.workspace * FLOAT + stagingBytes(main.part),
    // the training batch, the evaluation batches held at once, and the examples being collated
    data: B * dims.rowBytes * (training.evalBatches + 2),
    // per worker: its row of the [k, P] gradient matrix, its shard's buffers, its heap
    threads: shard === null ? 0 : (k - 1) * (P * FLOAT + (shard.activations + shard.workspace) * FLOAT + stagingBytes(shard) + WORKER_BYTES),
    total: 0,
  };
  memory.total = memory.parameters + memory.gradients + memory.optimizer + memory.activations + memory.workspace + memory.data + memory.threads;
  // FLOPs of the whole batch: the shards' add up to the whole (the evaluation pass is not part of a step).
  const flops = k > 1 ? modelPart(spec, dims, B, false).part : main.part;
  const flopsPerStep = flops.forwardFlops + flops.backwardFlops + UPDATE_FLOPS * P;
  const gflops = ASSUMED_GFLOPS[training.kernels];
  return {
    parameters: P,
    memory,
    steps: { input: dims.inputSteps, target: dims.targetSteps, window: main.window },
    flopsPerStep,
    secondsPerStep: flopsPerStep / (gflops * 1e9 * (1 + THREAD_EFFICIENCY * (k - 1))),
    gflops,
    threads: k,
  };
}

/** `1.5 GiB`, `820 MiB`, `12 KiB`, `100 B` (binary units, as `free -h`). */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value.toFixed(0) : value < 10 ? value.toFixed(1) : value.toFixed(0)} ${units[unit]}`;
}

/** `0.8 ms`, `35 ms`, `2.1 s`, `14 min`, `3.2 h`, `5.0 days`, `310 years`. */
export function formatSeconds(seconds: number): string {
  const fixed = (v: number, unit: string) => `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ${unit}`;
  if (seconds < 1) return fixed(seconds * 1000, 'ms');
  if (seconds < 120) return fixed(seconds, 's');
  if (seconds < 7200) return fixed(seconds / 60, 'min');
  if (seconds < 172_800) return fixed(seconds / 3600, 'h');
  if (seconds < 3 * 31_557_600) return fixed(seconds / 86_400, 'days');
  return fixed(seconds / 31_557_600, 'years');
}

const MEMORY_TERMS: readonly [keyof Omit<ResourceEstimate['memory'], 'total'>, string][] = [
  ['activations', 'activations kept for BPTT'],
  ['parameters', 'parameters'],
  ['gradients', 'gradients'],
  ['optimizer', 'optimiser state'],
  ['workspace', 'workspaces'],
  ['data', 'batches'],
  ['threads', 'data-parallel threads'],
];

/** The memory terms, largest first: "activations kept for BPTT 40 GiB, parameters 12 GiB, …". */
export function memoryBreakdown(estimate: ResourceEstimate): string {
  return MEMORY_TERMS.filter(([key]) => estimate.memory[key] > 0)
    .sort((a, b) => estimate.memory[b[0]] - estimate.memory[a[0]])
    .map(([key, label]) => `${label} ${formatBytes(estimate.memory[key])}`)
    .join(', ');
}

/**
 * One line for a person: "≈ 1.2 GiB of memory (…); ≈ 35 ms per step, ≈ 35 s for 1000 steps (estimated at an assumed
 * 5 GFLOP/s per thread)".
 */
export function describeEstimate(estimate: ResourceEstimate, steps?: number): string {
  const time = `≈ ${formatSeconds(estimate.secondsPerStep)} per step${steps === undefined ? '' : `, ≈ ${formatSeconds(estimate.secondsPerStep * steps)} for ${steps} steps`}`;
  return `≈ ${formatBytes(estimate.memory.total)} of memory (${memoryBreakdown(estimate)}); ${time} (${formatFlops(estimate.flopsPerStep)} a step at an assumed ${estimate.gflops} GFLOP/s per thread: an estimate, not a measurement)`;
}

function formatFlops(flops: number): string {
  if (flops >= 1e12) return `${(flops / 1e12).toPrecision(3)} TFLOP`;
  if (flops >= 1e9) return `${(flops / 1e9).toPrecision(3)} GFLOP`;
  return `${(flops / 1e6).toPrecision(3)} MFLOP`;
}
