// Hash-based navigation between the app's sections (works for file:// in Electron and for `serve`).
import { computed, ref } from 'vue';

export const SECTIONS = [
  { id: 'experiments', label: 'Experiments' },
  { id: 'compare', label: 'Compare' },
  { id: 'studies', label: 'Studies' },
  { id: 'models', label: 'Models' },
  { id: 'data', label: 'Data' },
  { id: 'settings', label: 'Settings' },
] as const;
export type SectionId = (typeof SECTIONS)[number]['id'];

function sectionFromHash(): SectionId {
  const id = window.location.hash.replace(/^#\/?/, '');
  return SECTIONS.find((section) => section.id === id)?.id ?? 'experiments';
}

const current = ref<SectionId>(sectionFromHash());
window.addEventListener('hashchange', () => {
  current.value = sectionFromHash();
});

export function useNavigation() {
  return {
    sections: SECTIONS,
    current: computed(() => current.value),
    go(id: SectionId) {
      window.location.hash = `#/${id}`;
    },
  };
}
