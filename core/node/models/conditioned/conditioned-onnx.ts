// An exported one-to-many model in onnxruntime-node: the condition graph and the decoder-step graph opened
// as a pair (their `seqlab.conditioned` descriptions must match, onnx-pair.ts) and driven by the stepping
// of core/common/onnx/conditioned/conditioned-driver.ts.
import { CONDITIONED_PAIR } from '../../../common/onnx/conditioned/conditioned-metadata';
import { ConditionedDriver } from '../../../common/onnx/conditioned/conditioned-driver';
import type { Closable, PairOpenFailure } from '../onnx-pair';
import { openDrivenPair } from '../onnx-pair';

export type OnnxConditioned = ConditionedDriver & Closable;
export type ConditionedOpenResult = { readonly ok: true; readonly pair: OnnxConditioned } | PairOpenFailure;

export const OnnxConditioned = {
  /** Opens both graphs from .onnx paths or bytes; a missing file or a mismatched pair is an expected failure. */
  open: (condition: string | Uint8Array, step: string | Uint8Array): Promise<ConditionedOpenResult> =>
    openDrivenPair([condition, step], CONDITIONED_PAIR, (p) => new ConditionedDriver(p.first, p.step, p.description)),
};
