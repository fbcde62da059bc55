// Encoder–decoders in the inference worker: an export's two graphs opened as a pair (each file checked
// against the hash recorded at export), kept open beside the single-graph models, and run on a source
// string — encode it as the run's task or dataset did, generate (generateWithOnnx), decode the target —
// returning the attention rows of every written token. `describe` answers from the files' metadata.
//
// Shapes: S source tokens, T generated tokens; attention [T, S].

import type { ModelInfo, Translation, UnknownTokens } from '../../../common/api/entities';
import type { DatasetCodec } from '../../../common/data/import/dataset-codec';
import { datasetCodec } from '../../../common/data/import/dataset-codec';
import { BOS_ID, EOS_ID, Vocabulary } from '../../../common/data/vocabulary';
import { SEQ2SEQ_METADATA_KEY } from '../../../common/onnx/seq2seq/seq2seq-metadata';
import type { SeqlabMetadata } from '../../../common/onnx/seqlab-metadata';
import type { Hypothesis } from '../../../common/generate/beam-search';
import type { Seq2SeqParitySource } from '../../../common/onnx/seq2seq/seq2seq-parity';
import { Rng } from '../../../common/random/rng';
import type { InferenceFacet, RequestType } from '../inference-facet';
import { provenanceInfo } from '../inference-facet';
import type { InferenceOutcome, InferenceRequest, ModelRef } from '../inference-protocol';
import { MAX_OPEN_PAIRS, OpenPairs, openPairWithMetadata } from '../open-pairs';
import { OnnxSeq2Seq } from './seq2seq-onnx';
import { attentionOf, beamSearchWithOnnx, generateWithOnnx } from './seq2seq-onnx-generate';
import { codecTokens, unknownTokens } from '../inference-inputs';

export interface TranslateRequest {
  readonly source: string;
  readonly maxLength: number;
  readonly temperature: number;
  readonly topK?: number;
  readonly seed?: number;
  /** Beam search with this many hypotheses (temperature 0, no topK or seed) instead of greedy / sampled decoding. */
  readonly beam?: number;
}

interface LoadedPair {
  readonly pair: OnnxSeq2Seq;
  readonly metadata: SeqlabMetadata;
  readonly sourceVocabulary: Vocabulary | null;
  readonly targetVocabulary: Vocabulary;
  readonly codec: DatasetCodec | null;
}

type Outcome<T> = InferenceOutcome<T>;
const fail = (code: Extract<Outcome<never>, { ok: false }>['code'], message: string): Outcome<never> => ({ ok: false, code, message });

export class Seq2SeqPairs implements InferenceFacet {
  readonly serves = ['translate'] as const;
  readonly pairKey = SEQ2SEQ_METADATA_KEY;
  readonly otherKind = 'This model is not an encoder–decoder; models.translate needs a seq2seq export.';
  private readonly pairs = new OpenPairs<LoadedPair>('Seq2SeqPairs', MAX_OPEN_PAIRS);

  refuse(type: RequestType): string {
    return `This export is an encoder–decoder; run it with models.translate, not ${type}.`;
  }

  handle(request: InferenceRequest): Promise<Outcome<unknown>> {
    if (request.type === 'describe') return this.describe(request.model);
    if (request.type === 'translate') return this.translate(request.model, request);
    throw new Error(`Seq2SeqPairs.handle: ${request.type} is not an encoder–decoder request`);
  }

  async describe(ref: ModelRef): Promise<Outcome<ModelInfo>> {
    const opened = await this.open(ref);
    if (!opened.ok) return opened;
    const { pair, metadata, sourceVocabulary, targetVocabulary } = opened.value;
    const d = pair.description;
    const symbols = (v: Vocabulary | null): string[] => (v === null ? [] : v.ordinaryTokens.slice(0, 200));
    return {
      ok: true,
      value: {
        ...provenanceInfo(ref, metadata),
        cell: d.encoder.cell,
        hiddenSize: d.encoder.hiddenSize,
        numLayers: d.encoder.numLayers,
        bidirectional: d.encoder.bidirectional,
        input: {
          kind: d.source.kind === 'tokens' ? 'tokens' : 'dense',
          tokenization: metadata.input.encoding.kind === 'tokens' ? metadata.input.encoding.tokenization : null,
          size: d.source.kind === 'tokens' ? d.source.vocabSize : d.source.features,
          symbols: symbols(sourceVocabulary),
        },
        output: { kind: 'tokens', readout: 'every-step', values: 'probabilities', size: d.targetVocab, symbols: symbols(targetVocabulary) },
        canGenerate: false,
        canForecast: false,
        requests: [...this.serves],
        datasetCodec: null,
      },
    };
  }

  async translate(ref: ModelRef, request: TranslateRequest): Promise<Outcome<Translation>> {
    const opened = await this.open(ref);
    if (!opened.ok) return opened;
    const loaded = opened.value;
    const encoded = encodeSource(loaded, request.source);
    if (!encoded.ok) return encoded;
    const { ids, unknown } = encoded.value;
    if (ids.length === 0) return fail('invalid-input', 'The source has no tokens.');
    const S = ids.length;
    const source = { input: { kind: 'tokens' as const, ids: Int32Array.from(ids) }, S, B: 1, lengths: Int32Array.of(S) };
    const decoded = request.beam === undefined ? await sampleOrGreedy(loaded.pair, source, request) : await beam(loaded.pair, source, request, request.beam);
    if (!decoded.ok) return decoded;
    const { tokens, finished, rows, hypotheses } = decoded.value;
    const { sourceVocabulary, targetVocabulary, codec } = loaded;
    const textOf = (t: Int32Array): string =>
      codec?.kind === 'pairs' ? codec.decodeTarget(t) : targetVocabulary.decodeText(t, separatorOf(loaded), { stopAtEos: true, skipSpecial: true });
    const tokenNames = (t: Int32Array): string[] => Array.from(t, (id) => targetVocabulary.token(id));
    return {
      ok: true,
      value: {
        sourceTokens: ids.map((id) => sourceVocabulary?.token(id) ?? String(id)),
        tokens: tokenNames(tokens),
        text: textOf(tokens),
        finished,
        attention: rows === null ? null : Array.from({ length: tokens.length }, (_, t) => Array.from(rows.subarray(t * S, (t + 1) * S))),
        unknown,
        ...(hypotheses === null
          ? {}
          : {
              beams: hypotheses.map((h) => ({
                tokens: tokenNames(h.tokens),
                text: textOf(h.tokens),
                logProb: h.logProb,
                score: h.score,
                finished: h.finished,
              })),
            }),
      },
    };
  }

  close(): Promise<void> {
    return this.pairs.close();
  }

  private open(ref: ModelRef): Promise<Outcome<LoadedPair>> {
    return this.pairs.get(ref, async (encoderBytes, stepBytes) => {
      const writesTokens = (m: SeqlabMetadata): string | null =>
        m.output.encoding.kind === 'tokens' ? null : `${ref.path} does not write tokens; it is not a SeqLab encoder–decoder.`;
      const opened = await openPairWithMetadata(ref, encoderBytes, stepBytes, OnnxSeq2Seq.open, writesTokens);
      if (!opened.ok) return opened;
      const { pair, metadata } = opened.value;
      const { input, output } = metadata;
      if (output.encoding.kind !== 'tokens') throw new Error('Seq2SeqPairs.open: a pair that does not write tokens was opened');
      return {
        ok: true,
        value: {
          pair,
          metadata,
          sourceVocabulary: input.encoding.kind === 'tokens' ? Vocabulary.fromJSON(input.encoding.vocabulary) : null,
          targetVocabulary: Vocabulary.fromJSON(output.encoding.vocabulary),
          codec: metadata.datasetCodec === null ? null : datasetCodec(metadata.datasetCodec),
        },
      };
    });
  }
}

/** One source's output: its tokens, whether it ended with <eos>, its attention rows [n, S] (null without attention), and with beam search every hypothesis kept. */
interface Decoded {
  readonly tokens: Int32Array;
  readonly finished: boolean;
  readonly rows: Float32Array | null;
  readonly hypotheses: readonly Hypothesis[] | null;
}

/** Greedy (temperature 0) or sampled generation, as SeqLab's `generate`. */
async function sampleOrGreedy(pair: OnnxSeq2Seq, source: Seq2SeqParitySource, request: TranslateRequest): Promise<Outcome<Decoded>> {
  const strategy =
    request.temperature === 0
      ? ({ kind: 'greedy' } as const)
      : ({ kind: 'sample', temperature: request.temperature, ...(request.topK === undefined ? {} : { topK: request.topK }) } as const);
  const rng = new Rng(request.seed ?? Math.floor(Math.random() * 2 ** 32));
  const generated = await generateWithOnnx(pair, source, { start: BOS_ID, end: EOS_ID, maxLength: request.maxLength, strategy, rng });
  return {
    ok: true,
    value: {
      tokens: generated.tokens[0] ?? new Int32Array(0),
      finished: generated.finished[0] ?? false,
      rows: generated.attention?.[0] ?? null,
      hypotheses: null,
    },
  };
}

/** Beam search of width K, length-normalised (α = 1): the best hypothesis, and all K. It does not sample, so sampling options are refused. */
async function beam(pair: OnnxSeq2Seq, source: Seq2SeqParitySource, request: TranslateRequest, K: number): Promise<Outcome<Decoded>> {
  if (request.temperature !== 0 || request.topK !== undefined || request.seed !== undefined) {
    return fail(
      'invalid-input',
      `Beam search (beam ${K}) keeps the most likely translations; it does not sample. Give beam with temperature 0 and no topK or seed, or sample without beam.`,
    );
  }
  const hypotheses = (await beamSearchWithOnnx(pair, source, { beamWidth: K, start: BOS_ID, end: EOS_ID, maxLength: request.maxLength }))[0] ?? [];
  const best = hypotheses[0];
  if (best === undefined) throw new Error('beam: the search kept no hypothesis');
  return { ok: true, value: { tokens: best.tokens, finished: best.finished, rows: await attentionOf(pair, source, best.tokens, BOS_ID), hypotheses } };
}

/** Source ids of a text: the dataset's own tokenisation for a pairs dataset, else the task vocabulary's; and the tokens read as <unk>. */
function encodeSource(loaded: LoadedPair, text: string): Outcome<{ ids: number[]; unknown: UnknownTokens }> {
  const { codec, sourceVocabulary, metadata, pair } = loaded;
  const encoding = metadata.input.encoding;
  if (pair.description.source.kind !== 'tokens' || encoding.kind !== 'tokens' || sourceVocabulary === null) {
    return fail('unsupported', 'This encoder–decoder reads number features, not text; translating text needs token sources.');
  }
  const codecJson = metadata.datasetCodec;
  if (codec?.kind === 'pairs' && codecJson !== null) {
    const ids = Array.from(codec.encodeSource(text));
    return { ok: true, value: { ids, unknown: unknownTokens(codecTokens(codecJson, text), ids) } };
  }
  const tokens = encoding.tokenization === 'characters' ? Array.from(text) : text.split(/\s+/).filter((t) => t !== '');
  const ids = Array.from(sourceVocabulary.encode(tokens));
  return { ok: true, value: { ids, unknown: unknownTokens(tokens, ids) } };
}

function separatorOf(loaded: LoadedPair): string {
  const encoding = loaded.metadata.output.encoding;
  return encoding.kind === 'tokens' && encoding.tokenization === 'words' ? ' ' : '';
}
