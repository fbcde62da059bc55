// Additive (Bahdanau) attention of decoder queries over encoder outputs, forward and backward side
// by side (Bahdanau, Cho & Bengio 2015, "Neural Machine Translation by Jointly Learning to Align and
// Translate"), as in tests/fixtures/torch/README.md ("Additive attention"):
//
//   keys[s, b]  = W_k enc[s, b] + b                     once per source batch (setMemory)
//   u[s, b]     = tanh(W_q q_b + keys[s, b])            every decoder step
//   e[s, b]     = vᵀ u[s, b]
//   alpha[., b] = softmax of e[., b] over s < lengths[b];  alpha[s, b] = 0 for s >= lengths[b]
//   context[b]  = Σ_s alpha[s, b] enc[s, b]
//
// Shapes: S source steps, B batch, Hq query size, He encoder output size, A attention size,
// T decoder steps (queries) attending to one memory. Time-major: enc [S, B, He], alpha [S, B].
//
// Use: setMemory(enc) once per source batch, then step(t, q) for t = 0, 1, …; backward mirrors it:
// beginBackward(), backwardStep(t) for t downwards, endBackward() → ∂L/∂enc. The per-step
// tensors the backward needs (u, alpha, q) are kept for every step, so the decoder's BPTT can walk
// back through them. `forward` / `backward` wrap the same code for a single query (the fixtures).
// Outputs live in the layer's workspace until the next setMemory; copy what you keep.

import type { Kernels } from './kernels';
import type { Dtype, FloatArray, Param } from './param';
import { allocFloat, createParam } from './param';
import { jsKernels } from './kernels-js';
import { checkDtype, checkInteger, checkLength } from './shape';

export interface AdditiveAttentionConfig {
  /** Hq */
  querySize: number;
  /** He */
  encSize: number;
  /** A */
  attnSize: number;
  /** The score bias b [A] (default true, also when undefined; PyTorch-style Linear layers without bias leave it out). */
  bias?: boolean | undefined;
  dtype?: Dtype;
  kernels?: Kernels | undefined;
  /** Prepended to the parameter names, e.g. "attention." → "attention.W_q". */
  namePrefix?: string;
}

/** The parameters, which another instance may share (a generation session beside the trained model). */
interface AttentionParams {
  readonly Wq: Param; // [A, Hq]
  readonly Wk: Param; // [A, He]
  readonly b: Param | null; // [A]
  readonly v: Param; // [A]
}

export class AdditiveAttention {
  readonly querySize: number;
  readonly encSize: number;
  readonly attnSize: number;
  readonly dtype: Dtype;
  /** W_q, W_k, b (when enabled), v: the fixture order. */
  readonly params: readonly Param[];

  private readonly p: AttentionParams;
  private readonly k: Kernels;
  private S = 0;
  private B = 0;
  private T = 0; //  step capacity
  private steps = 0; // steps run since setMemory
  private lengths = new Int32Array(0); // [B]
  private enc: FloatArray; //   [S, B, He]
  private keys: FloatArray; //  [S, B, A]  W_k enc + b
  private qs: FloatArray; //    [T, B, Hq]
  private u: FloatArray; //     [T, S, B, A]  tanh(W_q q + keys)
  private alpha: FloatArray; // [T, S, B]
  private ctx: FloatArray; //   [T, B, He]
  private qp: FloatArray; //    [B, A]  W_q q
  private e: FloatArray; //     [S, B]  scores
  private eT: FloatArray; //    [B, S]  scores of one row contiguous, for the softmax kernel
  private dA: FloatArray; //    [S, B]  ∂L/∂alpha
  private dPre: FloatArray; //  [S, B, A]  ∂L/∂(W_q q + keys)
  private dqp: FloatArray; //   [T, B, A]  ∂L/∂(W_q q) of every step
  private dq: FloatArray; //    [B, Hq]
  private dKeys: FloatArray; // [S, B, A]  summed over steps
  private dEnc: FloatArray; //  [S, B, He]

  constructor(config: AdditiveAttentionConfig, share?: AdditiveAttention) {
    const where = 'AdditiveAttention(constructor)';
    const { querySize, encSize, attnSize, dtype = 'float32', namePrefix = '' } = config;
    checkInteger(where, 'querySize', querySize, 1);
    checkInteger(where, 'encSize', encSize, 1);
    checkInteger(where, 'attnSize', attnSize, 1);
    this.querySize = querySize;
    this.encSize = encSize;
    this.attnSize = attnSize;
    this.dtype = dtype;
    this.k = config.kernels ?? jsKernels;
    if (share !== undefined) {
      if (
        share.querySize !== querySize ||
        share.encSize !== encSize ||
        share.attnSize !== attnSize ||
        share.dtype !== dtype ||
        (share.p.b !== null) !== (config.bias !== false)
      ) {
        throw new Error(`${where}: the shared instance has another configuration`);
      }
      this.p = share.p;
    } else {
      const A = attnSize;
      this.p = {
        Wq: createParam(`${namePrefix}W_q`, [A, querySize], dtype),
        Wk: createParam(`${namePrefix}W_k`, [A, encSize], dtype),
        b: config.bias === false ? null : createParam(`${namePrefix}b`, [A], dtype),
        v: createParam(`${namePrefix}v`, [A], dtype),
      };
    }
    const { Wq, Wk, b, v } = this.p;
    this.params = b === null ? [Wq, Wk, v] : [Wq, Wk, b, v];
    const empty = allocFloat(dtype, 0);
    this.enc = this.keys = this.qs = this.u = this.alpha = this.ctx = this.qp = this.e = this.eT = empty;
    this.dA = this.dPre = this.dqp = this.dq = this.dKeys = this.dEnc = empty;
  }

  get Wq(): Param {
    return this.p.Wq;
  }
  get Wk(): Param {
    return this.p.Wk;
  }
  get b(): Param | null {
    return this.p.b;
  }
  get v(): Param {
    return this.p.v;
  }

  /**
   * Takes a copy of the encoder outputs and computes their keys once, for up to `steps` queries.
   * @param enc [S, B, He]
   * @param lengths [B] valid source steps, each in 1..S (default all S)
   */
  setMemory(enc: FloatArray, S: number, B: number, lengths: ArrayLike<number> | undefined, steps: number): void {
    const where = 'AdditiveAttention.setMemory';
    const { encSize: He, attnSize: A, querySize: Hq, k } = this;
    checkInteger(where, 'S', S, 1);
    checkInteger(where, 'B', B, 1);
    checkInteger(where, 'steps', steps, 1);
    checkDtype(where, 'enc', enc, this.dtype);
    checkLength(where, 'enc [S, B, He]', enc, [S, B, He]);
    if (this.lengths.length < B) this.lengths = new Int32Array(B);
    if (lengths !== undefined) checkLength(where, 'lengths [B]', lengths, [B]);
    for (let b = 0; b < B; b++) {
      const n = lengths === undefined ? S : lengths[b];
      if (n === undefined || !Number.isInteger(n) || n < 1 || n > S)
        throw new Error(`${where}: lengths[${b}] must be an integer in 1..${S} (attention needs a source step), got ${n}`);
      this.lengths[b] = n;
    }
    const grow = (buf: FloatArray, n: number): FloatArray => (buf.length >= n ? buf : allocFloat(this.dtype, n));
    this.enc = grow(this.enc, S * B * He);
    this.keys = grow(this.keys, S * B * A);
    this.qs = grow(this.qs, steps * B * Hq);
    this.u = grow(this.u, steps * S * B * A);
    this.alpha = grow(this.alpha, steps * S * B);
    this.ctx = grow(this.ctx, steps * B * He);
    this.qp = grow(this.qp, B * A);
    this.e = grow(this.e, S * B);
    this.eT = grow(this.eT, B * S);
    this.dA = grow(this.dA, S * B);
    this.dPre = grow(this.dPre, S * B * A);
    this.dqp = grow(this.dqp, steps * B * A);
    this.dq = grow(this.dq, B * Hq);
    this.dKeys = grow(this.dKeys, S * B * A);
    this.dEnc = grow(this.dEnc, S * B * He);
    this.S = S;
    this.B = B;
    this.T = steps;
    this.steps = 0;

    k.copy(1, S * B * He, enc, 0, 0, this.enc, 0, 0);
    k.matmulNT(S * B, A, He, enc, 0, He, this.p.Wk.data, 0, He, this.keys, 0, A, false); // keys = enc · W_kᵀ
    if (this.p.b !== null) k.addBiasRows(S * B, A, this.keys, 0, A, this.p.b.data, 0); //    + b
  }

  /**
   * Attends with query q_t = q[qOff .. qOff + B*Hq] at step t (the next step: 0, 1, … in order).
   * alpha_t [S, B] is then at t*S*B of `weights()`, context_t [B, He] at contextOffset(t) of `contexts`.
   */
  step(t: number, q: FloatArray, qOff: number): void {
    const { S, B, querySize: Hq, encSize: He, attnSize: A, k, lengths } = this;
    if (t !== this.steps || t >= this.T) throw new Error(`AdditiveAttention.step: expected step ${this.steps} of ${this.T}, got ${t}`);
    if (q.length < qOff + B * Hq) throw new Error(`AdditiveAttention.step: q holds ${q.length} values, needs [B, Hq] = [${B}, ${Hq}] at offset ${qOff}`);
    this.steps++;
    const SBA = S * B * A;
    const uOff = t * SBA;
    const aOff = t * S * B;
    const cOff = t * B * He;
    k.copy(B, Hq, q, qOff, Hq, this.qs, t * B * Hq, Hq);
    k.matmulNT(B, A, Hq, q, qOff, Hq, this.p.Wq.data, 0, Hq, this.qp, 0, A, false); // qp = q · W_qᵀ   [B, A]
    k.copy(1, SBA, this.keys, 0, 0, this.u, uOff, 0);
    for (let s = 0; s < S; s++) k.axpy(B, A, 1, this.qp, 0, A, this.u, uOff + s * B * A, A); // + qp, broadcast over s
    k.tanh(1, SBA, this.u, uOff, 0, this.u, uOff, 0);
    k.matmul(S * B, 1, A, this.u, uOff, A, this.p.v.data, 0, 1, this.e, 0, 1, false); //   e = u · v   [S*B]

    const { e, eT, alpha } = this;
    for (let b = 0; b < B; b++) {
      const n = lengths[b]!;
      for (let s = 0; s < n; s++) eT[b * S + s] = e[s * B + b]!;
      k.softmaxRows(1, n, eT, b * S, S, eT, b * S, S); // over the valid steps only
      for (let s = 0; s < S; s++) alpha[aOff + s * B + b] = s < n ? eT[b * S + s]! : 0;
      // context[b] = alpha[:n, b]ᵀ · enc[:n, b, :]   ([1, n] · [n, He], strided by the batch)
      k.matmulTN(1, He, n, alpha, aOff + b, B, this.enc, b * He, B * He, this.ctx, cOff + b * He, He, false);
    }
  }

  /** [T, B, He] the context vectors of every step (the workspace; valid until the next setMemory). */
  get contexts(): FloatArray {
    return this.ctx;
  }

  contextOffset(t: number): number {
    return t * this.B * this.encSize;
  }

  /** Forgets the steps run but keeps the memory and its keys: generation asks one query at a time, without backward. */
  restart(): void {
    this.steps = 0;
  }

  /** Clears the gradients that backward steps add up (∂L/∂keys, ∂L/∂enc). */
  beginBackward(): void {
    const { S, B } = this;
    this.k.fill(1, S * B * this.attnSize, 0, this.dKeys, 0, 0);
    this.k.fill(1, S * B * this.encSize, 0, this.dEnc, 0, 0);
  }

  /**
   * Backward of step t; accumulates into v's gradient and the memory's gradients.
   * @param dContext ∂L/∂context_t as a [B, He] block at dcOff with row stride ldc (null = 0)
   * @param dAlpha ∂L/∂alpha_t [S, B] (null = 0); masked entries are ignored
   * @returns ∂L/∂q_t [B, Hq], valid until the next backward step
   */
  backwardStep(t: number, dContext: FloatArray | null, dcOff: number, ldc: number, dAlpha: FloatArray | null): FloatArray {
    const { S, B, querySize: Hq, encSize: He, attnSize: A, k, lengths, alpha, dA, dPre } = this;
    if (!(t >= 0 && t < this.steps)) throw new Error(`AdditiveAttention.backwardStep: step ${t} was not run (${this.steps} steps since setMemory)`);
    if (dAlpha !== null) checkLength('AdditiveAttention.backwardStep', 'dAlpha [S, B]', dAlpha, [S, B]);
    const aOff = t * S * B;
    const uOff = t * S * B * A;
    for (let b = 0; b < B; b++) {
      const n = lengths[b]!;
      // ∂L/∂alpha[s, b] = dAlpha[s, b] + enc[s, b] · dContext[b]
      if (dContext !== null) k.matmulNT(n, 1, He, this.enc, b * He, B * He, dContext, dcOff + b * ldc, He, dA, b, B, false);
      else for (let s = 0; s < n; s++) dA[s * B + b] = 0;
      if (dAlpha !== null) for (let s = 0; s < n; s++) dA[s * B + b]! += dAlpha[s * B + b]!;
      // ∂L/∂enc[s, b] += alpha[s, b] dContext[b]   ([n, 1] · [1, He])
      if (dContext !== null) k.matmul(n, He, 1, alpha, aOff + b, B, dContext, dcOff + b * ldc, He, this.dEnc, b * He, B * He, true);
      // Softmax backward over the valid steps: ∂L/∂e = alpha ∘ (dA − Σ_s alpha dA); masked steps get 0.
      let dot = 0;
      for (let s = 0; s < n; s++) dot += alpha[aOff + s * B + b]! * dA[s * B + b]!;
      for (let s = 0; s < S; s++) dA[s * B + b] = s < n ? alpha[aOff + s * B + b]! * (dA[s * B + b]! - dot) : 0;
    }
    const de = dA;
    k.matmulTN(1, A, S * B, de, 0, 1, this.u, uOff, A, this.p.v.grad, 0, A, true); // dv += Σ de · u
    k.matmul(S * B, A, 1, de, 0, 1, this.p.v.data, 0, A, dPre, 0, A, false); //       dPre = de ⊗ v
    k.tanhBackward(1, S * B * A, this.u, uOff, 0, dPre, 0, 0); //                       ∘ (1 − u²)
    k.axpy(1, S * B * A, 1, dPre, 0, 0, this.dKeys, 0, 0); //                           keys feed every step
    const dqp = t * B * A;
    k.fill(B, A, 0, this.dqp, dqp, A);
    for (let s = 0; s < S; s++) k.axpy(B, A, 1, dPre, s * B * A, A, this.dqp, dqp, A); // ∂L/∂(W_q q) = Σ_s dPre
    k.matmul(B, Hq, A, this.dqp, dqp, A, this.p.Wq.data, 0, Hq, this.dq, 0, Hq, false); // dq = dqp · W_q
    return this.dq.subarray(0, B * Hq);
  }

  /**
   * Finishes the backward of every step run: the weight gradients of W_q, W_k and b in one product
   * each, and ∂L/∂enc (exactly 0 at masked steps).
   * @returns dEnc [S, B, He], valid until the next setMemory or beginBackward
   */
  endBackward(): FloatArray {
    const { S, B, querySize: Hq, encSize: He, attnSize: A, k, steps } = this;
    k.matmulTN(A, Hq, steps * B, this.dqp, 0, A, this.qs, 0, Hq, this.p.Wq.grad, 0, Hq, true); // dW_q += Σ_t dqpᵀ q
    k.matmulTN(A, He, S * B, this.dKeys, 0, A, this.enc, 0, He, this.p.Wk.grad, 0, He, true); //  dW_k += dKeysᵀ enc
    if (this.p.b !== null) k.sumRows(S * B, A, this.dKeys, 0, A, this.p.b.grad, 0); //          db += Σ dKeys
    k.matmul(S * B, He, A, this.dKeys, 0, A, this.p.Wk.data, 0, He, this.dEnc, 0, He, true); //   dEnc += dKeys · W_k
    return this.dEnc.subarray(0, S * B * He);
  }

  /** [steps, S, B] the attention weights of every step run since setMemory (a view). */
  weights(): FloatArray {
    return this.alpha.subarray(0, this.steps * this.S * this.B);
  }

  /**
   * One query over one memory (the fixture case): setMemory + step 0.
   * @param enc [S, B, He]   @param q [B, Hq]   @param lengths [B] in 1..S
   */
  forward(enc: FloatArray, q: FloatArray, S: number, B: number, lengths?: ArrayLike<number>): { alpha: FloatArray; context: FloatArray } {
    checkDtype('AdditiveAttention.forward', 'q', q, this.dtype);
    checkLength('AdditiveAttention.forward', 'q [B, Hq]', q, [B, this.querySize]);
    this.setMemory(enc, S, B, lengths, 1);
    this.step(0, q, 0);
    return { alpha: this.alpha.subarray(0, S * B), context: this.ctx.subarray(0, B * this.encSize) };
  }

  /**
   * Backward of `forward`; accumulates into the parameters' gradients.
   * @param grads dContext [B, He], dAlpha [S, B], each optional
   * @returns dq [B, Hq] and dEnc [S, B, He] (0 at masked steps), valid until the next call
   */
  backward(grads: { dContext?: FloatArray; dAlpha?: FloatArray }): { dq: FloatArray; dEnc: FloatArray } {
    if (this.steps !== 1) throw new Error('AdditiveAttention.backward: follows forward (one query); use backwardStep for decoders');
    if (grads.dContext !== undefined) checkLength('AdditiveAttention.backward', 'dContext [B, He]', grads.dContext, [this.B, this.encSize]);
    this.beginBackward();
    const dq = this.backwardStep(0, grads.dContext ?? null, 0, this.encSize, grads.dAlpha ?? null);
    return { dq, dEnc: this.endBackward() };
  }
}
