// An exported one-to-many model in onnxruntime-node: the condition graph and the decoder-step graph
// opened as a pair (their `seqlab.conditioned` descriptions must match), one run of each, and the
// trace the parity report compares with SeqLab's (core/common/onnx/conditioned-parity.ts).
//
// Shapes: B streams, C condition classes or features, H decoder hidden, F input features, O outputs
// (V logits for token decoders).

import type { ConditionedGraphDescription } from '../../common/onnx/conditioned-metadata';
import { CONDITIONED_IO, conditionedPairingProblem, parseConditionedDescription } from '../../common/onnx/conditioned-metadata';
import type { ConditionedInputs, ConditionedStepOutputs, ConditionedTrace } from '../../common/onnx/conditioned-parity';
import type { Condition } from '../../common/data/batch';
import type { OnnxTensor } from '../onnx/session';
import type { OnnxSession } from '../onnx/session';
import { int64Tensor } from './onnx-parity';
import { openGraphPair, type PairOpenFailure } from './onnx-pair';

export type ConditionedOpenResult = { readonly ok: true; readonly pair: OnnxConditioned } | PairOpenFailure;

export class OnnxConditioned {
  private constructor(
    readonly conditionGraph: OnnxSession,
    readonly decoderStep: OnnxSession,
    /** The condition graph's description (the step graph's differs only in role). */
    readonly description: ConditionedGraphDescription,
  ) {}

  /** Opens both graphs from .onnx paths or bytes; a missing file or a mismatched pair is an expected failure. */
  static async open(condition: string | Uint8Array, step: string | Uint8Array): Promise<ConditionedOpenResult> {
    const opened = await openGraphPair([condition, step], { names: ['the condition graph', 'the decoder-step graph'], what: 'one SeqLab one-to-many model', parse: parseConditionedDescription, mismatch: conditionedPairingProblem });
    if (!opened.ok) return opened;
    return { ok: true, pair: new OnnxConditioned(opened.sessions[0], opened.sessions[1], opened.description) };
  }

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
    if (condition.kind !== d.kind) throw new Error(`OnnxConditioned.initialState: a '${condition.kind}' condition given to a model conditioned on '${d.kind}'`);
    const feed = condition.kind === 'class' ? int64Tensor(condition.ids, [B]) : { data: Float32Array.from(condition.values), dims: [B, condition.features] };
    const out = await this.conditionGraph.run({ [io.condition]: feed });
    return { h0: float(out, io.h0), c0: this.lstm ? float(out, io.c0) : null };
  }

  /**
   * One step of every stream.
   * @param input previous values [B, F] (Float32Array) or tokens [B]   @param h, c [B, H] the state (c: LSTM decoders)
   */
  async step(input: Float32Array | ArrayLike<number>, h: Float32Array, c: Float32Array | null, B: number): Promise<ConditionedStepOutputs> {
    const io = CONDITIONED_IO;
    const { decoder } = this.description;
    const H = decoder.hiddenSize;
    const feeds: Record<string, OnnxTensor> = { [io.h]: { data: h, dims: [B, H] } };
    if (decoder.input.kind === 'tokens') feeds[io.token] = int64Tensor(input, [B]);
    else feeds[io.previous] = { data: input instanceof Float32Array ? input : Float32Array.from(input), dims: [B, decoder.input.features] };
    if (this.lstm) feeds[io.c] = { data: c ?? new Float32Array(B * H), dims: [B, H] };
    const out = await this.decoderStep.run(feeds);
    return {
      out: float(out, this.tokens ? io.logits : io.values),
      probs: this.tokens ? float(out, io.probs) : null,
      h: float(out, io.hNext),
      c: this.lstm ? float(out, io.cNext) : null,
    };
  }

  /** The ONNX side of a parity case: the condition, then `inputs` one step at a time, carrying its own state. */
  async trace(condition: Condition, B: number, inputs: ConditionedInputs): Promise<ConditionedTrace> {
    const { h0, c0 } = await this.initialState(condition, B);
    const width = inputs.kind === 'tokens' ? B : B * inputs.features;
    const all = inputs.kind === 'tokens' ? inputs.ids : inputs.x;
    const T = all.length / width;
    let h = h0, c = c0;
    const steps: ConditionedStepOutputs[] = [];
    for (let t = 0; t < T; t++) {
      const out = await this.step(all.subarray(t * width, (t + 1) * width), h, c, B);
      steps.push(out);
      h = out.h;
      c = out.c;
    }
    return { h0, c0, inputs, steps };
  }

  async close(): Promise<void> {
    await this.conditionGraph.close();
    await this.decoderStep.close();
  }
}

function float(outputs: Record<string, OnnxTensor>, name: string): Float32Array {
  const t = outputs[name];
  if (t === undefined || !(t.data instanceof Float32Array)) throw new Error(`OnnxConditioned: the graph has no float output "${name}"`);
  return t.data;
}
