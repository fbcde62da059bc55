// The translation playground's decoding form made into valid models.translate options.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DECODING_LIMITS, apiCalls } from '../../../core/common/api/contract';
import {
  DEFAULT_DECODING_FORM,
  MAX_LENGTH_LIMIT,
  TEMPERATURE_LIMIT,
  decodingOptions,
  type DecodingForm,
} from '../../../renderer/src/composables/decoding-options';

const form = (fields: Partial<DecodingForm>): DecodingForm => ({ ...DEFAULT_DECODING_FORM, ...fields });

describe('decoding options', () => {
  it('decodes greedily by default, ignoring the sampling fields', () => {
    expect(decodingOptions(DEFAULT_DECODING_FORM)).toEqual({ maxLength: 50, temperature: 0, topK: null, seed: null, beam: null });
    expect(decodingOptions(form({ mode: 'greedy', temperature: 2, topK: 3, seed: 7 }))).toEqual({
      maxLength: 50,
      temperature: 0,
      topK: null,
      seed: null,
      beam: null,
    });
  });

  it('samples with the temperature, top-k and seed given', () => {
    expect(decodingOptions(form({ mode: 'sample', temperature: 0.7, topK: 3, seed: 42, maxLength: 12 }))).toEqual({
      maxLength: 12,
      temperature: 0.7,
      topK: 3,
      seed: 42,
      beam: null,
    });
  });

  it('keeps values within the contract: max length 1…10000, temperature 0…10, integers rounded', () => {
    expect(decodingOptions(form({ mode: 'sample', maxLength: 0, temperature: 50, topK: 2.6, seed: 3.2 }))).toEqual({
      maxLength: 1,
      temperature: 10,
      topK: 3,
      seed: 3,
      beam: null,
    });
    expect(decodingOptions(form({ mode: 'sample', maxLength: 99_999, temperature: -1, seed: 2 ** 40 }))).toEqual({
      maxLength: 10_000,
      temperature: 0,
      topK: null,
      seed: 2 ** 32 - 1,
      beam: null,
    });
  });

  it("searches with a beam width clamped to the contract's, ignoring the sampling fields; empty takes 4", () => {
    expect(decodingOptions(form({ mode: 'beam', beam: 3, temperature: 2, topK: 3, seed: 7, maxLength: 9 }))).toEqual({
      maxLength: 9,
      temperature: 0,
      topK: null,
      seed: null,
      beam: 3,
    });
    expect(decodingOptions(form({ mode: 'beam', beam: 0 })).beam).toBe(DECODING_LIMITS.beam.min);
    expect(decodingOptions(form({ mode: 'beam', beam: 99 })).beam).toBe(DECODING_LIMITS.beam.max);
    expect(decodingOptions(form({ mode: 'beam', beam: 2.6 })).beam).toBe(3);
    expect(decodingOptions(form({ mode: 'beam', beam: '' })).beam).toBe(4);
    const translate = (request: object) => apiCalls['models.translate'].request.safeParse({ exportId: 1, source: 'ab', ...request }).success;
    expect(translate({ beam: decodingOptions(form({ mode: 'beam', beam: 99 })).beam })).toBe(true);
    expect(translate({ beam: DECODING_LIMITS.beam.max + 1 })).toBe(false);
  });

  it('reads empty or unfinished number fields (v-model.number leaves them as text) as the defaults', () => {
    expect(decodingOptions(form({ mode: 'sample', maxLength: '', temperature: '', topK: '', seed: '' }))).toEqual({
      maxLength: 50,
      temperature: 1,
      topK: null,
      seed: null,
      beam: null,
    });
    expect(decodingOptions(form({ mode: 'sample', maxLength: null, temperature: Number.NaN, topK: 0, seed: -1 }))).toEqual({
      maxLength: 50,
      temperature: 1,
      topK: null,
      seed: null,
      beam: null,
    });
  });
});

describe('the playgrounds’ limits', () => {
  it('are the ones the contract enforces on models.generate / translate / unroll, not copies', () => {
    expect(MAX_LENGTH_LIMIT).toBe(DECODING_LIMITS.length.max);
    expect(TEMPERATURE_LIMIT).toBe(DECODING_LIMITS.temperature.max);
    const generate = (request: object) => apiCalls['models.generate'].request.safeParse({ exportId: 1, ...request }).success;
    expect(generate({ length: DECODING_LIMITS.length.max, temperature: DECODING_LIMITS.temperature.max, seed: DECODING_LIMITS.seed.max })).toBe(true);
    expect(generate({ length: DECODING_LIMITS.length.max + 1 })).toBe(false);
    expect(generate({ temperature: DECODING_LIMITS.temperature.max + 0.1 })).toBe(false);
    expect(generate({ seed: DECODING_LIMITS.seed.max + 1 })).toBe(false);
    const translate = (request: object) => apiCalls['models.translate'].request.safeParse({ exportId: 1, source: 'ab', ...request }).success;
    expect(translate({ maxLength: MAX_LENGTH_LIMIT })).toBe(true);
    expect(translate({ maxLength: MAX_LENGTH_LIMIT + 1 })).toBe(false);
    expect(decodingOptions(form({ maxLength: MAX_LENGTH_LIMIT + 1 })).maxLength).toBe(MAX_LENGTH_LIMIT);
  });

  it('are not written again in the playground components', () => {
    for (const file of ['TextPlayground.vue', 'UnrollPlayground.vue']) {
      const source = readFileSync(new URL(`../../../renderer/src/components/${file}`, import.meta.url), 'utf8');
      expect(source, file).not.toMatch(/\s(min|max)="\d/);
      expect(source, file).not.toMatch(/10_?000/);
    }
  });
});
