// The parity report of an export: held-out inputs from the task's validation split, run through
// SeqLab's own forward pass (float32) here, and through the exported graph in onnxruntime by the
// caller (core/node); then every output of every case judged elementwise (parity-criterion.ts). Cases
// cover batch 1 and batch > 1, full and variable lengths (sequence_lens), zero and non-zero initial
// states (initial_h / initial_c).
//
// Shapes: T steps, B batch, I input features, O outputs, L layers, D directions, H hidden.

import { PAD_ID } from '../data/vocabulary';
import type { SequenceModel } from '../models/sequence/sequence-model';
import { Rng } from '../random/rng';
import type { Task } from '../tasks/task';
import type { OutputParity, ParityCriterion } from './parity-criterion';
import { PARITY_CRITERION, compareOutput } from './parity-criterion';

export type ParityInput =
  { readonly kind: 'tokens'; readonly ids: Int32Array } | { readonly kind: 'dense'; readonly x: Float32Array; readonly features: number };

/** What a model produced: y [T, B, O] or [B, O]; hN, cN [L*D, B, H]. */
export interface ParityOutputs {
  readonly y: Float32Array;
  readonly hN: Float32Array;
  readonly cN: Float32Array | null;
}

export interface ParityCase {
  /** e.g. "B=4, variable lengths, non-zero state" */
  readonly name: string;
  readonly batch: number;
  readonly steps: number;
  readonly variableLengths: boolean;
  readonly initialState: 'zero' | 'random';
  /** ids [T, B] or x [T, B, I]; steps t >= lengths[b] hold padding. */
  readonly input: ParityInput;
  /** [B] in 1..T */
  readonly lengths: Int32Array;
  /** [L*D, B, H] */
  readonly h0: Float32Array;
  /** [L*D, B, H] (LSTM) or null */
  readonly c0: Float32Array | null;
  /** SeqLab's forward on the same inputs (softmax applied when the export has one). */
  readonly expected: ParityOutputs;
  /** Shapes of y ([T, B, O] or [B, O]) and of the states ([L*D, B, H]), for the index of a worst element. */
  readonly dims: { readonly y: readonly number[]; readonly state: readonly number[] };
}

export interface ParityCaseResult {
  readonly name: string;
  readonly batch: number;
  readonly steps: number;
  readonly variableLengths: boolean;
  /**
   * 'encoder': an encoder–decoder's decoder, started from the bridge of the encoder's state (seq2seq/seq2seq-parity.ts);
   * 'condition': a one-to-many decoder, started from its condition (conditioned/conditioned-parity.ts).
   */
  readonly initialState: 'zero' | 'random' | 'encoder' | 'condition';
  /** Each graph output (y, Y_h, Y_c; memory, logits, …) judged elementwise: max |Δ| and its worst element. */
  readonly outputs: Readonly<Record<string, OutputParity>>;
  /** The largest max |Δ| of `outputs`. */
  readonly maxAbsDiff: number;
  /** Every output passes. */
  readonly pass: boolean;
}

export interface ParityReport {
  /** What every element had to meet: |Δ| ≤ atol + rtol·|SeqLab's value|. */
  readonly criterion: ParityCriterion;
  readonly passed: boolean;
  readonly maxAbsDiff: number;
  /** onnxruntime version that ran the graph. */
  readonly runtime: string;
  readonly cases: readonly ParityCaseResult[];
}

export interface ParityOptions {
  /** Seeds the validation batches and the non-zero states, so a report can be reproduced. */
  readonly seed: number;
  /** The batch > 1 size. Default 4. */
  readonly batch?: number;
  /** Whether the export ends in a softmax (class / token outputs). */
  readonly softmax: boolean;
}

/** The eight cases: B ∈ {1, batch} × {full, variable lengths} × {zero, non-zero initial state}. */
export function parityCases(model: SequenceModel, task: Task, options: ParityOptions): ParityCase[] {
  const rng = new Rng(options.seed);
  const cases: ParityCase[] = [];
  for (const B of [1, options.batch ?? 4]) {
    const batch = task.batch(rng, B, 'validation');
    if (batch.kind !== 'sequence')
      throw new Error(`parityCases: task ${task.id} produces ${batch.kind} batches; a SequenceModel export needs sequence batches`);
    const T = batch.steps;
    for (const variableLengths of [false, true]) {
      const lengths = variableLengths ? shortenedLengths(batch.lengths, T) : new Int32Array(B).fill(T);
      const input = padInput(batch.input, lengths, T, B);
      for (const initialState of ['zero', 'random'] as const) {
        const n = model.stateLength(B);
        const h0 = new Float32Array(n);
        const c0 = model.rnn.cell.hasCellState ? new Float32Array(n) : null;
        if (initialState === 'random') {
          for (let i = 0; i < n; i++) h0[i] = rng.uniform(-0.9, 0.9);
          if (c0) for (let i = 0; i < n; i++) c0[i] = rng.uniform(-2, 2);
        }
        const name = `B=${B}, ${variableLengths ? 'variable lengths' : 'full length'}, ${initialState === 'zero' ? 'zero' : 'non-zero'} initial state`;
        const expected = sequenceModelForward(model, input, T, B, lengths, h0, c0, options.softmax);
        const O = model.head.outFeatures;
        const dims = { y: model.config.output.perStep ? [T, B, O] : [B, O], state: [n / (B * model.rnn.hiddenSize), B, model.rnn.hiddenSize] };
        cases.push({ name, batch: B, steps: T, variableLengths, initialState, input, lengths, h0, c0, expected, dims });
      }
    }
  }
  return cases;
}

/** SeqLab's forward pass (inference mode) from a given state; outputs copied out of the model's workspace. */
export function sequenceModelForward(
  model: SequenceModel,
  input: ParityInput,
  T: number,
  B: number,
  lengths: Int32Array,
  h0: Float32Array,
  c0: Float32Array | null,
  softmax: boolean,
): ParityOutputs {
  model.beginBatch(input.kind === 'tokens' ? { kind: 'tokens', ids: input.ids } : { kind: 'dense', x: input.x }, T, B);
  const pass = model.forwardWindow(0, T, lengths, { h: h0, c: c0 }, { training: false });
  const y = Float32Array.from(pass.out);
  if (softmax) softmaxRows(y, model.head.outFeatures);
  return { y, hN: Float32Array.from(pass.hN), cN: pass.cN ? Float32Array.from(pass.cN) : null };
}

/** In place, every row of O values: p_k = exp(z_k − max z) / Σ exp(z_j − max z), summed in float64. */
export function softmaxRows(values: Float32Array, O: number): void {
  for (let row = 0; row < values.length; row += O) {
    let max = -Infinity;
    for (let k = 0; k < O; k++) max = Math.max(max, values[row + k]!);
    let sum = 0;
    for (let k = 0; k < O; k++) sum += Math.exp(values[row + k]! - max);
    for (let k = 0; k < O; k++) values[row + k] = Math.exp(values[row + k]! - max) / sum;
  }
}

/** Compares one case with what the graph returned. */
export function compareCase(c: ParityCase, actual: ParityOutputs, criterion: ParityCriterion = PARITY_CRITERION): ParityCaseResult {
  const outputs: Record<string, OutputParity> = {
    y: compareOutput(c.expected.y, actual.y, c.dims.y, criterion),
    Y_h: compareOutput(c.expected.hN, actual.hN, c.dims.state, criterion),
  };
  if (c.expected.cN) outputs.Y_c = compareOutput(c.expected.cN, actual.cN ?? new Float32Array(0), c.dims.state, criterion);
  return caseResult(c, outputs);
}

/** A case's result from its judged outputs: the largest max |Δ|, and whether every output passes. */
export function caseResult(
  c: Pick<ParityCaseResult, 'name' | 'batch' | 'steps' | 'variableLengths' | 'initialState'>,
  outputs: Readonly<Record<string, OutputParity>>,
): ParityCaseResult {
  const all = Object.values(outputs);
  const { name, batch, steps, variableLengths, initialState } = c;
  return {
    name,
    batch,
    steps,
    variableLengths,
    initialState,
    outputs,
    maxAbsDiff: Math.max(0, ...all.map((o) => o.maxAbsDiff)),
    pass: all.every((o) => o.pass),
  };
}

export function parityReport(results: readonly ParityCaseResult[], runtime: string, criterion: ParityCriterion = PARITY_CRITERION): ParityReport {
  const max = results.reduce((m, r) => Math.max(m, r.maxAbsDiff), 0);
  return { criterion, passed: results.length > 0 && results.every((r) => r.pass), maxAbsDiff: max, runtime, cases: results };
}

/** max |a − b|; a length mismatch or a NaN counts as an infinite difference. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (!(d <= m)) m = Number.isNaN(d) ? Infinity : d;
  }
  return m;
}

/**
 * Lengths that differ within the batch: the batch's own when they already do, otherwise
 * T, then shorter ones down to about T/4 (B = 1: about T/2).
 */
function shortenedLengths(own: Int32Array, T: number): Int32Array {
  const B = own.length;
  if (B > 1 && own.some((l) => l !== own[0])) return own.slice();
  if (B === 1) return Int32Array.of(Math.max(1, Math.ceil(T / 2)));
  return Int32Array.from({ length: B }, (_, b) => Math.max(1, T - Math.round((b * 3 * T) / (4 * (B - 1)))));
}

/** A copy of the batch input with every step t >= lengths[b] set to padding (PAD_ID or 0). */
function padInput(
  input: { kind: 'dense'; features: number; x: Float32Array } | { kind: 'tokens'; ids: Int32Array },
  lengths: Int32Array,
  T: number,
  B: number,
): ParityInput {
  if (input.kind === 'tokens') {
    const ids = input.ids.slice();
    for (let t = 0; t < T; t++) for (let b = 0; b < B; b++) if (t >= lengths[b]!) ids[t * B + b] = PAD_ID;
    return { kind: 'tokens', ids };
  }
  const I = input.features;
  const x = input.x.slice();
  for (let t = 0; t < T; t++) for (let b = 0; b < B; b++) if (t >= lengths[b]!) x.fill(0, (t * B + b) * I, (t * B + b + 1) * I);
  return { kind: 'dense', x, features: I };
}
