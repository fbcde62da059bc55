// What the frame shows about the backend it talks to (version, database path, host).
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppInfo } from '../../../core/common/api/entities';
import { appApi } from '../api/api';
import { errorMessage } from './error-message';

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null);
  const error = ref<string | null>(null);

  async function load(): Promise<void> {
    try {
      info.value = await appApi.info();
    } catch (caught) {
      error.value = errorMessage(caught);
    }
  }

  return { info, error, load };
});
