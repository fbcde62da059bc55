// The playground: one exported ONNX model opened in the inference worker, its description, and the
// text generated so far ("Continue" carries the recurrent state on from where the text ended) or, for an
// encoder–decoder, its last translation with the attention map, or for a one-to-many model the sequence it
// last generated from a condition.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { Forecast, Generation, ModelInfo, PlaygroundExample, Prediction, Translation, Unroll } from '../../../core/common/api/entities';
import { describeUnknownTokens } from '../../../core/common/generate/unknown-tokens';
import { modelsApi } from '../api/api';
import type { DecodingOptions } from '../composables/decoding-options';
import type { UnrollOptions } from '../composables/format-unroll';
import { errorMessage } from './error-message';

export interface GenerateOptions {
  readonly prompt: string;
  readonly length: number;
  readonly temperature: number;
  readonly topK: number | null;
  readonly seed: number | null;
}

export type TranscriptPart = { kind: 'prompt'; text: string } | { kind: 'generated'; text: string; pieces: Generation['pieces'] };

export const usePlaygroundStore = defineStore('playground', () => {
  const exportId = ref<number | null>(null);
  const info = ref<ModelInfo | null>(null);
  const loading = ref(false);
  const generating = ref(false);
  const error = ref<string | null>(null);
  /** Prompt and generated text so far, in order; generated tokens keep their probabilities (hover). */
  const transcript = ref<TranscriptPart[]>([]);
  const stream = ref<string | null>(null);
  /** An encoder–decoder's last translation, its attention [T][S] included; replaced, not mutated. */
  const translation = shallowRef<Translation | null>(null);
  const translating = ref(false);
  const translateError = ref<string | null>(null);
  /** A one-to-many model's last generated sequence; replaced, not mutated. */
  const unrolled = shallowRef<Unroll | null>(null);
  const unrolling = ref(false);
  const unrollError = ref<string | null>(null);
  /** A sequence model's held-out example (its task's own), its last prediction and forecast; replaced, not mutated. */
  const example = shallowRef<PlaygroundExample | null>(null);
  /** Why no held-out example is offered (e.g. a model trained on an imported dataset); the person types the input. */
  const exampleError = ref<string | null>(null);
  const prediction = shallowRef<Prediction | null>(null);
  const forecast = shallowRef<Forecast | null>(null);
  /** The rows the last forecast continued, drawn before it. */
  const forecastWindow = shallowRef<number[][]>([]);
  const running = ref(false);
  const runError = ref<string | null>(null);
  /** What the last prompt held that the vocabulary lacks (read as <unk>), in words; null when nothing. A translation's result says it itself. */
  const inputWarning = ref<string | null>(null);

  function reset(): void {
    info.value = null;
    transcript.value = [];
    stream.value = null;
    error.value = null;
    translation.value = null;
    translateError.value = null;
    unrolled.value = null;
    unrollError.value = null;
    inputWarning.value = null;
    example.value = null;
    exampleError.value = null;
    prediction.value = null;
    forecast.value = null;
    forecastWindow.value = [];
    runError.value = null;
  }

  async function open(id: number): Promise<void> {
    exportId.value = id;
    reset();
    loading.value = true;
    try {
      const described = await modelsApi.describe(id);
      if (exportId.value === id) info.value = described;
    } catch (caught) {
      if (exportId.value === id) error.value = errorMessage(caught);
    } finally {
      loading.value = false;
    }
  }

  function close(): void {
    exportId.value = null;
    reset();
  }

  /** Starts afresh from the prompt, or (`continueText`) carries on from the end of the transcript. */
  async function generate(options: GenerateOptions, continueText: boolean): Promise<void> {
    const id = exportId.value;
    if (id === null || generating.value) return;
    generating.value = true;
    error.value = null;
    try {
      const carried = continueText ? stream.value : null;
      const result = await modelsApi.generate({
        exportId: id,
        prompt: options.prompt,
        length: options.length,
        temperature: options.temperature,
        ...(options.topK !== null ? { topK: options.topK } : {}),
        ...(options.seed !== null ? { seed: options.seed } : {}),
        ...(carried !== null ? { stream: carried } : {}),
      });
      if (exportId.value !== id) return;
      const before = carried !== null ? transcript.value : [];
      transcript.value = [
        ...before,
        ...(options.prompt ? [{ kind: 'prompt' as const, text: options.prompt }] : []),
        { kind: 'generated', text: result.text, pieces: result.pieces },
      ];
      stream.value = result.stream;
      inputWarning.value = describeUnknownTokens(result.unknown);
    } catch (caught) {
      error.value = errorMessage(caught);
    } finally {
      generating.value = false;
    }
  }

  /** Runs the open encoder–decoder on `source`; a refusal (e.g. not an encoder–decoder) lands in `translateError`. */
  async function translate(source: string, options: DecodingOptions): Promise<void> {
    const id = exportId.value;
    if (id === null || translating.value) return;
    translating.value = true;
    translateError.value = null;
    try {
      const result = await modelsApi.translate({
        exportId: id,
        source,
        maxLength: options.maxLength,
        temperature: options.temperature,
        ...(options.topK !== null ? { topK: options.topK } : {}),
        ...(options.seed !== null ? { seed: options.seed } : {}),
        ...(options.beam !== null ? { beam: options.beam } : {}),
      });
      if (exportId.value === id) translation.value = result;
    } catch (caught) {
      if (exportId.value === id) {
        translation.value = null;
        translateError.value = errorMessage(caught);
      }
    } finally {
      translating.value = false;
    }
  }

  /** Draws held-out example `index` of the model's task (a forecaster's truth `steps` past the window). */
  async function loadExample(index: number, steps: number): Promise<void> {
    const id = exportId.value;
    if (id === null) return;
    exampleError.value = null;
    try {
      const drawn = await modelsApi.example({ exportId: id, index, steps });
      if (exportId.value !== id) return;
      example.value = drawn;
      prediction.value = null;
      forecast.value = null;
    } catch (caught) {
      if (exportId.value === id) {
        example.value = null;
        exampleError.value = errorMessage(caught);
      }
    }
  }

  /** Runs a sequence model once on text or [T, I] values; a refusal lands in `runError`. */
  async function predict(input: { text: string } | { values: number[][] }): Promise<void> {
    await run(async (id) => {
      const result = await modelsApi.predict({ exportId: id, input });
      inputWarning.value = describeUnknownTokens(result.unknown);
      return () => {
        prediction.value = result;
        forecast.value = null;
      };
    });
  }

  /** Continues [T, I] values `steps` on, each prediction fed back. */
  async function forecastFrom(values: number[][], steps: number): Promise<void> {
    await run(async (id) => {
      const result = await modelsApi.forecast({ exportId: id, values, steps });
      return () => {
        forecast.value = result;
        forecastWindow.value = values;
        prediction.value = null;
      };
    });
  }

  /** One call of the open sequence model at a time; its result is kept only if the same model is still open. */
  async function run(call: (id: number) => Promise<() => void>): Promise<void> {
    const id = exportId.value;
    if (id === null || running.value) return;
    running.value = true;
    runError.value = null;
    try {
      const apply = await call(id);
      if (exportId.value === id) apply();
    } catch (caught) {
      if (exportId.value === id) runError.value = errorMessage(caught);
    } finally {
      running.value = false;
    }
  }

  /** Unrolls the open one-to-many model from a class label or feature values; a refusal lands in `unrollError`. */
  async function unroll(condition: string | number[], options: UnrollOptions): Promise<void> {
    const id = exportId.value;
    if (id === null || unrolling.value) return;
    unrolling.value = true;
    unrollError.value = null;
    try {
      const result = await modelsApi.unroll({
        exportId: id,
        condition,
        length: options.length,
        temperature: options.temperature,
        ...(options.topK !== null ? { topK: options.topK } : {}),
        ...(options.seed !== null ? { seed: options.seed } : {}),
      });
      if (exportId.value === id) unrolled.value = result;
    } catch (caught) {
      if (exportId.value === id) {
        unrolled.value = null;
        unrollError.value = errorMessage(caught);
      }
    } finally {
      unrolling.value = false;
    }
  }

  return {
    exportId,
    info,
    loading,
    generating,
    error,
    transcript,
    stream,
    translation,
    translating,
    translateError,
    unrolled,
    unrolling,
    unrollError,
    inputWarning,
    example,
    exampleError,
    prediction,
    forecast,
    forecastWindow,
    running,
    runError,
    loadExample,
    predict,
    forecastFrom,
    open,
    close,
    generate,
    translate,
    unroll,
  };
});
