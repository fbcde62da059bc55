// One-to-many models in the inference worker: an export's condition graph and decoder-step graph opened as
// a pair (each file checked against the hash recorded at export), kept open beside the other models, and
// unrolled from a condition — a class label, or a feature vector — for a number of steps
// (unrollWithOnnx), returning the values written at each step, or the tokens and their text.
// `describe` answers from the files' metadata.
//
// Shapes: T steps, B = 1, C condition classes or features, O values per step.

import type { ModelInfo, Unroll } from '../../../common/api/entities';
import { describeDatasetCodec } from '../../../common/data/import/dataset-codec';
import type { Condition } from '../../../common/data/batch';
import { Vocabulary } from '../../../common/data/vocabulary';
import type { DecodingStrategy } from '../../../common/generate/pick';
import { CONDITIONED_METADATA_KEY } from '../../../common/onnx/conditioned/conditioned-metadata';
import type { SeqlabMetadata } from '../../../common/onnx/seqlab-metadata';
import { Rng } from '../../../common/random/rng';
import { OnnxConditioned } from './conditioned-onnx';
import { MAX_OPEN_PAIRS, OpenPairs, openPairWithMetadata } from '../open-pairs';
import { unrollWithOnnx } from './conditioned-onnx-unroll';
import type { InferenceFacet, RequestType } from '../inference-facet';
import { provenanceInfo, symbolsOf } from '../inference-facet';
import type { InferenceOutcome, InferenceRequest, ModelRef } from '../inference-protocol';

export interface UnrollRequest {
  /** A class label, or the condition's feature values. */
  readonly condition: string | readonly number[];
  readonly length: number;
  /** Token decoders: 0 picks greedily, else samples (optionally among the top k). */
  readonly temperature: number;
  readonly topK?: number;
  readonly seed?: number;
}

interface LoadedPair {
  readonly pair: OnnxConditioned;
  readonly metadata: SeqlabMetadata;
  /** The tokens of a token decoder's output (null for values and classes). */
  readonly vocabulary: Vocabulary | null;
}

type Outcome<T> = InferenceOutcome<T>;
const fail = (code: Extract<Outcome<never>, { ok: false }>['code'], message: string): Outcome<never> => ({ ok: false, code, message });

export class ConditionedPairs implements InferenceFacet {
  readonly serves = ['unroll'] as const;
  readonly pairKey = CONDITIONED_METADATA_KEY;
  readonly otherKind = 'This model is not a one-to-many model; models.unroll needs the export of a conditioned decoder (e.g. trained on waveform-generation).';
  private readonly pairs = new OpenPairs<LoadedPair>('ConditionedPairs', MAX_OPEN_PAIRS);

  refuse(type: RequestType): string {
    return `This export is a one-to-many model; run it with models.unroll, not ${type}.`;
  }

  handle(request: InferenceRequest): Promise<Outcome<unknown>> {
    if (request.type === 'describe') return this.describe(request.model);
    if (request.type === 'unroll') return this.unroll(request.model, request);
    throw new Error(`ConditionedPairs.handle: ${request.type} is not a one-to-many request`);
  }

  async describe(ref: ModelRef): Promise<Outcome<ModelInfo>> {
    const opened = await this.open(ref);
    if (!opened.ok) return opened;
    const { pair, metadata } = opened.value;
    const d = pair.description;
    const { input, output } = metadata;
    return {
      ok: true,
      value: {
        ...provenanceInfo(ref, metadata),
        cell: d.decoder.cell,
        hiddenSize: d.decoder.hiddenSize,
        numLayers: 1,
        bidirectional: false,
        input: {
          kind: input.encoding.kind,
          tokenization: null,
          size: d.condition.kind === 'class' ? d.condition.classes : d.condition.features,
          symbols: symbolsOf(input.encoding).slice(0, 200),
        },
        output: {
          kind: output.encoding.kind,
          readout: 'every-step',
          values: output.values,
          size: d.output.size,
          symbols: symbolsOf(output.encoding).slice(0, 200),
        },
        canGenerate: false,
        canForecast: false,
        requests: [...this.serves],
        datasetCodec: metadata.datasetCodec === null ? null : describeDatasetCodec(metadata.datasetCodec),
      },
    };
  }

  async unroll(ref: ModelRef, request: UnrollRequest): Promise<Outcome<Unroll>> {
    const opened = await this.open(ref);
    if (!opened.ok) return opened;
    const { pair, metadata, vocabulary } = opened.value;
    const read = readCondition(pair, metadata, request.condition);
    if (!read.ok) return read;
    const { condition, shown } = read.value;
    const d = pair.description;
    const strategy: DecodingStrategy =
      request.temperature === 0
        ? { kind: 'greedy' }
        : { kind: 'sample', temperature: request.temperature, ...(request.topK === undefined ? {} : { topK: request.topK }) };
    const tokens =
      d.start.kind === 'token' ? { start: d.start.id, end: d.end, strategy, rng: new Rng(request.seed ?? Math.floor(Math.random() * 2 ** 32)) } : undefined;
    const unrolled = await unrollWithOnnx(pair, condition, 1, { length: request.length, ...(tokens ? { tokens } : {}) });
    if (unrolled.kind === 'values') {
      const O = unrolled.outputs;
      const names = metadata.output.encoding.kind === 'dense' ? metadata.output.encoding.names : Array.from({ length: O }, (_, o) => `y${o + 1}`);
      const values = Array.from({ length: unrolled.steps }, (_, t) => Array.from(unrolled.values.subarray(t * O, (t + 1) * O)));
      return { ok: true, value: { condition: shown, outputNames: names, values, tokens: null, text: null, finished: true } };
    }
    const ids = unrolled.tokens[0] ?? new Int32Array(0);
    const encoding = metadata.output.encoding;
    const labels = encoding.kind === 'classes' ? encoding.labels : [];
    const names = Array.from(ids, (id) => vocabulary?.token(id) ?? labels[id] ?? String(id));
    const separator = encoding.kind === 'tokens' && encoding.tokenization === 'characters' ? '' : ' ';
    const text = vocabulary !== null ? vocabulary.decodeText(ids, separator, { stopAtEos: true, skipSpecial: true }) : names.join(separator);
    return { ok: true, value: { condition: shown, outputNames: [], values: null, tokens: names, text, finished: unrolled.finished[0] ?? false } };
  }

  close(): Promise<void> {
    return this.pairs.close();
  }

  private open(ref: ModelRef): Promise<Outcome<LoadedPair>> {
    return this.pairs.get(ref, async (conditionBytes, stepBytes) => {
      const opened = await openPairWithMetadata(ref, conditionBytes, stepBytes, OnnxConditioned.open);
      if (!opened.ok) return opened;
      const output = opened.value.metadata.output.encoding;
      return { ok: true, value: { ...opened.value, vocabulary: output.kind === 'tokens' ? Vocabulary.fromJSON(output.vocabulary) : null } };
    });
  }
}

/** The condition of one stream from a label or feature values, checked against the model, and how to show it. */
function readCondition(
  pair: OnnxConditioned,
  metadata: SeqlabMetadata,
  given: string | readonly number[],
): Outcome<{ condition: Condition; shown: Unroll['condition'] }> {
  const d = pair.description.condition;
  const encoding = metadata.input.encoding;
  if (d.kind === 'class') {
    const labels = encoding.kind === 'classes' ? encoding.labels : Array.from({ length: d.classes }, (_, k) => String(k));
    const list = labels.map((l) => JSON.stringify(l)).join(', ');
    if (typeof given !== 'string') return fail('invalid-input', `This model is conditioned on a class: give one of its labels (${list}), not numbers.`);
    const id = labels.indexOf(given);
    if (id < 0) return fail('invalid-input', `${JSON.stringify(given)} is not a class of this model; its classes are ${list}.`);
    return { ok: true, value: { condition: { kind: 'class', classes: d.classes, ids: Int32Array.of(id) }, shown: { kind: 'class', label: given, id } } };
  }
  const names = encoding.kind === 'dense' ? ` (${encoding.names.join(', ')})` : '';
  if (typeof given === 'string' || given.length !== d.features) {
    return fail(
      'invalid-input',
      `This model is conditioned on ${d.features} feature value${d.features === 1 ? '' : 's'}${names}; give exactly that many numbers${typeof given === 'string' ? '' : `, not ${given.length}`}.`,
    );
  }
  return {
    ok: true,
    value: { condition: { kind: 'dense', features: d.features, values: Float32Array.from(given) }, shown: { kind: 'dense', values: [...given] } },
  };
}
