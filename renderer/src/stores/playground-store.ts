// The playground: one exported ONNX model opened in the inference worker, its description, and the
// text generated so far ("Continue" carries the recurrent state on from where the text ended) or, for an
// encoder–decoder, its last translation with the attention map, or for a one-to-many model the sequence it
// last generated from a condition.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { ModelInfo, Translation, Unroll } from '../../../core/common/api/entities';
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

export const usePlaygroundStore = defineStore('playground', () => {
  const exportId = ref<number | null>(null);
  const info = ref<ModelInfo | null>(null);
  const loading = ref(false);
  const generating = ref(false);
  const error = ref<string | null>(null);
  /** Prompt and generated text so far, in order. */
  const transcript = ref<{ kind: 'prompt' | 'generated'; text: string }[]>([]);
  const stream = ref<string | null>(null);
  /** An encoder–decoder's last translation, its attention [T][S] included; replaced, not mutated. */
  const translation = shallowRef<Translation | null>(null);
  const translating = ref(false);
  const translateError = ref<string | null>(null);
  /** A one-to-many model's last generated sequence; replaced, not mutated. */
  const unrolled = shallowRef<Unroll | null>(null);
  const unrolling = ref(false);
  const unrollError = ref<string | null>(null);
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
      transcript.value = [...before, ...(options.prompt ? [{ kind: 'prompt' as const, text: options.prompt }] : []), { kind: 'generated', text: result.text }];
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
    open,
    close,
    generate,
    translate,
    unroll,
  };
});
