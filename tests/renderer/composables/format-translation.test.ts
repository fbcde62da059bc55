// The translation playground's formatting: the encoder summary, the source vocabulary hint, whether an
// output finished, source tokens read as <unk>, and the size of the attention map.
import { describe, expect, it } from 'vitest';
import type { ModelInfo, Translation } from '../../../core/common/api/entities';
import { attentionMapSize, encoderSummary, translationStatus, unknownSourceNote, vocabularyHint } from '../../../renderer/src/composables/format-translation';

const info = (input: Partial<ModelInfo['input']> = {}, model: Partial<ModelInfo> = {}): ModelInfo => ({
  exportId: 1,
  runId: 1,
  seqlabVersion: '0.1.0',
  task: { id: 'reverse-string', shape: 'seq2seq' },
  cell: 'gru',
  hiddenSize: 12,
  numLayers: 1,
  bidirectional: false,
  input: { kind: 'tokens', tokenization: 'characters', size: 14, symbols: [...'abcdefghij'], ...input },
  output: { kind: 'tokens', readout: 'every-step', values: 'probabilities', size: 14, symbols: [...'abcdefghij'] },
  canGenerate: false,
  canForecast: false,
  requests: ['translate'],
  datasetCodec: null,
  ...model,
});

const translation = (fields: Partial<Translation>): Translation => ({
  sourceTokens: ['a', 'b'],
  tokens: ['b', 'a', '<eos>'],
  text: 'ba',
  finished: true,
  attention: null,
  unknown: { count: 0, tokens: [] },
  ...fields,
});

describe('translation formatting', () => {
  it('summarises the encoder', () => {
    expect(encoderSummary(info())).toBe('GRU encoder, 1 layer × 12 · task reverse-string');
    expect(encoderSummary(info({}, { cell: 'rnn_tanh', numLayers: 2, bidirectional: true, task: { id: 'sort-string', shape: 'seq2seq' } }))).toBe(
      'RNN (tanh) encoder, 2 layers × 12, bidirectional · task sort-string',
    );
  });

  it('lists the source vocabulary, the reserved tokens left out of the count, a space made visible', () => {
    expect(vocabularyHint(info())).toBe('Source vocabulary (10 characters): a b c d e f g h i j');
    expect(vocabularyHint(info({ size: 7, symbols: ['1', '+', ' '] }))).toBe('Source vocabulary (3 characters): 1 + ␣');
    expect(vocabularyHint(info({ tokenization: 'words', size: 504, symbols: ['the', 'cat'] }))).toBe(
      'Source vocabulary (500 words, the first 2 listed): the, cat',
    );
  });

  it('gives no hint for number-feature sources or an empty list', () => {
    expect(vocabularyHint(info({ kind: 'dense', tokenization: null, size: 3, symbols: ['x', 'y', 'z'] }))).toBeNull();
    expect(vocabularyHint(info({ symbols: [] }))).toBeNull();
  });

  it('says whether the decoder finished with <eos> or reached the maximum length', () => {
    expect(translationStatus(translation({}))).toBe('Finished: wrote <eos> after 2 tokens');
    expect(translationStatus(translation({ tokens: ['<eos>'], text: '' }))).toBe('Finished: wrote <eos> after 0 tokens');
    expect(translationStatus(translation({ tokens: ['a'], text: 'a', finished: false }))).toBe(
      'Not finished: reached the maximum length (1 token) before <eos>',
    );
  });

  it('notes and names source tokens read as <unk>', () => {
    expect(unknownSourceNote(translation({}))).toBeNull();
    expect(unknownSourceNote(translation({ sourceTokens: ['a', '<unk>'], unknown: { count: 1, tokens: ['z'] } }))).toBe(
      '1 input token is not in the model\'s vocabulary and was read as <unk>, which the model may never have seen in training: "z". The output is unlikely to mean much.',
    );
    expect(unknownSourceNote(translation({ sourceTokens: ['<unk>', '<unk>', 'c'], unknown: { count: 2, tokens: ['x'] } }))).toMatch(
      /^2 input tokens are not .*: "x"\./,
    );
  });

  it('sizes the attention map by its rows and columns, never below 240 × 160 px', () => {
    expect(attentionMapSize(1, 1)).toEqual({ width: '240px', height: '160px' });
    expect(attentionMapSize(6, 5)).toEqual({ width: '320px', height: '172px' });
    expect(attentionMapSize(20, 20)).toEqual({ width: '860px', height: '424px' });
  });
});
