// The desktop menu's actions, carried out by the page: each goes to the section it is about (Import Data… to Data,
// Export… to Models, New Experiment and Open Spec… to Experiments, where the New run form takes a spec), and Toggle
// Dark Mode flips the theme. Nothing happens in browser mode (there is no menu). For a component's setup.
import { onBeforeUnmount } from 'vue';
import type { MenuAction } from '../../../core/common/api/desktop-bridge';
import { desktopApi } from '../api/desktop-api';
import { useSettingsStore } from '../stores/settings-store';
import { useNavigation, type SectionId } from './use-navigation';

const SECTION_OF: Record<Exclude<MenuAction, 'toggle-dark-mode'>, SectionId> = {
  'new-experiment': 'experiments',
  'import-data': 'data',
  'open-spec': 'experiments',
  export: 'models',
};

export function useDesktopMenu(): void {
  if (!desktopApi.available()) return;
  const { go } = useNavigation();
  const settings = useSettingsStore();
  const unsubscribe = desktopApi.onMenu((action) => {
    if (action === 'toggle-dark-mode') {
      const dark = document.documentElement.dataset.theme === 'dark';
      settings.theme = dark ? 'light' : 'dark';
    } else go(SECTION_OF[action]);
  });
  onBeforeUnmount(unsubscribe);
}
