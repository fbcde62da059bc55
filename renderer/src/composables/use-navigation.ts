// The app's sections (the left navigation) over the router: which one is current, and going to one.
import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';

export const SECTIONS = [
  { id: 'experiments', label: 'Experiments' },
  { id: 'compare', label: 'Compare' },
  { id: 'studies', label: 'Studies' },
  { id: 'models', label: 'Models' },
  { id: 'data', label: 'Data' },
  { id: 'playground', label: 'Playground' },
  { id: 'settings', label: 'Settings' },
] as const;
export type SectionId = (typeof SECTIONS)[number]['id'];

/** For a component's setup (it reads the app's router). */
export function useNavigation() {
  const route = useRoute();
  const router = useRouter();
  return {
    sections: SECTIONS,
    current: computed<SectionId | null>(() => route.meta.section ?? null),
    go(id: SectionId) {
      void router.push(`/${id}`);
    },
  };
}
