// Text generation from an exported model with the recurrent state carried between calls: the graph's
// Y_h / Y_c after one call are the initial_h / initial_c of the next, so generating 2n tokens in two
// calls gives the same text as in one. A stream keeps that state, the last token picked (not yet fed)
// and the sampler's generator.
//
// Shapes: T prompt tokens, V vocabulary; y [T, 1, V] probabilities.

import type { Generation } from '../../common/api/entities';
import { EOS_ID } from '../../common/data/vocabulary';
import { checkStrategy, PickScratch, pickFromProbabilities, type DecodingStrategy } from '../../common/generate/pick';
import { Rng } from '../../common/random/rng';
import type { GenerateRequest, InferenceOutcome } from './inference-protocol';
import type { LoadedModel, StreamState } from './inference-model';
import { runSequence } from './inference-model';
import { encodeSymbols } from './inference-inputs';
import type { Vocabulary } from '../../common/data/vocabulary';

/** How many of the most likely tokens each generated token lists beside itself. */
const ALTERNATIVES = 5;

/** One generated token: its text, the model's probability of it in row probs[offset .. offset + V), and the most likely tokens there. */
function describePiece(vocabulary: Vocabulary, probs: Float32Array, offset: number, V: number, token: number): Generation['pieces'][number] {
  const ranked = Array.from({ length: V }, (_, v) => v).sort((a, b) => probs[offset + b]! - probs[offset + a]! || a - b);
  return {
    text: vocabulary.token(token),
    probability: probs[offset + token]!,
    alternatives: ranked.slice(0, ALTERNATIVES).map((v) => ({ text: vocabulary.token(v), probability: probs[offset + v]! })),
  };
}

interface GenerationStream {
  readonly model: LoadedModel;
  state: StreamState;
  /** The last token picked; the next call feeds it first. */
  pending: number;
  rng: Rng;
}

/** Streams kept at once; the oldest is dropped first (a dropped stream must be started again). */
const MAX_STREAMS = 64;

export class GenerationStreams {
  private readonly streams = new Map<string, GenerationStream>();
  private counter = 0;

  async generate(model: LoadedModel, request: GenerateRequest): Promise<InferenceOutcome<Generation>> {
    const vocabulary = model.outputVocabulary;
    if (vocabulary === null) throw new Error('GenerationStreams.generate: a token model without its vocabulary');
    const strategy: DecodingStrategy = { kind: 'sample', temperature: request.temperature, ...(request.topK !== undefined ? { topK: request.topK } : {}) };
    let stream: GenerationStream | undefined;
    if (request.stream !== undefined) {
      stream = this.streams.get(request.stream);
      if (!stream)
        return {
          ok: false,
          code: 'unknown-stream',
          message: `Stream "${request.stream}" is not open (it may have been closed to make room); start a new one without "stream".`,
        };
      if (stream.model !== model) return { ok: false, code: 'invalid-input', message: `Stream "${request.stream}" belongs to another model.` };
    }
    const prompt = encodeSymbols(model, { text: request.prompt });
    if (!prompt.ok) return prompt;
    const ids = stream ? [stream.pending, ...prompt.value.ids] : prompt.value.ids;
    if (ids.length === 0) {
      // SeqLab's language models learn from windows of text, never from a start token: with nothing to read,
      // the first prediction would come from an input the model never learned
      const unit = model.metadata.input.encoding.kind === 'tokens' && model.metadata.input.encoding.tokenization === 'words' ? 'word' : 'character';
      return {
        ok: false,
        code: 'invalid-input',
        message: `Give a prompt of at least one ${unit} to continue: the model was trained on windows of text, with no start token to begin from nothing (or pass "stream" to continue an earlier call).`,
      };
    }
    const rng = request.seed !== undefined ? new Rng(request.seed) : (stream?.rng ?? new Rng(Math.floor(Math.random() * 2 ** 32)));
    try {
      checkStrategy('models.generate', strategy, rng);
    } catch (e) {
      return { ok: false, code: 'invalid-input', message: (e as Error).message };
    }

    const V = vocabulary.size;
    const scratch = new PickScratch(V);
    let run = await runSequence(model, { kind: 'tokens', ids }, stream?.state ?? null);
    let offset = run.y.length - V; // the last step's probabilities
    const picked: number[] = [];
    const pieces: Generation['pieces'] = [];
    for (;;) {
      const token = pickFromProbabilities(run.y, offset, V, strategy, rng, scratch);
      picked.push(token);
      pieces.push(describePiece(vocabulary, run.y, offset, V, token));
      if (token === EOS_ID || picked.length >= request.length) break;
      run = await runSequence(model, { kind: 'tokens', ids: [token] }, run.state);
      offset = 0;
    }

    const id = request.stream ?? `g${++this.counter}`;
    this.streams.delete(id);
    const pending = picked.at(-1);
    if (pending === undefined) throw new Error('generate: the loop picked no token'); // it picks at least one before it stops
    this.streams.set(id, { model, state: run.state, pending, rng });
    if (this.streams.size > MAX_STREAMS) {
      const oldest = this.streams.keys().next();
      if (!oldest.done) this.streams.delete(oldest.value);
    }
    const separator = model.metadata.output.encoding.kind === 'tokens' && model.metadata.output.encoding.tokenization === 'words' ? ' ' : '';
    const text = vocabulary.decodeText(picked, separator, { stopAtEos: true, skipSpecial: true });
    return {
      ok: true,
      value: {
        text: stream && separator !== '' && text !== '' ? separator + text : text,
        stream: id,
        tokens: picked.length,
        unknown: prompt.value.unknown,
        pieces,
      },
    };
  }

  /** Drops the streams of a model that is being closed. */
  forget(model: LoadedModel): void {
    for (const [id, stream] of this.streams) if (stream.model === model) this.streams.delete(id);
  }
}
