// The playground: one exported ONNX model opened in the inference worker, its description, and the
// text generated so far. "Continue" carries the recurrent state on from where the text ended.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ModelInfo } from '../../../core/common/api/entities';
import { modelsApi } from '../api/api';
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

  async function open(id: number): Promise<void> {
    exportId.value = id;
    info.value = null;
    transcript.value = [];
    stream.value = null;
    error.value = null;
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
    info.value = null;
    transcript.value = [];
    stream.value = null;
    error.value = null;
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
    } catch (caught) {
      error.value = errorMessage(caught);
    } finally {
      generating.value = false;
    }
  }

  return { exportId, info, loading, generating, error, transcript, stream, open, close, generate };
});
