// An exported one-to-many model in onnxruntime-node: the condition graph and the decoder-step graph opened
// as a pair (their `seqlab.conditioned` descriptions must match, onnx-pair.ts) and driven by the stepping
// of core/common/onnx/conditioned/conditioned-driver.ts.
import type { ConditionedGraphDescription } from '../../../common/onnx/conditioned/conditioned-metadata';
import { CONDITIONED_PAIR } from '../../../common/onnx/conditioned/conditioned-metadata';
import { ConditionedDriver } from '../../../common/onnx/conditioned/conditioned-driver';
import type { OpenGraphPair, PairOpenFailure } from '../onnx-pair';
import { closeGraphPair, openGraphPair } from '../onnx-pair';

export type ConditionedOpenResult = { readonly ok: true; readonly pair: OnnxConditioned } | PairOpenFailure;

export class OnnxConditioned extends ConditionedDriver {
  private constructor(private readonly sessions: OpenGraphPair<ConditionedGraphDescription>) {
    super(sessions.first, sessions.step, sessions.description);
  }

  /** Opens both graphs from .onnx paths or bytes; a missing file or a mismatched pair is an expected failure. */
  static async open(condition: string | Uint8Array, step: string | Uint8Array): Promise<ConditionedOpenResult> {
    const opened = await openGraphPair([condition, step], CONDITIONED_PAIR);
    return opened.ok ? { ok: true, pair: new OnnxConditioned(opened.pair) } : opened;
  }

  close(): Promise<void> {
    return closeGraphPair(this.sessions);
  }
}
