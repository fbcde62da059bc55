// Chart text and grid colours read from the active theme's CSS variables, updated when the theme changes.
import { computed } from 'vue';
import { useSettingsStore } from '../stores/settings-store';

export function useChartColors() {
  const settings = useSettingsStore();
  return computed(() => {
    void settings.theme; // re-read after a theme switch
    const style = getComputedStyle(document.documentElement);
    return { text: style.getPropertyValue('--muted').trim() || '#888', grid: style.getPropertyValue('--border').trim() || '#ddd' };
  });
}
