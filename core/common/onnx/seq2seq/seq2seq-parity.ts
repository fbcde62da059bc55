// The parity check of an exported encoder–decoder: SeqLab's own float32 forward (Seq2SeqModel.session,
// DecoderSession.step) traced step by step here, the two ONNX graphs traced on the same inputs by the
// caller (core/node), then every output judged elementwise (parity-criterion.ts). Each trace feeds BOS,
// then at every step the token SeqLab's greedy decoding picked, so both sides read the same tokens while
// the ONNX side carries its own state (errors would accumulate, not be reset).
//
// Shapes: S source steps, B batch, I source features, He encoder output size, H decoder hidden,
// V target vocabulary, T decoder steps traced.

import type { Seq2SeqBatch } from '../../data/batch';
import { BOS_ID, PAD_ID } from '../../data/vocabulary';
import { argmaxRow } from '../../generate/pick';
import { Rng } from '../../random/rng';
import type { Seq2SeqModel } from '../../models/seq2seq/seq2seq-model';
import { sourceInputs } from '../../models/seq2seq/seq2seq-model';
import type { Task } from '../../tasks/task';
import type { ParityCaseResult } from '../parity';
import { caseResult, softmaxRows } from '../parity';
import type { OutputParity, ParityCriterion } from '../parity-criterion';
import { PARITY_CRITERION, compareOutput, compareSteps, mismatchedOutput } from '../parity-criterion';

/** One source batch: ids [S, B] (PAD after each row's length) or features [S, B, I] (0 there). */
export interface Seq2SeqParitySource {
  readonly input: { readonly kind: 'tokens'; readonly ids: Int32Array } | { readonly kind: 'dense'; readonly x: Float32Array; readonly features: number };
  readonly S: number;
  readonly B: number;
  /** [B] in 1..S */
  readonly lengths: Int32Array;
}

/** What one decoding step gave. */
export interface Seq2SeqStepOutputs {
  /** [B, V] */
  readonly logits: Float32Array;
  readonly probs: Float32Array;
  /** [B, H] the state after the step (c: LSTM decoders, else null) */
  readonly h: Float32Array;
  readonly c: Float32Array | null;
  /** [B, S] (null without attention) */
  readonly attention: Float32Array | null;
}

/** The encoder's outputs, then every step. */
export interface Seq2SeqTrace {
  /** [S, B, He] */
  readonly memory: Float32Array;
  /** [B, H] the decoder's initial state; c0 (zeros unless copied) for LSTM decoders, else null */
  readonly h0: Float32Array;
  readonly c0: Float32Array | null;
  /** [T, B] the token every stream read at every step */
  readonly tokens: Int32Array;
  readonly steps: readonly Seq2SeqStepOutputs[];
}

export interface Seq2SeqParityCase {
  readonly name: string;
  readonly source: Seq2SeqParitySource;
  readonly variableLengths: boolean;
  /** SeqLab's trace; the ONNX side reads expected.tokens. */
  readonly expected: Seq2SeqTrace;
}

/**
 * SeqLab's trace of T steps: BOS first, then each stream's greedy pick (or, given `tokens` [T, B],
 * those tokens). Outputs are copied out of the model's workspaces.
 */
export function seq2seqTrace(model: Seq2SeqModel, source: Seq2SeqParitySource, T: number, tokens?: Int32Array): Seq2SeqTrace {
  const { S, B, lengths } = source;
  const V = model.config.targetVocab,
    H = model.decoder.hiddenSize;
  if (!(Number.isInteger(T) && T >= 1)) throw new Error(`seq2seqTrace: T must be an integer >= 1, got ${T}`);
  if (tokens !== undefined && tokens.length !== T * B)
    throw new Error(`seq2seqTrace: tokens must be [T, B] = [${T}, ${B}] (${T * B} values), got ${tokens.length}`);
  const buffer =
    source.input.kind === 'tokens'
      ? { kind: 'tokens' as const, vocab: model.encoder.embedding?.numEmbeddings ?? 0, ids: source.input.ids }
      : { kind: 'dense' as const, features: source.input.features, x: source.input.x };
  const enc = model.encoder.forward(sourceInputs(buffer), S, B, lengths);
  const memory = Float32Array.from(enc.y);
  const bridged = model.bridge.forward(enc.final, enc.finalC, B);
  const h0 = Float32Array.from(bridged.h0);
  const lstm = model.config.decoder.cell === 'lstm';
  const c0 = lstm ? (bridged.c0 === null ? new Float32Array(B * H) : Float32Array.from(bridged.c0)) : null;

  const session = model.session(buffer, S, B, lengths);
  const fed = new Int32Array(T * B);
  const input = new Int32Array(B).fill(BOS_ID);
  const steps: Seq2SeqStepOutputs[] = [];
  for (let t = 0; t < T; t++) {
    if (tokens !== undefined) input.set(tokens.subarray(t * B, (t + 1) * B));
    fed.set(input, t * B);
    const logits = Float32Array.from(session.step(input));
    const probs = logits.slice();
    softmaxRows(probs, V);
    const state = session.state();
    const alpha = session.lastAttention(); // [S, B]
    let attention: Float32Array | null = null;
    if (alpha !== null) {
      attention = new Float32Array(B * S);
      for (let s = 0; s < S; s++) for (let b = 0; b < B; b++) attention[b * S + s] = alpha[s * B + b]!;
    }
    steps.push({ logits, probs, h: Float32Array.from(state.h), c: state.c === null ? null : Float32Array.from(state.c), attention });
    for (let b = 0; b < B; b++) input[b] = argmaxRow(logits, b, V);
  }
  return { memory, h0, c0, tokens: fed, steps };
}

/**
 * Every output over all steps, judged elementwise; a step output's worst element is indexed [t, b, ·].
 * Shapes: memory [S, B, He]; h0, c0, h_next, c_next [B, H]; logits, probs [B, V]; attention [B, S].
 */
export function compareSeq2SeqTrace(c: Seq2SeqParityCase, actual: Seq2SeqTrace, criterion: ParityCriterion = PARITY_CRITERION): ParityCaseResult {
  const { expected } = c;
  const { S, B } = c.source;
  const H = expected.h0.length / B;
  const outputs: Record<string, OutputParity> = {
    memory: compareOutput(expected.memory, actual.memory, [S, B, expected.memory.length / (S * B)], criterion),
    h0: compareOutput(expected.h0, actual.h0, [B, H], criterion),
  };
  if (expected.c0 !== null) outputs.c0 = compareOutput(expected.c0, actual.c0 ?? new Float32Array(0), [B, H], criterion);
  const overSteps = (name: string, pick: (s: Seq2SeqStepOutputs) => Float32Array | null): void => {
    const judged = compareSteps(expected.steps, actual.steps, pick, B, criterion);
    if (judged !== null) outputs[name] = judged;
  };
  overSteps('logits', (s) => s.logits);
  overSteps('probs', (s) => s.probs);
  overSteps('h_next', (s) => s.h);
  overSteps('c_next', (s) => s.c);
  overSteps('attention', (s) => s.attention);
  if (actual.steps.length !== expected.steps.length)
    outputs.steps = mismatchedOutput(`onnxruntime traced ${actual.steps.length} steps, SeqLab ${expected.steps.length}`);
  return caseResult({ name: c.name, batch: B, steps: expected.steps.length, variableLengths: c.variableLengths, initialState: 'encoder' }, outputs);
}

/**
 * The cases of an export's report: validation sources of B = 1 and B = `batch`, the latter with
 * lengths that differ within the batch, each traced over the longest target plus 2 steps.
 */
export function seq2seqParityCases(model: Seq2SeqModel, task: Task, options: { seed: number; batch?: number }): Seq2SeqParityCase[] {
  const rng = new Rng(options.seed);
  const cases: Seq2SeqParityCase[] = [];
  for (const B of [1, options.batch ?? 4]) {
    const batch = task.batch(rng, B, 'validation');
    if (batch.kind !== 'seq2seq')
      throw new Error(`seq2seqParityCases: task ${task.id} produces ${batch.kind} batches; an encoder–decoder export needs seq2seq batches`);
    const source = variedSource(batch);
    const variableLengths = source.lengths.some((n) => n !== source.S);
    const T = batch.targetSteps + 2;
    const name = `B=${B}, ${variableLengths ? 'variable source lengths' : 'full-length source'}, ${T} greedy steps`;
    cases.push({ name, source, variableLengths, expected: seq2seqTrace(model, source, T) });
  }
  return cases;
}

/** The batch's source, with lengths made to differ (B > 1) by padding rows shorter when they are all equal. */
function variedSource(batch: Seq2SeqBatch): Seq2SeqParitySource {
  const { sourceSteps: S, batchSize: B } = batch;
  const lengths = batch.sourceLengths.slice();
  if (B > 1 && lengths.every((n) => n === lengths[0])) {
    for (let b = 1; b < B; b++) lengths[b] = Math.max(1, S - Math.round((b * 3 * S) / (4 * (B - 1))));
  }
  if (batch.source.kind === 'tokens') {
    const ids = batch.source.ids.slice();
    for (let s = 0; s < S; s++) for (let b = 0; b < B; b++) if (s >= lengths[b]!) ids[s * B + b] = PAD_ID;
    return { input: { kind: 'tokens', ids }, S, B, lengths };
  }
  const I = batch.source.features;
  const x = batch.source.x.slice();
  for (let s = 0; s < S; s++) for (let b = 0; b < B; b++) if (s >= lengths[b]!) x.fill(0, (s * B + b) * I, (s * B + b + 1) * I);
  return { input: { kind: 'dense', x, features: I }, S, B, lengths };
}
