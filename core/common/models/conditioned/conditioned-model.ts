// One-to-many: a decoder conditioned on one vector or class per sequence, e.g. "draw a square wave" or
// "write a word of class k". The condition sets the initial state,
//   h0 = tanh(W_c c + b_c)      c = the condition's features, or the one-hot of its class;   c0 = 0
// and the decoder unrolls from it with teacher forcing (Graves 2013's conditioned generation,
// reduced). Trains on ConditionedBatch with its StepTarget (MSE on values, cross-entropy on classes).
//
// Shapes: B batch, C condition features (or classes), T steps, H hidden, E embedding (F input features), O outputs.

import type { Rng } from '../../random/rng';
import type { Kernels } from '../../nn/kernels';
import type { Dtype, FloatArray, Param } from '../../nn/param';
import type { CellName } from '../../nn/recurrent-cell';
import type { LinearCache } from '../../nn/dense';
import type { Condition, ConditionedBatch } from '../../data/batch';
import type { DecoderInput, DecoderPass } from '../decoder/decoder';
import type { BatchLoss, TrainableDecoderModel, TrainLossOptions } from '../decoder/decoder-trainer';
import type { LayerGradNorms } from '../../train/layer-grad-norms';
import { DECODER_LAYER } from '../../train/layer-grad-norms';
import { allocFloat } from '../../nn/param';
import { Linear } from '../../nn/dense';
import { jsKernels } from '../../nn/kernels-js';
import { targetLoss } from '../../train/target-loss';
import { Decoder } from '../decoder/decoder';
import { DecoderSession } from '../decoder/decoder-session';

export interface ConditionedModelConfig {
  readonly condition: { readonly kind: 'dense'; readonly features: number } | { readonly kind: 'class'; readonly classes: number };
  readonly decoderInput: DecoderInput;
  /** O: V logits for class targets, or the number of values. */
  readonly outputSize: number;
  readonly cell: CellName;
  readonly hiddenSize: number;
  readonly dtype?: Dtype | undefined;
  readonly kernels?: Kernels | undefined;
}

export class ConditionedModel implements TrainableDecoderModel<ConditionedBatch> {
  readonly config: ConditionedModelConfig;
  readonly dtype: Dtype;
  /** [H, C] and [H]: condition.weight, condition.bias */
  readonly conditioner: Linear;
  readonly decoder: Decoder;
  readonly params: readonly Param[];
  private readonly k: Kernels;
  private cond: FloatArray; //  [B, C]
  private h0: FloatArray; //    [B, H]
  private dPre: FloatArray; //  [B, H]
  private dOut: FloatArray; //  [T*B, O]
  private condCache: LinearCache | null = null;

  constructor(config: ConditionedModelConfig) {
    const dtype = (this.dtype = config.dtype ?? 'float32');
    const { kernels } = config;
    this.config = config;
    this.k = kernels ?? jsKernels;
    const C = config.condition.kind === 'dense' ? config.condition.features : config.condition.classes;
    this.conditioner = new Linear({ inFeatures: C, outFeatures: config.hiddenSize, dtype, kernels, namePrefix: 'condition.' });
    this.decoder = new Decoder({
      cell: config.cell,
      hiddenSize: config.hiddenSize,
      input: config.decoderInput,
      outputSize: config.outputSize,
      dtype,
      kernels,
      namePrefix: 'decoder.',
    });
    this.params = [...this.conditioner.params, ...this.decoder.params];
    this.cond = this.h0 = this.dPre = this.dOut = allocFloat(dtype, 0);
  }

  /** h0 [B, H] = tanh(W_c c + b_c), valid until the next call. */
  initialState(condition: Condition, B: number): FloatArray {
    const C = this.conditioner.inFeatures,
      H = this.decoder.hiddenSize;
    if (condition.kind !== this.config.condition.kind)
      throw new Error(`ConditionedModel: a '${condition.kind}' condition given to a model conditioned on '${this.config.condition.kind}'`);
    const width = condition.kind === 'dense' ? condition.features : condition.classes;
    if (width !== C) throw new Error(`ConditionedModel: the condition has ${width} ${condition.kind === 'dense' ? 'features' : 'classes'}, the model ${C}`);
    if (this.cond.length < B * C) this.cond = allocFloat(this.dtype, B * C);
    if (this.h0.length < B * H) {
      this.h0 = allocFloat(this.dtype, B * H);
      this.dPre = allocFloat(this.dtype, B * H);
    }
    const cond = this.cond.subarray(0, B * C);
    if (condition.kind === 'dense') {
      if (condition.values.length !== B * C) throw new Error(`ConditionedModel: condition values must be [${B}, ${C}], got ${condition.values.length} values`);
      cond.set(condition.values);
    } else {
      if (condition.ids.length !== B) throw new Error(`ConditionedModel: condition ids must be [${B}], got ${condition.ids.length}`);
      cond.fill(0);
      for (let b = 0; b < B; b++) {
        const id = condition.ids[b]!;
        if (!(id >= 0 && id < C)) throw new Error(`ConditionedModel: condition ids[${b}] = ${id} is outside 0..${C - 1}`);
        cond[b * C + id] = 1; // one-hot: W_c c picks column id
      }
    }
    const { y, cache } = this.conditioner.forward(cond, B);
    this.condCache = cache;
    this.k.tanh(1, B * H, y, 0, 0, this.h0, 0, 0);
    return this.h0.subarray(0, B * H);
  }

  forward(batch: ConditionedBatch, opts: { rng?: Rng | undefined; teacherForcing?: number | undefined } = {}): DecoderPass {
    const { steps: T, batchSize: B } = batch;
    const h0 = this.initialState(batch.condition, B);
    const input = batch.decoderInput;
    const ratio = opts.teacherForcing ?? 1;
    if (ratio < 1 && opts.rng === undefined) throw new Error('ConditionedModel.forward: scheduled sampling needs opts.rng');
    return this.decoder.forward(input.kind === 'tokens' ? { kind: 'tokens', ids: input.ids } : { kind: 'dense', x: input.x }, T, B, {
      h0,
      sampling: ratio < 1 ? { ratio, rng: opts.rng as Rng } : null,
    });
  }

  /** Backward through decoder and conditioner; with opts.hGradNorms returns the decoder's ‖∂L/∂h_t‖ per step. */
  backward(pass: DecoderPass, dOut: FloatArray, opts: { hGradNorms?: boolean | undefined } = {}): LayerGradNorms[] | null {
    const B = pass.B,
      H = this.decoder.hiddenSize;
    const { dh0, hGradNorms } = this.decoder.backward(pass, dOut, opts);
    this.k.copy(1, B * H, dh0, 0, 0, this.dPre, 0, 0);
    this.k.tanhBackward(1, B * H, this.h0, 0, 0, this.dPre, 0, 0);
    this.conditioner.backward(this.condCache as LinearCache, this.dPre.subarray(0, B * H));
    return hGradNorms === null ? null : [{ layer: DECODER_LAYER, state: 'h', t0: 0, values: hGradNorms }];
  }

  trainLoss(batch: ConditionedBatch, opts: TrainLossOptions): BatchLoss {
    const pass = this.forward(batch, opts);
    if (this.dOut.length < pass.out.length) this.dOut = allocFloat(this.dtype, pass.out.length);
    const dOut = this.dOut.subarray(0, pass.out.length);
    const r = targetLoss(batch.target, 0, pass.T, pass.B, pass.out, dOut);
    const gradNorms = this.backward(pass, dOut, { hGradNorms: opts.hGradNorms });
    return { loss: r.loss, weight: r.weight, accuracy: r.accuracy, tokens: r.weight, gradNorms };
  }

  evalLoss(batch: ConditionedBatch): BatchLoss {
    const pass = this.forward(batch);
    const r = targetLoss(batch.target, 0, pass.T, pass.B, pass.out, null);
    return { loss: r.loss, weight: r.weight, accuracy: r.accuracy, tokens: r.weight };
  }

  /** Opens a generation session of B streams, one per condition row. */
  session(condition: Condition, B: number): DecoderSession {
    const h0 = this.initialState(condition, B);
    return new DecoderSession(this.decoder, B, { h0, c0: null, memory: null });
  }
}
