// The recurrent decoder of an encoder–decoder (and of a one-to-many model): one cell stepped a step at
// a time from an initial state, reading the previous token (teacher forcing, or with scheduled sampling
// its own last argmax) and, with attention, the context of h_{t-1} over the encoder outputs:
//
//   ctx_t    = attention(q = h_{t-1}, enc)                  (Bahdanau et al. 2015)
//   h_t      = cell([emb(y_{t-1}); ctx_t], h_{t-1})
//   logits_t = W_o [h_t; ctx_t] + b_o                        (ctx_t only when contextToOutput)
//
// Scheduled sampling (Bengio et al. 2015): at t ≥ 1 each row reads the teacher input with probability
// `ratio` and otherwise its own previous prediction: the argmax token, or for value outputs the values
// themselves (seeded; ratio 1 draws nothing and is teacher forcing). No gradient flows through the
// prediction fed back. Padded target steps run like any other and are left out by
// the loss mask (a causal decoder's later steps cannot change earlier ones).
//
// Shapes: T target steps, B batch, S source steps, E embedding size (or F dense input features),
// He encoder output size, H hidden, O outputs (V logits or values), I = E + He the cell input (He only
// with attention), Hin = H + He the output layer's input (He only with contextToOutput).

import type { Rng } from '../../random/rng';
import type { Kernels } from '../../nn/kernels';
import type { Dtype, FloatArray, Param } from '../../nn/param';
import type { CellName } from '../../nn/recurrent-cell';
import type { EmbeddingCache } from '../../nn/embedding';
import type { LinearCache } from '../../nn/dense';
import { allocFloat } from '../../nn/param';
import { jsKernels } from '../../nn/kernels-js';
import { AdditiveAttention } from '../../nn/additive-attention';
import { CellStepper } from '../../nn/cell-stepper';
import { Embedding } from '../../nn/embedding';
import { Linear } from '../../nn/dense';
import { checkInteger, checkLength } from '../../nn/shape';
import { argmaxRow } from '../../generate/pick';

export type DecoderInput =
  { readonly kind: 'tokens'; readonly vocab: number; readonly embeddingDim: number } | { readonly kind: 'dense'; readonly features: number };

export interface DecoderAttentionConfig {
  /** He */
  readonly encSize: number;
  /** A */
  readonly attnSize: number;
  /** The score bias b (default true). */
  readonly bias?: boolean | undefined;
  /** Concatenate ctx_t into the output layer's input (default true). */
  readonly contextToOutput?: boolean | undefined;
}

export interface DecoderConfig {
  readonly cell: CellName;
  readonly hiddenSize: number;
  readonly input: DecoderInput;
  /** O: V logits, or values. */
  readonly outputSize: number;
  readonly attention?: DecoderAttentionConfig | null;
  readonly dtype?: Dtype | undefined;
  readonly kernels?: Kernels | undefined;
  /** e.g. "decoder." → decoder.embedding.weight, decoder.cell.weight_ih, decoder.attention.W_q, decoder.out.weight */
  readonly namePrefix?: string;
}

/** Encoder outputs to attend to: enc [S, B, He] and the valid source steps [B] (each ≥ 1). */
export interface DecoderMemory {
  readonly enc: FloatArray;
  readonly S: number;
  readonly lengths: ArrayLike<number>;
}

export interface DecoderForwardOptions {
  /** [B, H] initial states (null or absent = zeros; c0 only for LSTM). */
  readonly h0?: FloatArray | null;
  readonly c0?: FloatArray | null;
  /** Required with attention. */
  readonly memory?: DecoderMemory | null;
  /** Scheduled sampling: teacher-forcing ratio in [0, 1] and the generator that draws it (token inputs). */
  readonly sampling?: { readonly ratio: number; readonly rng: Rng } | null;
}

export type DecoderInputs = { readonly kind: 'tokens'; readonly ids: Int32Array } | { readonly kind: 'dense'; readonly x: ArrayLike<number> };

export interface DecoderPass {
  readonly T: number;
  readonly B: number;
  /** [T*B, O] outputs, time-major; in the decoder's workspace until the next forward. */
  readonly out: FloatArray;
  /** [T, S, B] attention weights of every step (null without attention). */
  readonly attention: FloatArray | null;
  /** [T, B] the tokens actually read (teacher or sampled; a workspace view), or null for dense inputs. */
  readonly inputs: Int32Array | null;
}

export class Decoder {
  readonly config: DecoderConfig;
  readonly dtype: Dtype;
  readonly hiddenSize: number;
  /** E or F: the part of the cell input that is not context. */
  readonly inputWidth: number;
  readonly contextSize: number;
  readonly contextToOutput: boolean;
  readonly embedding: Embedding | null;
  readonly cell: CellStepper;
  readonly attention: AdditiveAttention | null;
  readonly head: Linear;
  readonly params: readonly Param[];

  private readonly k: Kernels;
  private lastPass: DecoderPass | null = null;
  private ids = new Int32Array(0); // [T, B]
  private decIn: FloatArray; //  [T, B, I]
  private headIn: FloatArray; // [T, B, Hin] (contextToOutput only)
  private peek: FloatArray; //   [B, O] last step's outputs, for scheduled sampling
  private dEmb: FloatArray; //   [T, B, E]
  private dCtx: FloatArray; //   [B, He]
  private embedCache: EmbeddingCache | null = null;
  private headCache: LinearCache | null = null;

  constructor(config: DecoderConfig) {
    const { hiddenSize: H, input, outputSize, attention, kernels, namePrefix = '' } = config;
    const dtype = (this.dtype = config.dtype ?? 'float32');
    this.config = config;
    this.hiddenSize = H;
    this.k = kernels ?? jsKernels;
    this.embedding =
      input.kind === 'tokens'
        ? new Embedding({ numEmbeddings: input.vocab, embeddingDim: input.embeddingDim, dtype, kernels, namePrefix: `${namePrefix}embedding.` })
        : null;
    this.inputWidth = input.kind === 'tokens' ? input.embeddingDim : input.features;
    this.contextSize = attention ? attention.encSize : 0;
    this.contextToOutput = attention ? attention.contextToOutput !== false : false;
    this.cell = new CellStepper(config.cell, {
      inputSize: this.inputWidth + this.contextSize,
      hiddenSize: H,
      dtype,
      kernels,
      namePrefix: `${namePrefix}cell.`,
    });
    this.attention = attention
      ? new AdditiveAttention({
          querySize: H,
          encSize: attention.encSize,
          attnSize: attention.attnSize,
          bias: attention.bias,
          dtype,
          kernels,
          namePrefix: `${namePrefix}attention.`,
        })
      : null;
    const headWidth = H + (this.contextToOutput ? this.contextSize : 0);
    this.head = new Linear({ inFeatures: headWidth, outFeatures: outputSize, dtype, kernels, namePrefix: `${namePrefix}out.` });
    this.params = [...(this.embedding?.params ?? []), ...this.cell.params, ...(this.attention?.params ?? []), ...this.head.params];
    this.decIn = this.headIn = this.peek = this.dEmb = this.dCtx = allocFloat(dtype, 0);
  }

  /** I: the cell's input width. */
  get cellInputSize(): number {
    return this.inputWidth + this.contextSize;
  }

  /** Hin: the output layer's input width. */
  get headInputSize(): number {
    return this.head.inFeatures;
  }

  /**
   * Runs T steps on the whole batch.
   * @param inputs teacher inputs: token ids [T, B] (BOS first) or dense x [T, B, F]
   */
  forward(inputs: DecoderInputs, T: number, B: number, opts: DecoderForwardOptions = {}): DecoderPass {
    const where = 'Decoder.forward';
    const { k, hiddenSize: H, inputWidth: E, contextSize: He } = this;
    const I = this.cellInputSize,
      Hin = this.headInputSize,
      O = this.head.outFeatures;
    checkInteger(where, 'T', T, 1);
    checkInteger(where, 'B', B, 1);
    this.reserve(T, B);
    const memory = opts.memory ?? null;
    const attention = this.attention;
    if (attention !== null) {
      if (memory === null) throw new Error(`${where}: a decoder with attention needs opts.memory`);
      attention.setMemory(memory.enc, memory.S, B, memory.lengths, T);
    }
    const sampling = opts.sampling ?? null;
    if (sampling !== null && !(sampling.ratio >= 0 && sampling.ratio <= 1))
      throw new Error(`${where}: sampling.ratio must be in [0, 1], got ${sampling.ratio}`);
    const sample = sampling !== null && sampling.ratio < 1;
    const tokens = this.readInputs(where, inputs, T, B, sample);

    this.cell.begin(B, T, opts.h0 ?? null, opts.c0 ?? null);
    const ids = this.ids;
    for (let t = 0; t < T; t++) {
      const xOff = t * B * I;
      if (tokens) {
        if (sampling !== null && sample && t > 0) {
          for (let b = 0; b < B; b++) if (sampling.rng.next() >= sampling.ratio) ids[t * B + b] = argmaxRow(this.peek, b, O);
        }
        const table = (this.embedding as Embedding).weight.data;
        for (let b = 0; b < B; b++) k.copy(1, E, table, ids[t * B + b]! * E, E, this.decIn, xOff + b * I, I); // emb(y_{t-1})
      } else if (sampling !== null && sample && t > 0) {
        for (let b = 0; b < B; b++) if (sampling.rng.next() >= sampling.ratio) k.copy(1, O, this.peek, b * O, O, this.decIn, xOff + b * I, I); // ŷ_{t-1}
      }
      if (attention !== null) {
        attention.step(t, this.cell.states, this.cell.stateOffset(t)); // query h_{t-1}
        k.copy(B, He, attention.contexts, attention.contextOffset(t), He, this.decIn, xOff + E, I);
      }
      this.cell.step(this.decIn, xOff);
      const hOff = this.cell.stateOffset(t + 1);
      if (attention !== null && this.contextToOutput) {
        k.copy(B, H, this.cell.states, hOff, H, this.headIn, t * B * Hin, Hin);
        k.copy(B, He, attention.contexts, attention.contextOffset(t), He, this.headIn, t * B * Hin + H, Hin);
      }
      if (sample && t < T - 1) {
        if (this.contextToOutput) this.headStep(this.headIn, t * B * Hin, B, this.peek);
        else this.headStep(this.cell.states, hOff, B, this.peek);
      }
    }

    if (this.embedding !== null) this.embedCache = this.embedding.forward(ids.subarray(0, T * B)).cache;
    const { y, cache } = this.head.forward(this.contextToOutput ? this.headIn.subarray(0, T * B * Hin) : this.cell.outputs(), T * B);
    this.headCache = cache;
    const pass: DecoderPass = { T, B, out: y, attention: attention?.weights() ?? null, inputs: tokens ? ids.subarray(0, T * B) : null };
    this.lastPass = pass;
    return pass;
  }

  /**
   * BPTT through the last forward; accumulates (+=) into every parameter's gradient.
   * @param dOut [T*B, O] ∂L/∂out
   * @param opts.hGradNorms also return ‖∂L/∂h_t‖ of every step t (over the batch; padded steps have none)
   * @returns ∂L/∂h0, ∂L/∂c0 (LSTM) [B, H] and ∂L/∂enc [S, B, He] (with attention), valid until the next call
   */
  backward(
    pass: DecoderPass,
    dOut: FloatArray,
    opts: { hGradNorms?: boolean | undefined } = {},
  ): { dh0: FloatArray; dc0: FloatArray | null; dEnc: FloatArray | null; hGradNorms: Float64Array | null } {
    const where = 'Decoder.backward';
    if (pass !== this.lastPass) throw new Error(`${where}: stale pass (forward was called again since)`);
    const { T, B } = pass;
    const { k, hiddenSize: H, inputWidth: E, contextSize: He, attention } = this;
    const I = this.cellInputSize,
      Hin = this.headInputSize;
    checkLength(where, 'dOut [T*B, O]', dOut, [T * B, this.head.outFeatures]);
    const { dx: dHead } = this.head.backward(this.headCache as LinearCache, dOut); // [T*B, Hin]
    this.cell.beginBackward(null, null);
    attention?.beginBackward();
    const hGradNorms = opts.hGradNorms === true ? new Float64Array(T) : null; // [T]
    for (let t = T - 1; t >= 0; t--) {
      const dx = this.cell.backwardStep(dHead, t * B * Hin, Hin); // [B, I]
      if (hGradNorms !== null) hGradNorms[t] = this.cell.hiddenGradNorm();
      if (attention !== null) {
        k.copy(B, He, dx, E, I, this.dCtx, 0, He); //                                         ∂L/∂ctx_t via the cell input
        if (this.contextToOutput) k.axpy(B, He, 1, dHead, t * B * Hin + H, Hin, this.dCtx, 0, He); // + via the output layer
        const dq = attention.backwardStep(t, this.dCtx, 0, He, null);
        this.cell.addHiddenGrad(dq, 0, H); //                                                 q_t = h_{t-1}
      }
      if (this.embedding !== null) k.copy(B, E, dx, 0, I, this.dEmb, t * B * E, E);
    }
    const { dh0, dc0 } = this.cell.endBackward();
    const dEnc = attention?.endBackward() ?? null;
    if (this.embedding !== null) this.embedding.backward(this.embedCache as EmbeddingCache, this.dEmb.subarray(0, T * B * E));
    return { dh0, dc0, dEnc, hGradNorms };
  }

  /** out[B, O] = src[B, Hin] (block at off) · W_oᵀ + b_o: the output layer for one step (generation). */
  headStep(src: FloatArray, off: number, B: number, out: FloatArray): void {
    const Hin = this.headInputSize,
      O = this.head.outFeatures;
    this.k.matmulNT(B, O, Hin, src, off, Hin, this.head.weight.data, 0, Hin, out, 0, O, false);
    if (this.head.bias !== null) this.k.addBiasRows(B, O, out, 0, O, this.head.bias.data, 0);
  }

  /** Checks the inputs and puts them where the loop reads them: ids into this.ids, dense x into decIn. */
  private readInputs(where: string, inputs: DecoderInputs, T: number, B: number, sample: boolean): boolean {
    const I = this.cellInputSize,
      F = this.inputWidth;
    if (inputs.kind === 'tokens') {
      if (this.embedding === null) throw new Error(`${where}: token ids given to a decoder with dense inputs`);
      checkLength(where, 'ids [T, B]', inputs.ids, [T, B]);
      const V = this.embedding.numEmbeddings;
      for (let i = 0; i < T * B; i++) {
        const id = inputs.ids[i]!;
        if (!(id >= 0 && id < V)) throw new Error(`${where}: ids[${i}] = ${id} is outside 0..${V - 1}`);
        this.ids[i] = id;
      }
      return true;
    }
    if (this.embedding !== null) throw new Error(`${where}: dense inputs given to a decoder with token inputs`);
    const O = this.head.outFeatures;
    if (sample && F !== O)
      throw new Error(`${where}: scheduled sampling on values feeds the decoder its own outputs, so it needs as many input features (${F}) as outputs (${O})`);
    checkLength(where, 'x [T, B, F]', inputs.x, [T, B, F]);
    for (let r = 0; r < T * B; r++) for (let j = 0; j < F; j++) this.decIn[r * I + j] = inputs.x[r * F + j]!;
    return false;
  }

  private reserve(T: number, B: number): void {
    const grow = (buf: FloatArray, n: number): FloatArray => (buf.length >= n ? buf : allocFloat(this.dtype, n));
    if (this.ids.length < T * B) this.ids = new Int32Array(T * B);
    this.decIn = grow(this.decIn, T * B * this.cellInputSize);
    if (this.contextToOutput) this.headIn = grow(this.headIn, T * B * this.headInputSize);
    this.peek = grow(this.peek, B * this.head.outFeatures);
    if (this.embedding !== null) this.dEmb = grow(this.dEmb, T * B * this.inputWidth);
    this.dCtx = grow(this.dCtx, B * this.contextSize);
  }
}
