// The parity check of an exported one-to-many model: SeqLab's own float32 forward (ConditionedModel.session,
// DecoderSession.stepValues / step) traced step by step here, the two ONNX graphs traced on the same
// inputs by the caller (core/node), then every output judged elementwise (parity-criterion.ts). SeqLab's
// trace is free-running — each step reads the values the previous one wrote, or its greedy token — and the
// ONNX side reads those same inputs while carrying its own state (errors would accumulate, not be reset).
//
// Shapes: B streams, C condition classes or features, H hidden, T steps traced, F input features,
// O outputs (V logits for token decoders).

import type { Condition } from '../../data/batch';
import { argmaxRow } from '../../generate/pick';
import { Rng } from '../../random/rng';
import type { ConditionedModel } from '../../models/conditioned/conditioned-model';
import type { Task } from '../../tasks/task';
import type { ParityCaseResult } from '../parity';
import { caseResult, softmaxRows } from '../parity';
import type { OutputParity, ParityCriterion } from '../parity-criterion';
import { PARITY_CRITERION, compareOutput, compareSteps, mismatchedOutput } from '../parity-criterion';

/** What every step read: values [T, B, F] or tokens [T, B]. */
export type ConditionedInputs =
  { readonly kind: 'dense'; readonly features: number; readonly x: Float32Array } | { readonly kind: 'tokens'; readonly ids: Int32Array };

/** What one step gave. */
export interface ConditionedStepOutputs {
  /** [B, O] values, or [B, V] logits */
  readonly out: Float32Array;
  /** [B, V] softmax of the logits (token decoders), else null */
  readonly probs: Float32Array | null;
  /** [B, H] the state after the step (c: LSTM decoders, else null) */
  readonly h: Float32Array;
  readonly c: Float32Array | null;
}

/** The initial state from the condition, then every step. */
export interface ConditionedTrace {
  /** [B, H]; c0 (zeros) for LSTM decoders, else null */
  readonly h0: Float32Array;
  readonly c0: Float32Array | null;
  readonly inputs: ConditionedInputs;
  readonly steps: readonly ConditionedStepOutputs[];
}

export interface ConditionedParityCase {
  readonly name: string;
  /** class ids [B] or features [B, C] */
  readonly condition: Condition;
  readonly B: number;
  /** SeqLab's trace; the ONNX side reads expected.inputs. */
  readonly expected: ConditionedTrace;
}

/**
 * SeqLab's trace of T free-running steps: zeros first, then each step's own values; or `start` first,
 * then each stream's greedy token. Outputs are copied out of the model's workspaces.
 */
export function conditionedTrace(model: ConditionedModel, condition: Condition, B: number, T: number, start = 0): ConditionedTrace {
  const where = 'conditionedTrace';
  if (!(Number.isInteger(T) && T >= 1)) throw new Error(`${where}: T must be an integer >= 1, got ${T}`);
  const { decoder } = model;
  const H = decoder.hiddenSize,
    O = decoder.head.outFeatures,
    F = decoder.inputWidth;
  const tokens = decoder.embedding !== null;
  if (!tokens && F !== O) throw new Error(`${where}: the decoder reads ${F} features but writes ${O} values, so it cannot run free`);
  const h0 = Float32Array.from(model.initialState(condition, B));
  const c0 = model.config.cell === 'lstm' ? new Float32Array(B * H) : null;
  const session = model.session(condition, B);
  const ids = new Int32Array(T * B);
  const x = new Float32Array(tokens ? 0 : T * B * F); // row 0 stays zeros
  if (tokens) ids.fill(start, 0, B);
  const steps: ConditionedStepOutputs[] = [];
  for (let t = 0; t < T; t++) {
    const out = Float32Array.from(tokens ? session.step(ids.subarray(t * B, (t + 1) * B)) : session.stepValues(x.subarray(t * B * F, (t + 1) * B * F)));
    let probs: Float32Array | null = null;
    if (tokens) {
      probs = out.slice();
      softmaxRows(probs, O);
    }
    const state = session.state();
    steps.push({ out, probs, h: Float32Array.from(state.h), c: state.c === null ? null : Float32Array.from(state.c) });
    if (t + 1 === T) break;
    if (tokens) for (let b = 0; b < B; b++) ids[(t + 1) * B + b] = argmaxRow(out, b, O);
    else x.set(out, (t + 1) * B * F);
  }
  return { h0, c0, inputs: tokens ? { kind: 'tokens', ids } : { kind: 'dense', features: F, x }, steps };
}

/**
 * Every output over all steps, judged elementwise; a step output's worst element is indexed [t, b, ·].
 * Shapes: h0, c0, h_next, c_next [B, H]; values [B, O] or logits, probs [B, V].
 */
export function compareConditionedTrace(c: ConditionedParityCase, actual: ConditionedTrace, criterion: ParityCriterion = PARITY_CRITERION): ParityCaseResult {
  const { expected, B } = c;
  const H = expected.h0.length / B;
  const outputs: Record<string, OutputParity> = { h0: compareOutput(expected.h0, actual.h0, [B, H], criterion) };
  if (expected.c0 !== null) outputs.c0 = compareOutput(expected.c0, actual.c0 ?? new Float32Array(0), [B, H], criterion);
  const overSteps = (name: string, pick: (s: ConditionedStepOutputs) => Float32Array | null): void => {
    const judged = compareSteps(expected.steps, actual.steps, pick, B, criterion);
    if (judged !== null) outputs[name] = judged;
  };
  const tokens = expected.inputs.kind === 'tokens';
  overSteps(tokens ? 'logits' : 'values', (s) => s.out);
  overSteps('probs', (s) => s.probs);
  overSteps('h_next', (s) => s.h);
  overSteps('c_next', (s) => s.c);
  if (actual.steps.length !== expected.steps.length)
    outputs.steps = mismatchedOutput(`onnxruntime traced ${actual.steps.length} steps, SeqLab ${expected.steps.length}`);
  return caseResult({ name: c.name, batch: B, steps: expected.steps.length, variableLengths: false, initialState: 'condition' }, outputs);
}

/**
 * The cases of an export's report: validation conditions of B = 1 and B = `batch`, each traced free-running
 * over the task's length.
 */
export function conditionedParityCases(
  model: ConditionedModel,
  task: Task,
  options: { seed: number; batch?: number; start?: number },
): ConditionedParityCase[] {
  const rng = new Rng(options.seed);
  const cases: ConditionedParityCase[] = [];
  for (const B of [1, options.batch ?? 4]) {
    const batch = task.batch(rng, B, 'validation');
    if (batch.kind !== 'conditioned')
      throw new Error(`conditionedParityCases: task ${task.id} produces ${batch.kind} batches; a one-to-many export needs conditioned batches`);
    const T = batch.steps;
    const what = batch.condition.kind === 'class' ? 'class condition' : 'feature condition';
    cases.push({
      name: `B=${B}, ${what}, ${T} free-running steps`,
      condition: batch.condition,
      B,
      expected: conditionedTrace(model, batch.condition, B, T, options.start),
    });
  }
  return cases;
}
