// One optimisation step of a sequence model on a batch: forward, loss, exact BPTT (full, or truncated
// Williams & Peng style), gradient clipping with the pre-clip norm reported, divergence check, update.
//
// Truncated BPTT(k1, k2): the batch's steps are cut into blocks of k1; the loss of each block is
// backpropagated through the k2 steps that end with it (k2 ≥ k1), starting from the state carried
// forward from earlier steps (no gradient flows into it). The gradients of all blocks add up to one
// update per batch. With k2 ≥ T this equals full BPTT exactly.
//
// Shapes: T steps, B batch, L layers, D directions, H hidden.

import type { Rng } from '../random/rng';
import type { SequenceBatch } from '../data/batch';
import type { BpttSpec, ClipSpec } from '../spec/training-spec';
import type { Optimizer } from './optim/optimizer';
import type { Schedule } from './schedules';
import { zeroGrads } from '../nn/param';
import { clipGradNorm, clipGradValue, findNonFinite, globalGradNorm } from './clipping';
import type { SequenceModel, RecurrentState, WindowPass } from '../model/sequence-model';
import { isPerStep, targetLoss, targetWeight } from '../model/target-loss';
import { sequenceMetrics } from '../model/target-metrics';
import { allocFloat, type FloatArray } from '../nn/param';

export interface StepStats {
  /** Mean loss of the batch (the quantity the gradient is of, up to truncation). */
  readonly loss: number;
  readonly accuracy: number | null;
  /** Global L2 norm of all gradients before clipping. */
  readonly gradNorm: number;
  readonly learningRate: number;
  /** Valid (non-padding) time steps processed: Σ lengths. */
  readonly tokens: number;
  /** [L*D, Tw] ‖∂L/∂h_t‖ per layer/direction and step of the last backpropagated window, when requested. */
  readonly hGradNorms: { readonly values: Float64Array; readonly rows: number; readonly t0: number; readonly steps: number } | null;
  /** Set when the loss or a gradient was NaN/Inf: the update was skipped. */
  readonly nonFinite: string | null;
}

export interface EvalStats {
  readonly loss: number;
  readonly accuracy: number | null;
  /** For per-step class targets: fraction of sequences entirely right; null otherwise. */
  readonly sequenceAccuracy: number | null;
  /** For targets with allowed classes (grammars): fraction of sequences predicting a legal symbol at every step. */
  readonly legalNextAccuracy: number | null;
  readonly weight: number;
}

export interface TrainerOptions {
  readonly model: SequenceModel;
  readonly optimizer: Optimizer;
  readonly schedule: Schedule;
  readonly clip: ClipSpec;
  readonly bptt: BpttSpec;
}

export class Trainer {
  private readonly model: SequenceModel;
  private carry: RecurrentState | null = null;
  private windowLengths = new Int32Array(0);
  private dOut: FloatArray;

  constructor(private readonly options: TrainerOptions) {
    this.model = options.model;
    this.dOut = allocFloat(this.model.dtype, 0);
  }

  /** One update from one batch. `step` (from 0) picks the learning rate; `rng` draws dropout masks. */
  step(batch: SequenceBatch, step: number, opts: { rng?: Rng; hGradNorms?: boolean } = {}): StepStats {
    const { model } = this;
    const { steps: T, batchSize: B, target } = batch;
    zeroGrads(model.params);
    model.beginBatch(batch.input.kind === 'dense' ? { kind: 'dense', x: batch.input.x } : { kind: 'tokens', ids: batch.input.ids }, T, B);

    const { k1, k2 } = this.options.bptt.mode === 'full' ? { k1: T, k2: T } : this.options.bptt;
    const totalWeight = targetWeight(target, B);
    let lossSum = 0;
    let accSum = 0;
    let accWeight = 0;
    let hGradNorms: StepStats['hGradNorms'] = null;
    let carryAt = 0; // the step `this.carry` is the state before (null carry = zeros at 0)
    this.carry = null;

    for (let s = 0; s < T; s += k1) {
      const e = Math.min(s + k1, T);
      const w = Math.max(0, e - k2);
      if (w > carryAt) {
        this.advance(batch, carryAt, w);
        carryAt = w;
      }
      const pass = model.forwardWindow(w, e, this.lengthsIn(batch, w, e), this.carry, { training: true, rng: opts.rng });
      if (isPerStep(target) || e === T) {
        const loss = this.scoreBlock(batch, pass, s, totalWeight);
        lossSum += loss.loss * loss.weight;
        if (loss.accuracy) {
          accSum += loss.accuracy.value * loss.accuracy.weight;
          accWeight += loss.accuracy.weight;
        }
        const wantNorms = opts.hGradNorms === true && e === T;
        const r = model.backwardWindow(pass, this.dOut.subarray(0, pass.out.length), null, { hGradNorms: wantNorms });
        if (wantNorms && r.hGradNorms) {
          const rows = model.rnn.numLayers * model.rnn.numDirections;
          hGradNorms = { values: Float64Array.from(r.hGradNorms), rows, t0: w, steps: e - w };
        }
      }
      // When the next window starts where this one ended (k1 = k2), its state is this window's final state.
      const nextW = Math.max(0, Math.min(e + k1, T) - k2);
      if (e < T && nextW === e) {
        this.keepCarry(pass);
        carryAt = e;
      }
    }
    model.endBatch();

    const learningRate = this.options.schedule(step);
    const loss = totalWeight > 0 ? lossSum / totalWeight : 0;
    const gradNorm = globalGradNorm(model.params);
    const base = { loss, accuracy: accWeight > 0 ? accSum / accWeight : null, gradNorm, learningRate, tokens: sumLengths(batch.lengths), hGradNorms };
    const bad = !Number.isFinite(loss) ? 'loss' : findNonFinite(model.params, 'grad')?.name ?? null;
    if (bad !== null) return { ...base, nonFinite: bad === 'loss' ? `loss is ${loss}` : `gradient of ${bad} is not finite` };

    const { clip } = this.options;
    if (clip.kind === 'norm') clipGradNorm(model.params, clip.max);
    else if (clip.kind === 'value') clipGradValue(model.params, clip.max);
    this.options.optimizer.step(model.params, learningRate);
    const badParam = findNonFinite(model.params, 'data');
    return { ...base, nonFinite: badParam ? `parameter ${badParam.name} became ${badParam.value}` : null };
  }

  /** Mean loss (and accuracy) over batches, without dropout or gradients. */
  evaluate(batches: Iterable<SequenceBatch>): EvalStats {
    const { model } = this;
    let lossSum = 0;
    let weight = 0;
    let accSum = 0;
    let accWeight = 0;
    let sequences = 0;
    let exact = 0;
    let legal = 0;
    let hasLegal = false;
    for (const batch of batches) {
      const { steps: T, batchSize: B } = batch;
      model.beginBatch(batch.input.kind === 'dense' ? { kind: 'dense', x: batch.input.x } : { kind: 'tokens', ids: batch.input.ids }, T, B);
      const pass = model.forwardWindow(0, T, this.lengthsIn(batch, 0, T), null, { training: false });
      const loss = targetLoss(batch.target, 0, T, B, pass.out, null);
      lossSum += loss.loss * loss.weight;
      weight += loss.weight;
      if (loss.accuracy) {
        accSum += loss.accuracy.value * loss.accuracy.weight;
        accWeight += loss.accuracy.weight;
      }
      if (batch.target.kind === 'step-classes') {
        const m = sequenceMetrics(batch.target, pass.out, T, B);
        sequences += m.sequences;
        exact += m.sequenceAccuracy * m.sequences;
        if (m.legalNextAccuracy !== null) {
          hasLegal = true;
          legal += m.legalNextAccuracy * m.sequences;
        }
      }
    }
    return {
      loss: weight > 0 ? lossSum / weight : 0,
      accuracy: accWeight > 0 ? accSum / accWeight : null,
      sequenceAccuracy: sequences > 0 ? exact / sequences : null,
      legalNextAccuracy: hasLegal && sequences > 0 ? legal / sequences : null,
      weight,
    };
  }

  /** Loss of block [s, e) of the window, written as a scaled gradient into dOut (zero outside the block). */
  private scoreBlock(batch: SequenceBatch, pass: WindowPass, s: number, totalWeight: number) {
    const { B, t0: w, t1: e, out } = pass;
    if (this.dOut.length < out.length) this.dOut = allocFloat(this.model.dtype, out.length);
    const dOut = this.dOut.subarray(0, out.length);
    let loss;
    if (isPerStep(batch.target)) {
      const width = out.length / ((e - w) * B);
      const from = (s - w) * B * width;
      dOut.fill(0, 0, from);
      loss = targetLoss(batch.target, s, e, B, out.subarray(from), dOut.subarray(from));
    } else {
      loss = targetLoss(batch.target, 0, batch.steps, B, out, dOut);
    }
    // The block's mean-loss gradient, rescaled so the blocks add up to the batch mean.
    const scale = totalWeight > 0 ? loss.weight / totalWeight : 0;
    for (let i = 0; i < dOut.length; i++) dOut[i] *= scale;
    return loss;
  }

  /** Runs steps [from, to) without gradient to move the carried state forward (no dropout). */
  private advance(batch: SequenceBatch, from: number, to: number): void {
    const pass = this.model.forwardWindow(from, to, this.lengthsIn(batch, from, to), this.carry, { training: false });
    this.keepCarry(pass);
  }

  private keepCarry(pass: WindowPass): void {
    this.carry ??= this.model.newState(pass.B);
    this.carry.h.set(pass.hN);
    if (this.carry.c && pass.cN) this.carry.c.set(pass.cN);
  }

  /** [B] valid steps of each sequence inside [t0, t1). */
  private lengthsIn(batch: SequenceBatch, t0: number, t1: number): Int32Array {
    const B = batch.batchSize;
    if (this.windowLengths.length !== B) this.windowLengths = new Int32Array(B);
    for (let b = 0; b < B; b++) this.windowLengths[b] = Math.max(0, Math.min(batch.lengths[b] - t0, t1 - t0));
    return this.windowLengths;
  }
}

function sumLengths(lengths: Int32Array): number {
  let total = 0;
  for (let b = 0; b < lengths.length; b++) total += lengths[b];
  return total;
}
