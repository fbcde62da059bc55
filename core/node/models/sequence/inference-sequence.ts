// Sequence models (one graph: recurrent stack + dense head) in the inference worker: each export opened
// once (sessions cached by file and hash), and describe / predict / forecast / generate answered on it.
// Expected failures come back as outcomes with a code and a message; only bugs throw.
//
// Shapes: T steps, B = 1, I input features, O outputs.

import type { Forecast, ModelInfo, Prediction, UnknownTokens } from '../../../common/api/entities';
import { describeDatasetCodec } from '../../../common/data/import/dataset-codec';
import { argmaxRow } from '../../../common/generate/pick';
import type { InferenceFacet } from '../inference-facet';
import { provenanceInfo, symbolsOf } from '../inference-facet';
import { GenerationStreams } from '../inference-generate';
import { decodeValues, denseInput, encodeSymbols } from '../inference-inputs';
import type { LoadedModel } from '../inference-model';
import { openSeqlabModel, runSequence } from '../inference-model';
import { playgroundExample, truthOf } from './playground-example';
import type { InferenceOutcome, InferenceRequest, ModelRef, PredictInput } from '../inference-protocol';

type Outcome<T> = InferenceOutcome<T>;
const fail = (code: Extract<Outcome<never>, { ok: false }>['code'], message: string): Outcome<never> => ({ ok: false, code, message });

/** At most this many models stay open; the least recently used is closed first. */
const MAX_OPEN_MODELS = 8;

export class SequenceModels implements InferenceFacet {
  readonly serves = ['predict', 'forecast', 'generate', 'example'] as const;
  readonly pairKey = null;
  readonly otherKind = 'This model is a sequence model; models.predict, models.forecast and models.generate need a single-graph export.';
  private readonly models = new Map<string, LoadedModel>();
  private readonly streams = new GenerationStreams();

  async handle(request: InferenceRequest): Promise<Outcome<unknown>> {
    const opened = await this.open(request.model);
    if (!opened.ok) return opened;
    const model = opened.value;
    switch (request.type) {
      case 'describe':
        return { ok: true, value: describeModel(model, request.model.exportId) };
      case 'predict':
        return predict(model, request.input);
      case 'forecast':
        return forecast(model, request.values, request.steps);
      case 'example':
        return playgroundExample(model, request.index, request.steps);
      case 'generate':
        if (!describeModel(model, request.model.exportId).canGenerate) {
          return fail(
            'unsupported',
            'This model cannot generate text: generation needs token inputs and outputs, an output at every step and a unidirectional network.',
          );
        }
        return this.streams.generate(model, request);
      default:
        throw new Error(`SequenceModels.handle: ${request.type} is not a sequence-model request`);
    }
  }

  async close(): Promise<void> {
    for (const model of this.models.values()) await model.session.close();
    this.models.clear();
  }

  private async open(ref: ModelRef): Promise<Outcome<LoadedModel>> {
    const key = `${ref.path}#${ref.sha256 ?? ''}`;
    const cached = this.models.get(key);
    if (cached) {
      this.models.delete(key); // re-inserted below: Map order is recency
      this.models.set(key, cached);
      return { ok: true, value: cached };
    }
    const opened = await openSeqlabModel(ref.path, ref.sha256);
    if (!opened.ok) return opened;
    this.models.set(key, opened.model);
    if (this.models.size > MAX_OPEN_MODELS) {
      const [oldestKey, oldest] = this.models.entries().next().value as [string, LoadedModel];
      this.models.delete(oldestKey);
      this.streams.forget(oldest);
      await oldest.session.close();
    }
    return { ok: true, value: opened.model };
  }
}

export function describeModel(model: LoadedModel, exportId: number | null): ModelInfo {
  const { graph, metadata } = model;
  const { input, output } = metadata;
  const inputSize = graph.input.vocabSize ?? graph.input.features ?? 0;
  const everyStep = output.readout === 'every-step';
  const canGenerate =
    input.encoding.kind === 'tokens' && output.encoding.kind === 'tokens' && everyStep && !graph.bidirectional && inputSize === graph.outputSize;
  // a series forecast is fed back as input only where the input is the forecast column itself
  const codec = model.codec;
  const feedsBack = codec?.kind !== 'series' || (codec.inputs.length === 1 && codec.inputs[0] === codec.target);
  const canForecast =
    input.encoding.kind === 'dense' && output.encoding.kind === 'dense' && (everyStep ? inputSize === graph.outputSize : inputSize === 1) && feedsBack;
  return {
    ...provenanceInfo({ exportId, path: model.path }, metadata),
    cell: graph.cell,
    hiddenSize: graph.hiddenSize,
    numLayers: graph.numLayers,
    bidirectional: graph.bidirectional,
    input: {
      kind: input.encoding.kind,
      tokenization: input.encoding.kind === 'tokens' ? input.encoding.tokenization : null,
      size: inputSize,
      symbols: symbolsOf(input.encoding).slice(0, 200),
    },
    output: {
      kind: output.encoding.kind,
      readout: output.readout,
      values: output.values,
      size: graph.outputSize,
      symbols: symbolsOf(output.encoding).slice(0, 200),
    },
    canGenerate,
    canForecast,
    requests: ['predict', ...(canForecast ? (['forecast'] as const) : []), ...(canGenerate ? (['generate'] as const) : [])],
    datasetCodec: metadata.datasetCodec === null ? null : describeDatasetCodec(metadata.datasetCodec),
  };
}

/** The column names of y: every vocabulary id's token, the labels, or the feature names. */
function outputNames(model: LoadedModel): string[] {
  const encoding = model.metadata.output.encoding;
  if (model.outputVocabulary) return Array.from({ length: model.outputVocabulary.size }, (_, id) => model.outputVocabulary?.token(id) ?? '');
  return symbolsOf(encoding);
}

export async function predict(model: LoadedModel, input: PredictInput): Promise<Outcome<Prediction>> {
  let feed: Parameters<typeof runSequence>[1];
  let unknown: UnknownTokens = { count: 0, tokens: [] };
  if ('values' in input) {
    const x = denseInput(model, input.values);
    if (!x.ok) return x;
    feed = { kind: 'dense', x: x.value };
  } else {
    const encoded = encodeSymbols(model, input);
    if (!encoded.ok) return encoded;
    if (encoded.value.ids.length === 0) return fail('invalid-input', 'The input has no tokens.');
    feed = { kind: 'tokens', ids: encoded.value.ids };
    unknown = encoded.value.unknown;
  }
  const { y } = await runSequence(model, feed, null);
  const O = model.graph.outputSize;
  const names = outputNames(model);
  const rows: number[][] = [];
  for (let r = 0; r < y.length / O; r++) rows.push(decodeValues(model, y.subarray(r * O, (r + 1) * O)));
  const probabilities = model.metadata.output.values === 'probabilities';
  const predicted = probabilities ? rows.map((_, r) => names[argmaxRow(y, r, O)] ?? '') : null;
  const truth = 'values' in input ? truthOf(model, input.values) : null;
  return { ok: true, value: { readout: model.metadata.output.readout, outputNames: names, rows, predicted, unknown, truth } };
}

/**
 * Continues a series `steps` values on. Every-step models (I = O) are fed their last output as the
 * next input, with the state carried; window models (I = 1, O = horizon) slide their window over
 * their own predictions, O values per call. With a dataset codec, `values` and the forecast are in the
 * dataset's units; each prediction is scaled back, then encoded again as the next input.
 */
export async function forecast(model: LoadedModel, values: readonly (readonly number[])[], steps: number): Promise<Outcome<Forecast>> {
  const info = describeModel(model, null);
  if (!info.canForecast) {
    return fail(
      'unsupported',
      'This model cannot forecast: it needs dense inputs and outputs, and either an output at every step with as many outputs as inputs, or one input feature and a multi-step horizon.',
    );
  }
  const x = denseInput(model, values);
  if (!x.ok) return x;
  const I = info.input.size;
  const O = info.output.size;
  const out: number[][] = [];
  /** The next input of predictions in the dataset's units: [R, I] rows encoded as the graph reads them. */
  const asInput = (rows: number[][]): Float32Array => {
    const next = denseInput(model, rows);
    if (!next.ok) throw new Error(`forecast: a prediction does not fit the model's input (${next.message})`);
    return next.value;
  };
  if (info.output.readout === 'every-step') {
    let run = await runSequence(model, { kind: 'dense', x: x.value }, null);
    let last = decodeValues(model, run.y.subarray(run.y.length - O));
    out.push(last);
    while (out.length < steps) {
      run = await runSequence(model, { kind: 'dense', x: asInput([last]) }, run.state);
      last = decodeValues(model, run.y);
      out.push(last);
    }
  } else {
    // A window model starts every window from the zero state, as it was trained.
    let window = Array.from(x.value);
    while (out.length < steps) {
      const { y } = await runSequence(model, { kind: 'dense', x: Float32Array.from(window) }, null);
      const predicted = decodeValues(model, y.subarray(0, O));
      if (predicted.length !== O) throw new Error(`forecast: the model's codec decoded ${predicted.length} value(s) from its ${O} outputs`);
      for (let k = 0; k < O && out.length < steps; k++) out.push([predicted[k]!]);
      window = [...window, ...Array.from(asInput(predicted.map((v) => [v])))].slice(-window.length);
    }
  }
  return { ok: true, value: { featureNames: info.input.symbols.slice(0, I), values: out } };
}
