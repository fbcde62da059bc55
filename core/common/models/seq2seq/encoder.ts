// The encoder of an encoder–decoder: source tokens through an embedding (or dense source features)
// into any recurrent stack (RNN / LSTM / GRU, stacked, bidirectional, variable lengths). Gives the
// outputs the decoder attends to and the top layer's final states the decoder starts from.
//
// Shapes: S source steps, B batch, I source features (or E embedding size), H hidden per direction,
// D directions, L layers; He = D*H the output size, also the size of the final-state features.

import type { Rng } from '../../random/rng';
import type { Kernels } from '../../nn/kernels';
import type { Dtype, FloatArray, Param } from '../../nn/param';
import type { CellName } from '../../nn/recurrent-cell';
import type { RecurrentCache, RecurrentLayer } from '../../nn/recurrent';
import type { RecurrentInternals } from '../../nn/recorded-internals';
import type { EmbeddingCache } from '../../nn/embedding';
import type { ModelInput } from '../../tasks/encoding-widths';
import { allocFloat } from '../../nn/param';
import { Embedding } from '../../nn/embedding';
import { createRecurrentLayer } from '../../nn/recurrent-factory';
import { checkLength } from '../../nn/shape';

export interface EncoderConfig {
  readonly input: ModelInput;
  /** E, for token sources. */
  readonly embeddingDim?: number;
  readonly cell: CellName;
  readonly hiddenSize: number;
  readonly numLayers?: number;
  readonly bidirectional?: boolean;
  readonly dropout?: number;
  readonly dtype?: Dtype | undefined;
  readonly kernels?: Kernels | undefined;
  /** e.g. "encoder." → encoder.embedding.weight, encoder.rnn.weight_ih_l0 */
  readonly namePrefix?: string;
}

export type SourceInputs = { readonly kind: 'tokens'; readonly ids: Int32Array } | { readonly kind: 'dense'; readonly x: ArrayLike<number> };

export interface EncoderPass {
  readonly S: number;
  readonly B: number;
  /** [S, B, He] outputs of the top layer, 0 at padded steps. */
  readonly y: FloatArray;
  /** [B, He] top layer final hidden states [forward; reverse] (forward after each row's last valid step). */
  readonly final: FloatArray;
  /** [B, He] the same for the cell state (LSTM), else null. */
  readonly finalC: FloatArray | null;
  /** Every layer's states and gates over the source, when the forward recorded. */
  readonly internals?: RecurrentInternals;
}

export class Encoder {
  readonly dtype: Dtype;
  readonly embedding: Embedding | null;
  readonly rnn: RecurrentLayer;
  readonly params: readonly Param[];
  /** He = D*H */
  readonly outputSize: number;

  private x: FloatArray; //      [S, B, I] dense sources in the model's dtype
  private final: FloatArray; //  [B, He]
  private finalC: FloatArray; // [B, He]
  private dState: FloatArray; // [L*D, B, H] ∂L/∂hN
  private dStateC: FloatArray;
  private lastPass: EncoderPass | null = null;
  private rnnCache: RecurrentCache | null = null;
  private embedCache: EmbeddingCache | null = null;

  constructor(config: EncoderConfig) {
    const dtype = (this.dtype = config.dtype ?? 'float32');
    const { input, kernels, namePrefix = '' } = config;
    const E = config.embeddingDim ?? 0;
    if (input.kind === 'tokens' && !(E >= 1)) throw new Error('Encoder(constructor): token sources need embeddingDim >= 1');
    this.embedding =
      input.kind === 'tokens' ? new Embedding({ numEmbeddings: input.vocab, embeddingDim: E, dtype, kernels, namePrefix: `${namePrefix}embedding.` }) : null;
    this.rnn = createRecurrentLayer(config.cell, {
      inputSize: input.kind === 'tokens' ? E : input.features,
      hiddenSize: config.hiddenSize,
      numLayers: config.numLayers ?? 1,
      bidirectional: config.bidirectional ?? false,
      dropout: config.dropout ?? 0,
      dtype,
      kernels,
      namePrefix: `${namePrefix}rnn.`,
    });
    this.outputSize = this.rnn.numDirections * config.hiddenSize;
    this.params = [...(this.embedding?.params ?? []), ...this.rnn.params];
    this.x = this.final = this.finalC = this.dState = this.dStateC = allocFloat(dtype, 0);
  }

  /**
   * @param source token ids [S, B] or dense x [S, B, I]
   * @param lengths [B] valid source steps, each in 1..S
   */
  forward(
    source: SourceInputs,
    S: number,
    B: number,
    lengths: ArrayLike<number>,
    opts: { training?: boolean | undefined; rng?: Rng | undefined; record?: boolean | undefined } = {},
  ): EncoderPass {
    const where = 'Encoder.forward';
    let x: FloatArray;
    if (source.kind === 'tokens') {
      if (this.embedding === null) throw new Error(`${where}: token ids given to an encoder with dense inputs`);
      checkLength(where, 'ids [S, B]', source.ids, [S, B]);
      const e = this.embedding.forward(source.ids);
      this.embedCache = e.cache;
      x = e.y;
    } else {
      if (this.embedding !== null) throw new Error(`${where}: dense inputs given to an encoder with token inputs`);
      const I = this.rnn.inputSize;
      checkLength(where, 'x [S, B, I]', source.x, [S, B, I]);
      if (this.x.length < S * B * I) this.x = allocFloat(this.dtype, S * B * I);
      x = this.x.subarray(0, S * B * I);
      for (let i = 0; i < S * B * I; i++) x[i] = source.x[i]!;
    }
    const r = this.rnn.forward(x, S, B, { lengths, training: opts.training, rng: opts.rng, record: opts.record });
    this.rnnCache = r.cache;
    const He = this.outputSize;
    if (this.final.length < B * He) {
      this.final = allocFloat(this.dtype, B * He);
      this.finalC = allocFloat(this.dtype, B * He);
    }
    this.gatherTop(r.hN, this.final, B);
    const hasC = r.cN !== undefined;
    if (hasC) this.gatherTop(r.cN as FloatArray, this.finalC, B);
    const pass: EncoderPass = {
      S,
      B,
      y: r.y,
      final: this.final.subarray(0, B * He),
      finalC: hasC ? this.finalC.subarray(0, B * He) : null,
      ...(r.internals ? { internals: r.internals } : {}),
    };
    this.lastPass = pass;
    return pass;
  }

  /**
   * Backward of the last forward; accumulates into the parameters' gradients.
   * @param dy [S, B, He] ∂L/∂y (null = 0)   @param dFinal, dFinalC [B, He] ∂L/∂final (null = 0)
   * @param opts.hGradNorms also return ‖∂L/∂h_s‖ per layer, direction and source step: [L*D, S] (a view)
   */
  backward(
    pass: EncoderPass,
    dy: FloatArray | null,
    dFinal: FloatArray | null,
    dFinalC: FloatArray | null,
    opts: { hGradNorms?: boolean | undefined } = {},
  ): { hGradNorms: Float64Array | null } {
    if (pass !== this.lastPass) throw new Error('Encoder.backward: stale pass (forward was called again since)');
    const { B } = pass;
    const { numLayers: L, numDirections: D, hiddenSize: H } = this.rnn;
    const n = L * D * B * H;
    if (this.dState.length < n) {
      this.dState = allocFloat(this.dtype, n);
      this.dStateC = allocFloat(this.dtype, n);
    }
    const dhN = dFinal === null ? undefined : this.scatterTop(dFinal, this.dState.subarray(0, n), B);
    const dcN = dFinalC === null ? undefined : this.scatterTop(dFinalC, this.dStateC.subarray(0, n), B);
    const r = this.rnn.backward(this.rnnCache as RecurrentCache, { dy: dy ?? undefined, dhN, dcN }, { hGradNorms: opts.hGradNorms });
    if (this.embedding !== null) this.embedding.backward(this.embedCache as EmbeddingCache, r.dx);
    return { hGradNorms: r.hGradNorms ?? null };
  }

  /** out[b] = [state of the top layer's forward direction; reverse direction] from a [L*D, B, H] state. */
  private gatherTop(state: FloatArray, out: FloatArray, B: number): void {
    const { numLayers: L, numDirections: D, hiddenSize: H } = this.rnn;
    for (let d = 0; d < D; d++) {
      for (let b = 0; b < B; b++) {
        const src = (((L - 1) * D + d) * B + b) * H;
        for (let j = 0; j < H; j++) out[b * D * H + d * H + j] = state[src + j]!;
      }
    }
  }

  /** The transpose of gatherTop: ∂L/∂features [B, He] into the top rows of a zeroed [L*D, B, H]. */
  private scatterTop(dFeatures: FloatArray, dState: FloatArray, B: number): FloatArray {
    const { numLayers: L, numDirections: D, hiddenSize: H } = this.rnn;
    dState.fill(0);
    for (let d = 0; d < D; d++) {
      for (let b = 0; b < B; b++) {
        const dst = (((L - 1) * D + d) * B + b) * H;
        for (let j = 0; j < H; j++) dState[dst + j] = dFeatures[b * D * H + d * H + j]!;
      }
    }
    return dState;
  }
}
