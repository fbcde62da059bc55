// The messages between the inference client (main thread) and the inference worker: requests tagged
// with an id, one reply per id. Models are named by their file (and the hash recorded at export).

import type { Forecast, Generation, ModelInfo, PlaygroundExample, Prediction, Translation, Unroll } from '../../common/api/entities';
import type { TranslateRequest } from './seq2seq/inference-translate';
import type { UnrollRequest } from './conditioned/inference-unroll';

export interface ModelRef {
  /** The store's export id, or null for a file opened by path (e.g. `seqlab infer model.onnx`). */
  readonly exportId: number | null;
  readonly path: string;
  /** The SHA-256 recorded at export: a file changed since is refused. */
  readonly sha256?: string;
  /** The decoder-step graph of an encoder–decoder or a one-to-many model (`path` is then its encoder or condition graph), with its recorded hash. */
  readonly decoderStep?: { readonly path: string; readonly sha256?: string };
}

export type PredictInput = { readonly text: string } | { readonly tokens: readonly string[] } | { readonly values: readonly (readonly number[])[] };

export interface GenerateRequest {
  readonly prompt: string;
  readonly length: number;
  readonly temperature: number;
  readonly topK?: number;
  readonly seed?: number;
  /** Continue the stream an earlier call returned. */
  readonly stream?: string;
}

export type InferenceRequest =
  | { readonly type: 'describe'; readonly model: ModelRef }
  | { readonly type: 'predict'; readonly model: ModelRef; readonly input: PredictInput }
  | { readonly type: 'forecast'; readonly model: ModelRef; readonly values: readonly (readonly number[])[]; readonly steps: number }
  | { readonly type: 'example'; readonly model: ModelRef; readonly index: number; readonly steps: number }
  | ({ readonly type: 'generate'; readonly model: ModelRef } & GenerateRequest)
  | ({ readonly type: 'translate'; readonly model: ModelRef } & TranslateRequest)
  | ({ readonly type: 'unroll'; readonly model: ModelRef } & UnrollRequest);

/** What each request type answers with. */
export interface InferenceValues {
  describe: ModelInfo;
  predict: Prediction;
  forecast: Forecast;
  example: PlaygroundExample;
  generate: Generation;
  translate: Translation;
  unroll: Unroll;
}

/** Expected failures: a file that is gone or changed, a model that cannot do what was asked, bad input. */
export type InferenceFailureCode = 'model-unreadable' | 'model-changed' | 'not-seqlab' | 'unsupported' | 'invalid-input' | 'unknown-stream';

export type InferenceOutcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: InferenceFailureCode; readonly message: string };

export type MainToInference = { readonly id: number; readonly request: InferenceRequest };
/** `failure` carries a bug's message (the worker stays up); the client turns it into a rejection. */
export type InferenceToMain = { readonly id: number; readonly outcome: InferenceOutcome<unknown> } | { readonly id: number; readonly failure: string };
