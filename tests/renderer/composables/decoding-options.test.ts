// The translation playground's decoding form made into valid models.translate options.
import { describe, expect, it } from 'vitest';
import { DEFAULT_DECODING_FORM, decodingOptions, type DecodingForm } from '../../../renderer/src/composables/decoding-options';

const form = (fields: Partial<DecodingForm>): DecodingForm => ({ ...DEFAULT_DECODING_FORM, ...fields });

describe('decoding options', () => {
  it('decodes greedily by default, ignoring the sampling fields', () => {
    expect(decodingOptions(DEFAULT_DECODING_FORM)).toEqual({ maxLength: 50, temperature: 0, topK: null, seed: null });
    expect(decodingOptions(form({ mode: 'greedy', temperature: 2, topK: 3, seed: 7 }))).toEqual({ maxLength: 50, temperature: 0, topK: null, seed: null });
  });

  it('samples with the temperature, top-k and seed given', () => {
    expect(decodingOptions(form({ mode: 'sample', temperature: 0.7, topK: 3, seed: 42, maxLength: 12 }))).toEqual({ maxLength: 12, temperature: 0.7, topK: 3, seed: 42 });
  });

  it('keeps values within the contract: max length 1…10000, temperature 0…10, integers rounded', () => {
    expect(decodingOptions(form({ mode: 'sample', maxLength: 0, temperature: 50, topK: 2.6, seed: 3.2 }))).toEqual({ maxLength: 1, temperature: 10, topK: 3, seed: 3 });
    expect(decodingOptions(form({ mode: 'sample', maxLength: 99_999, temperature: -1, seed: 2 ** 40 }))).toEqual({ maxLength: 10_000, temperature: 0, topK: null, seed: 2 ** 32 - 1 });
  });

  it('reads empty or unfinished number fields (v-model.number leaves them as text) as the defaults', () => {
    expect(decodingOptions(form({ mode: 'sample', maxLength: '', temperature: '', topK: '', seed: '' }))).toEqual({ maxLength: 50, temperature: 1, topK: null, seed: null });
    expect(decodingOptions(form({ mode: 'sample', maxLength: null, temperature: Number.NaN, topK: 0, seed: -1 }))).toEqual({ maxLength: 50, temperature: 1, topK: null, seed: null });
  });
});
