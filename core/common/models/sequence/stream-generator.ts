// Autoregressive generation one step at a time with the recurrent state carried between calls: feed a
// token (or a feature vector), get the output, choose the next input, repeat. The I1 benchmark measures
// SeqLab's own generation with it; the app generates from exports, in onnxruntime (core/node/models).
// Needs a model with per-step outputs.
//
// Shapes: B streams generated side by side, O outputs (class logits or values), I input features.

import type { FloatArray } from '../../nn/param';
import type { RecurrentState, SequenceModel } from './sequence-model';

export class StreamGenerator {
  private state: RecurrentState;
  private readonly ids: Int32Array;
  private readonly lengths: Int32Array;

  constructor(
    private readonly model: SequenceModel,
    readonly batchSize = 1,
  ) {
    if (!model.config.output.perStep) throw new Error('StreamGenerator: the model must produce an output at every step');
    if (model.rnn.numDirections !== 1) throw new Error('StreamGenerator: a bidirectional model needs the whole sequence and cannot generate step by step');
    this.state = model.newState(batchSize);
    this.ids = new Int32Array(batchSize);
    this.lengths = new Int32Array(batchSize).fill(1);
  }

  /** Starts every stream again from the zero state (or from a given [L, B, H] state). */
  reset(state?: RecurrentState): void {
    if (state) {
      this.state.h.set(state.h);
      if (this.state.c && state.c) this.state.c.set(state.c);
    } else {
      this.state.h.fill(0);
      this.state.c?.fill(0);
    }
  }

  /** The carried state (a copy), e.g. to branch a stream or to hand it to another session. */
  snapshot(): RecurrentState {
    return { h: this.state.h.slice(), c: this.state.c ? this.state.c.slice() : null };
  }

  /**
   * One step for every stream.
   * @param input token ids [B], or features [B, I] for dense-input models
   * @returns [B, O] outputs, valid until the next call
   */
  step(input: ArrayLike<number> | Float32Array): FloatArray {
    const B = this.batchSize;
    if (this.model.config.input.kind === 'tokens') {
      if (input.length !== B) throw new Error(`StreamGenerator.step: expected ${B} token ids, got ${input.length}`);
      for (let b = 0; b < B; b++) this.ids[b] = input[b]!;
      this.model.beginBatch({ kind: 'tokens', ids: this.ids }, 1, B);
    } else {
      this.model.beginBatch({ kind: 'dense', x: input instanceof Float32Array ? input : Float32Array.from(input) }, 1, B);
    }
    const pass = this.model.forwardWindow(0, 1, this.lengths, this.state, { training: false });
    this.state.h.set(pass.hN);
    if (this.state.c && pass.cN) this.state.c.set(pass.cN);
    return pass.out;
  }
}
