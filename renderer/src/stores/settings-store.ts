// Per-machine preferences of the UI (theme), kept in localStorage; nothing here reaches the backend.
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';

export type ThemeChoice = 'system' | 'light' | 'dark';
const THEME_KEY = 'seqlab.theme';

export const useSettingsStore = defineStore('settings', () => {
  const stored = localStorage.getItem(THEME_KEY);
  const theme = ref<ThemeChoice>(stored === 'light' || stored === 'dark' ? stored : 'system');
  const media = window.matchMedia('(prefers-color-scheme: dark)');

  function apply(): void {
    const dark = theme.value === 'dark' || (theme.value === 'system' && media.matches);
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  }

  watch(theme, (value) => {
    localStorage.setItem(THEME_KEY, value);
    apply();
  });
  media.addEventListener('change', apply);
  apply();

  return { theme };
});
