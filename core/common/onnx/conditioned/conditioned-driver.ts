// Driving an exported one-to-many model's two graphs (conditioned-export.ts): the condition graph once,
// the decoder-step graph once per step with the state fed back, and the trace the parity report compares
// with SeqLab's (conditioned-parity.ts). Written against GraphRunner, so the same stepping serves
// onnxruntime in core/node (core/node/models/conditioned/conditioned-onnx.ts opens the files) and any other runner.
//
// Shapes: B streams, C condition classes or features, H decoder hidden, F input features, O outputs
// (V logits for token decoders).

import type { Condition } from '../../data/batch';
import type { ConditionedGraphDescription } from './conditioned-metadata';
import { CONDITIONED_IO } from './conditioned-metadata';
import type { ConditionedInputs, ConditionedStepOutputs, ConditionedTrace } from './conditioned-parity';
import type { GraphRunner, GraphTensor } from '../graph-pair';
import { floatOutput, int64Feed } from '../graph-pair';

const OWNER = 'ConditionedDriver';

export class ConditionedDriver {
  constructor(
    readonly conditionGraph: GraphRunner,
    readonly decoderStep: GraphRunner,
    /** The condition graph's description (the step graph's differs only in role). */
    readonly description: ConditionedGraphDescription,
  ) {}

  get lstm(): boolean {
    return this.description.decoder.cell === 'lstm';
  }

  /** Whether the decoder reads tokens and writes logits (else it reads and writes values). */
  get tokens(): boolean {
    return this.description.decoder.input.kind === 'tokens';
  }

  /**
   * Runs the condition graph once.
   * @param condition class ids [B] or features [B, C]
   */
  async initialState(condition: Condition, B: number): Promise<{ h0: Float32Array; c0: Float32Array | null }> {
    const io = CONDITIONED_IO;
    const d = this.description.condition;
    if (condition.kind !== d.kind) throw new Error(`${OWNER}.initialState: a '${condition.kind}' condition given to a model conditioned on '${d.kind}'`);
    const feed = condition.kind === 'class' ? int64Feed(condition.ids, [B]) : { data: Float32Array.from(condition.values), dims: [B, condition.features] };
    const out = await this.conditionGraph.run({ [io.condition]: feed });
    return { h0: floatOutput(out, io.h0, OWNER), c0: this.lstm ? floatOutput(out, io.c0, OWNER) : null };
  }

  /**
   * One step of every stream.
   * @param input previous values [B, F] (Float32Array) or tokens [B]   @param h, c [B, H] the state (c: LSTM decoders)
   */
  async step(input: Float32Array | ArrayLike<number>, h: Float32Array, c: Float32Array | null, B: number): Promise<ConditionedStepOutputs> {
    const io = CONDITIONED_IO;
    const { decoder } = this.description;
    const H = decoder.hiddenSize;
    const feeds: Record<string, GraphTensor> = { [io.h]: { data: h, dims: [B, H] } };
    if (decoder.input.kind === 'tokens') feeds[io.token] = int64Feed(input, [B]);
    else feeds[io.previous] = { data: input instanceof Float32Array ? input : Float32Array.from(input), dims: [B, decoder.input.features] };
    if (this.lstm) feeds[io.c] = { data: c ?? new Float32Array(B * H), dims: [B, H] };
    const out = await this.decoderStep.run(feeds);
    const float = (name: string): Float32Array => floatOutput(out, name, OWNER);
    return {
      out: float(this.tokens ? io.logits : io.values),
      probs: this.tokens ? float(io.probs) : null,
      h: float(io.hNext),
      c: this.lstm ? float(io.cNext) : null,
    };
  }

  /** The ONNX side of a parity case: the condition, then `inputs` one step at a time, carrying its own state. */
  async trace(condition: Condition, B: number, inputs: ConditionedInputs): Promise<ConditionedTrace> {
    const { h0, c0 } = await this.initialState(condition, B);
    const width = inputs.kind === 'tokens' ? B : B * inputs.features;
    const all = inputs.kind === 'tokens' ? inputs.ids : inputs.x;
    const T = all.length / width;
    let h = h0,
      c = c0;
    const steps: ConditionedStepOutputs[] = [];
    for (let t = 0; t < T; t++) {
      const out = await this.step(all.subarray(t * width, (t + 1) * width), h, c, B);
      steps.push(out);
      h = out.h;
      c = out.c;
    }
    return { h0, c0, inputs, steps };
  }
}
