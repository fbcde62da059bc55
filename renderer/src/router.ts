// Every place in the app has an address (hash history, so it works from file:// in Electron and from `serve`):
// reload keeps the place, back and forward move between places, and a thing can be linked: an experiment
// (#/experiments/3), a run (#/runs/12), a sweep (#/sweeps/4), an export (#/models/exports/7), a study (#/studies/2).
// The view of each opens the thing its address names and changes the address when a person opens another.
// Each route names the section of the navigation it belongs to (meta.section).
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import ExperimentsView from './views/ExperimentsView.vue';
import CompareView from './views/CompareView.vue';
import ModelsView from './views/ModelsView.vue';
import DataView from './views/DataView.vue';
import SettingsView from './views/SettingsView.vue';
import TeachingPlaygroundView from './views/TeachingPlaygroundView.vue';
import StudiesView from './views/StudiesView.vue';
import ExplorerView from './views/ExplorerView.vue';
import type { SectionId } from './composables/use-navigation';

declare module 'vue-router' {
  interface RouteMeta {
    /** The navigation entry shown as current while this route is open. */
    section: SectionId;
  }
}

/** A numeric id in a path (runs, sweeps, studies, exports): anything else does not match and falls to the catch-all. */
const ID = '(\\d+)';

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/experiments' },
  { path: '/experiments', name: 'experiments', component: ExperimentsView, meta: { section: 'experiments' } },
  { path: `/experiments/:experimentId${ID}`, name: 'experiment', component: ExperimentsView, meta: { section: 'experiments' } },
  { path: `/runs/:runId${ID}`, name: 'run', component: ExperimentsView, meta: { section: 'experiments' } },
  { path: `/runs/:runId${ID}/explore`, name: 'explore', component: ExplorerView, meta: { section: 'experiments' } },
  { path: `/sweeps/:sweepId${ID}`, name: 'sweep', component: ExperimentsView, meta: { section: 'experiments' } },
  { path: '/compare', name: 'compare', component: CompareView, meta: { section: 'compare' } },
  { path: '/studies', name: 'studies', component: StudiesView, meta: { section: 'studies' } },
  { path: `/studies/:studyId${ID}`, name: 'study', component: StudiesView, meta: { section: 'studies' } },
  { path: '/models', name: 'models', component: ModelsView, meta: { section: 'models' } },
  { path: `/models/exports/:exportId${ID}`, name: 'export', component: ModelsView, meta: { section: 'models' } },
  { path: '/data', name: 'data', component: DataView, meta: { section: 'data' } },
  { path: '/playground', name: 'playground', component: TeachingPlaygroundView, meta: { section: 'playground' } },
  { path: '/settings', name: 'settings', component: SettingsView, meta: { section: 'settings' } },
  // An address that names nothing (an old link, a typo) opens the experiments rather than an empty page.
  { path: '/:unknown(.*)*', redirect: '/experiments' },
];

/**
 * Created only after the connection has read the server's token from the address (api/client.ts): hash history
 * rewrites the fragment as soon as it exists, and `#token=…` would become a route.
 */
export function createAppRouter() {
  return createRouter({ history: createWebHashHistory(), routes });
}

/** The numeric route parameter `name`, or null when absent. */
export function routeId(value: string | string[] | undefined): number | null {
  if (typeof value !== 'string' || !/^\d+$/.test(value)) return null;
  return Number(value);
}
