// The translation playground's decoding settings: the form as typed (a number field may be empty or out of
// range mid-edit) and the options models.translate takes, made valid by `decodingOptions`. Beam search is
// offered by the translation playground only (models.translate's `beam`).
import { DECODING_LIMITS } from '../../../core/common/api/contract';

export type DecodingMode = 'greedy' | 'sample' | 'beam';

/** A number field as `v-model.number` leaves it: a number, or the text when it is empty or not a number yet. */
export type NumberField = number | string | null;

export interface DecodingForm {
  readonly mode: DecodingMode;
  readonly maxLength: NumberField;
  readonly temperature: NumberField;
  readonly topK: NumberField;
  readonly seed: NumberField;
  readonly beam: NumberField;
}

/** What a translation is asked with: temperature 0 is greedy; null top-k keeps every token, a null seed is random; a beam width searches that many hypotheses (temperature 0), null does not. */
export interface DecodingOptions {
  readonly maxLength: number;
  readonly temperature: number;
  readonly topK: number | null;
  readonly seed: number | null;
  readonly beam: number | null;
}

/** The bounds models.translate enforces (contract.ts, DECODING_LIMITS). */
export const MAX_LENGTH_LIMIT = DECODING_LIMITS.length.max;
export const TEMPERATURE_LIMIT = DECODING_LIMITS.temperature.max;
export const BEAM_LIMITS = DECODING_LIMITS.beam;

const DEFAULT_MAX_LENGTH = 50;
const DEFAULT_TEMPERATURE = 1;
const DEFAULT_BEAM = 4;
export const DEFAULT_DECODING_FORM: DecodingForm = {
  mode: 'greedy',
  maxLength: DEFAULT_MAX_LENGTH,
  temperature: DEFAULT_TEMPERATURE,
  topK: null,
  seed: null,
  beam: DEFAULT_BEAM,
};

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const given = (value: NumberField): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * The options of a form: greedy ignores temperature, top-k, seed and beam width; beam search ignores the sampling
 * fields and clamps its width to DECODING_LIMITS.beam; sampling clamps the temperature to DECODING_LIMITS.temperature,
 * drops a top-k below 1 and a negative seed, and rounds the integers. Empty or unparsable fields take the defaults.
 */
export function decodingOptions(form: DecodingForm): DecodingOptions {
  const maxLength = given(form.maxLength) ? clamp(Math.round(form.maxLength), DECODING_LIMITS.length.min, MAX_LENGTH_LIMIT) : DEFAULT_MAX_LENGTH;
  if (form.mode === 'greedy') return { maxLength, temperature: 0, topK: null, seed: null, beam: null };
  if (form.mode === 'beam') {
    const beam = given(form.beam) ? clamp(Math.round(form.beam), BEAM_LIMITS.min, BEAM_LIMITS.max) : DEFAULT_BEAM;
    return { maxLength, temperature: 0, topK: null, seed: null, beam };
  }
  return {
    maxLength,
    temperature: given(form.temperature) ? clamp(form.temperature, DECODING_LIMITS.temperature.min, TEMPERATURE_LIMIT) : DEFAULT_TEMPERATURE,
    topK: given(form.topK) && form.topK >= 1 ? Math.round(form.topK) : null,
    seed: given(form.seed) && form.seed >= DECODING_LIMITS.seed.min ? Math.min(DECODING_LIMITS.seed.max, Math.round(form.seed)) : null,
    beam: null,
  };
}
