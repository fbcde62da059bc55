// The gradient half of a training step: forward, loss and exact BPTT of one batch into the model's
// Param.grad (zeroed first), full or truncated (Williams & Peng). The Trainer adds clipping and the
// update; data-parallel training runs this on each shard of a batch and reduces the gradients.
//
// Truncated BPTT(k1, k2): the batch's steps are cut into blocks of k1; the loss of each block is
// backpropagated through the k2 steps that end with it (k2 ≥ k1), starting from the state carried
// forward from earlier steps (no gradient flows into it). The gradients of all blocks add up to one
// update per batch. With k2 ≥ T this equals full BPTT exactly.
//
// Shapes: T steps, B batch, L layers, D directions, H hidden.

import type { Rng } from '../../random/rng';
import type { SequenceBatch } from '../../data/batch';
import type { BpttSpec } from '../../spec/training-spec';
import type { SequenceModel, RecurrentState, WindowPass } from './sequence-model';
import { zeroGrads, allocFloat, type FloatArray } from '../../nn/param';
import { stackGradNorms, type LayerGradNorms } from '../../train/layer-grad-norms';
import { isPerStep, targetLoss, targetWeight } from '../../train/target-loss';

/** What one batch's backward pass leaves besides Param.grad (the gradient of lossSum / weight). */
export interface GradientResult {
  /** Σ over scored blocks of (block mean loss × block weight): lossSum / weight is the batch's mean loss. */
  readonly lossSum: number;
  /** targetWeight of the batch: what its mean loss averages over (valid elements or rows). */
  readonly weight: number;
  /** Σ accuracy × weight and Σ weight over scored blocks, for class targets (0 and 0 otherwise). */
  readonly accSum: number;
  readonly accWeight: number;
  /** Valid (non-padding) time steps processed: Σ lengths. */
  readonly tokens: number;
  /** ‖∂L/∂h_t‖ per layer and direction over the steps of the last backpropagated window, when asked for. */
  readonly gradNorms: LayerGradNorms[] | null;
}

export class BatchGradient {
  private carry: RecurrentState | null = null;
  private windowLengths = new Int32Array(0);
  private dOut: FloatArray;

  constructor(
    private readonly model: SequenceModel,
    private readonly bptt: BpttSpec,
  ) {
    this.dOut = allocFloat(model.dtype, 0);
  }

  /** Zeroes Param.grad, then leaves there the gradient of the batch's mean loss. `rng` draws dropout masks. */
  compute(batch: SequenceBatch, opts: { rng?: Rng | undefined; hGradNorms?: boolean | undefined } = {}): GradientResult {
    const { model } = this;
    const { steps: T, batchSize: B, target } = batch;
    zeroGrads(model.params);
    model.beginBatch(batch.input.kind === 'dense' ? { kind: 'dense', x: batch.input.x } : { kind: 'tokens', ids: batch.input.ids }, T, B);

    const { k1, k2 } = this.bptt.mode === 'full' ? { k1: T, k2: T } : this.bptt;
    const totalWeight = targetWeight(target, B);
    let lossSum = 0;
    let accSum = 0;
    let accWeight = 0;
    let gradNorms: LayerGradNorms[] | null = null;
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
          const { numLayers, numDirections } = model.rnn;
          gradNorms = stackGradNorms(Float64Array.from(r.hGradNorms), numLayers * numDirections, w, numDirections);
          if (r.cGradNorms) gradNorms.push(...stackGradNorms(Float64Array.from(r.cGradNorms), numLayers * numDirections, w, numDirections, 'c'));
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
    return { lossSum, weight: totalWeight, accSum, accWeight, tokens: sumLengths(batch.lengths), gradNorms };
  }

  /** [B] valid steps of each sequence inside [t0, t1), in a reused buffer. */
  private lengthsIn(batch: SequenceBatch, t0: number, t1: number): Int32Array {
    const B = batch.batchSize;
    if (this.windowLengths.length !== B) this.windowLengths = new Int32Array(B);
    for (let b = 0; b < B; b++) this.windowLengths[b] = Math.max(0, Math.min(batch.lengths[b]! - t0, t1 - t0));
    return this.windowLengths;
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
    for (let i = 0; i < dOut.length; i++) dOut[i]! *= scale;
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
}

function sumLengths(lengths: Int32Array): number {
  let total = 0;
  for (let b = 0; b < lengths.length; b++) total += lengths[b]!;
  return total;
}
