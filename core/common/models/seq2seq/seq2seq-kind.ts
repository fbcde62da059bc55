// The encoder–decoder as a model kind (model-kind.ts): a recurrent encoder, a bridge to the decoder's
// initial state, and a decoder with or without attention, for seq2seq tasks; trained with teacher
// forcing (or scheduled sampling), evaluated also by free-running greedy decoding per source length.
import type { Seq2SeqBatch } from '../../data/batch';
import type { ModelKind } from '../model-kind';
import type { Seq2SeqModel } from './seq2seq-model';
import { decoderGradient } from '../decoder/decoder-gradient';
import { expectBatch, parameterCount } from '../model-kind';
import { buildSeq2SeqModel } from './build-seq2seq';
import { evaluateSeq2Seq } from './evaluate';

const accept = (batch: Parameters<typeof expectBatch>[0]): Seq2SeqBatch => expectBatch(batch, 'seq2seq', 'an encoder–decoder');

export const SEQ2SEQ_KIND: ModelKind<'seq2seq', Seq2SeqModel> = {
  kind: 'seq2seq',
  description: 'an encoder–decoder: a recurrent encoder reads the source, a decoder (with or without attention) writes the target token by token',

  build: (spec, task, rng, options = {}) => buildSeq2SeqModel(task, spec, rng, options),

  gradient: (model, training) => decoderGradient(model, training, accept),

  /** Teacher-forced loss and token accuracy, exact-sequence accuracy of greedy decoding, each also per source length. */
  evaluate(model, _task, batches) {
    const r = evaluateSeq2Seq(model, batches.map(accept));
    return {
      loss: r.loss,
      accuracy: r.tokenAccuracy,
      sequenceAccuracy: r.sequenceAccuracy,
      legalNextAccuracy: null,
      weight: r.sequences,
      perplexity: null,
      bitsPerChar: null,
      byLength: r.byLength,
    };
  },

  describe(model) {
    const { encoder: e, decoder: d, attention } = model.config;
    const encoder = `${e.cell} ${e.numLayers ?? 1}×${e.hiddenSize}${e.bidirectional === true ? ' bidirectional' : ''}`;
    const decoder = `${d.cell} ${d.hiddenSize}${attention ? ` with attention ${attention.size}` : ''}`;
    return `encoder–decoder: ${encoder} encoder, ${decoder} decoder → ${model.config.targetVocab} tokens, ${parameterCount(model.params)}`;
  },
};
