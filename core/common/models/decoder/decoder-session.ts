// Generation with a trained decoder: B streams stepped one token (or value vector) per call, the
// recurrent state carried in the session between calls. Shares the decoder's parameters but has its
// own buffers, so the model can keep training while a session is open (it sees the updated weights).
//
// Shapes: B streams, S source steps, H hidden, He encoder output size, E embedding size (F dense
// input features), I = E + He cell input, Hin output layer input, O outputs (V logits or values).

import type { TokenSession } from '../../generate/token-session';
import type { Kernels } from '../../nn/kernels';
import type { FloatArray } from '../../nn/param';
import type { Decoder, DecoderMemory } from './decoder';
import { allocFloat } from '../../nn/param';
import { AdditiveAttention } from '../../nn/additive-attention';
import { CellStepper } from '../../nn/cell-stepper';
import { jsKernels } from '../../nn/kernels-js';
import { checkLength } from '../../nn/shape';
import type { DirectionInternals } from '../../nn/recorded-internals';

export interface DecoderSessionInit {
  /** [B, H] initial states (null = zeros; c0 only for LSTM). */
  readonly h0: FloatArray | null;
  readonly c0: FloatArray | null;
  /** Encoder outputs for attention, [S, B, He] (required with attention). */
  readonly memory: DecoderMemory | null;
  /** Rows r and r' share their memory when ⌊r / groupSize⌋ = ⌊r' / groupSize⌋ (beams of one source); default 1. */
  readonly groupSize?: number;
  /** Keep every step's states and gates (`recordedSteps`), for the explorer; default false. */
  readonly record?: boolean;
}

export class DecoderSession implements TokenSession {
  readonly batchSize: number;
  readonly vocab: number;
  private readonly k: Kernels;
  private readonly cell: CellStepper;
  private readonly attention: AdditiveAttention | null;
  private readonly groupSize: number;
  private readonly h: FloatArray; //      [B, H]
  private readonly c: FloatArray | null;
  private readonly scratch: FloatArray; // [B, H] for reorder
  private readonly x: FloatArray; //      [B, I]
  private readonly headIn: FloatArray; // [B, Hin]
  private readonly out: FloatArray; //    [B, O]
  private readonly record: boolean;
  private readonly recorded: DirectionInternals[] = []; // one [1, B, ·] record per step when recording

  constructor(
    private readonly decoder: Decoder,
    B: number,
    init: DecoderSessionInit,
  ) {
    const where = 'DecoderSession';
    const { dtype, hiddenSize: H } = decoder;
    this.batchSize = B;
    this.vocab = decoder.head.outFeatures;
    this.k = decoder.config.kernels ?? jsKernels;
    this.groupSize = init.groupSize ?? 1;
    this.record = init.record === true;
    this.cell = new CellStepper(decoder.config.cell, { inputSize: decoder.cellInputSize, hiddenSize: H, dtype, kernels: decoder.config.kernels }, decoder.cell);
    const a = decoder.attention;
    this.attention =
      a === null
        ? null
        : new AdditiveAttention({ querySize: H, encSize: a.encSize, attnSize: a.attnSize, bias: a.b !== null, dtype, kernels: decoder.config.kernels }, a);
    if (this.attention !== null) {
      if (init.memory === null) throw new Error(`${where}: a decoder with attention needs init.memory`);
      this.attention.setMemory(init.memory.enc, init.memory.S, B, init.memory.lengths, 1);
    }
    this.h = allocFloat(dtype, B * H);
    this.c = this.cell.cell.hasCellState ? allocFloat(dtype, B * H) : null;
    if (init.h0 !== null) {
      checkLength(where, 'h0 [B, H]', init.h0, [B, H]);
      this.h.set(init.h0);
    }
    if (init.c0 !== null) {
      if (this.c === null) throw new Error(`${where}: c0 is only for LSTM`);
      checkLength(where, 'c0 [B, H]', init.c0, [B, H]);
      this.c.set(init.c0);
    }
    this.scratch = allocFloat(dtype, B * H);
    this.x = allocFloat(dtype, B * decoder.cellInputSize);
    this.headIn = allocFloat(dtype, B * decoder.headInputSize);
    this.out = allocFloat(dtype, B * this.vocab);
  }

  /** One token per stream (token-input decoders); returns the next step's logits [B, V]. */
  step(ids: Int32Array): FloatArray {
    const { decoder, k, batchSize: B } = this;
    const E = decoder.inputWidth,
      I = decoder.cellInputSize;
    if (decoder.embedding === null) throw new Error('DecoderSession.step: the decoder reads dense inputs; use stepValues');
    checkLength('DecoderSession.step', 'ids [B]', ids, [B]);
    const V = decoder.embedding.numEmbeddings;
    for (let b = 0; b < B; b++) {
      const id = ids[b]!;
      if (!(id >= 0 && id < V)) throw new Error(`DecoderSession.step: ids[${b}] = ${id} is outside 0..${V - 1}`);
      k.copy(1, E, decoder.embedding.weight.data, id * E, E, this.x, b * I, I);
    }
    return this.advance();
  }

  /** One input vector per stream (dense-input decoders), x [B, F]; returns the outputs [B, O]. */
  stepValues(x: ArrayLike<number>): FloatArray {
    const { decoder, batchSize: B } = this;
    const F = decoder.inputWidth,
      I = decoder.cellInputSize;
    if (decoder.embedding !== null) throw new Error('DecoderSession.stepValues: the decoder reads tokens; use step');
    checkLength('DecoderSession.stepValues', 'x [B, F]', x, [B, F]);
    for (let b = 0; b < B; b++) for (let j = 0; j < F; j++) this.x[b * I + j] = x[b * F + j]!;
    return this.advance();
  }

  /** [S, B] attention weights of the last step (a view), or null without attention. */
  lastAttention(): FloatArray | null {
    return this.attention?.weights() ?? null;
  }

  /**
   * The decoder cell's states and gates at every step taken so far, [n, B, ·] (a session opened with
   * record). After a reorder the rows of earlier steps are the streams as they were then.
   */
  recordedSteps(): DirectionInternals {
    if (!this.record) throw new Error('DecoderSession.recordedSteps: the session was not opened with record');
    const join = (part: (r: DirectionInternals) => FloatArray): FloatArray => {
      const parts = this.recorded.map(part);
      const out = allocFloat(
        this.decoder.dtype,
        parts.reduce((n, p) => n + p.length, 0),
      );
      let off = 0;
      for (const p of parts) {
        out.set(p, off);
        off += p.length;
      }
      return out;
    };
    return {
      layer: 0,
      reverse: false,
      h: join((r) => r.h),
      c: this.c === null ? null : join((r) => mustHaveCellState(r.c)),
      gates: join((r) => r.gates),
      preActivations: join((r) => r.preActivations),
    };
  }

  /** A copy of the carried state ([B, H] each). */
  state(): { h: FloatArray; c: FloatArray | null } {
    return { h: this.h.slice(), c: this.c?.slice() ?? null };
  }

  setState(state: { h: FloatArray; c: FloatArray | null }): void {
    checkLength('DecoderSession.setState', 'h [B, H]', state.h, [this.batchSize, this.decoder.hiddenSize]);
    this.h.set(state.h);
    if (this.c !== null && state.c !== null) this.c.set(state.c);
  }

  reorder(parents: Int32Array): void {
    const { batchSize: B, k } = this;
    const H = this.decoder.hiddenSize;
    checkLength('DecoderSession.reorder', 'parents [B]', parents, [B]);
    for (let i = 0; i < B; i++) {
      const p = parents[i]!;
      if (!(p >= 0 && p < B)) throw new Error(`DecoderSession.reorder: parents[${i}] = ${p} is outside 0..${B - 1}`);
      if (this.attention !== null && Math.floor(p / this.groupSize) !== Math.floor(i / this.groupSize)) {
        throw new Error(`DecoderSession.reorder: stream ${i} cannot continue stream ${p}, which attends to another source`);
      }
    }
    for (const state of this.c === null ? [this.h] : [this.h, this.c]) {
      for (let i = 0; i < B; i++) k.copy(1, H, state, parents[i]! * H, H, this.scratch, i * H, H);
      k.copy(1, B * H, this.scratch, 0, 0, state, 0, 0);
    }
  }

  /** Context (with attention), one cell step from the carried state, then the output layer. */
  private advance(): FloatArray {
    const { decoder, k, batchSize: B, cell, attention } = this;
    const H = decoder.hiddenSize,
      E = decoder.inputWidth,
      He = decoder.contextSize,
      I = decoder.cellInputSize,
      Hin = decoder.headInputSize;
    if (attention !== null) {
      attention.restart();
      attention.step(0, this.h, 0); // query h_{t-1}
      k.copy(B, He, attention.contexts, 0, He, this.x, E, I);
    }
    cell.begin(B, 1, this.h, this.c, this.record);
    cell.step(this.x, 0);
    if (this.record) this.recorded.push(cell.recorded());
    k.copy(1, B * H, cell.states, cell.stateOffset(1), 0, this.h, 0, 0);
    if (this.c !== null) k.copy(1, B * H, cell.c(1) as FloatArray, 0, 0, this.c, 0, 0);
    if (attention !== null && decoder.contextToOutput) {
      k.copy(B, H, this.h, 0, H, this.headIn, 0, Hin);
      k.copy(B, He, attention.contexts, 0, He, this.headIn, H, Hin);
      decoder.headStep(this.headIn, 0, B, this.out);
    } else {
      decoder.headStep(this.h, 0, B, this.out);
    }
    return this.out;
  }
}

function mustHaveCellState(c: FloatArray | null): FloatArray {
  if (c === null) throw new Error('DecoderSession.recordedSteps: an LSTM step was recorded without its cell state');
  return c;
}
