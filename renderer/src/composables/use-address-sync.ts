// One open thing (a run, an experiment, a sweep, an export, a study) kept in step with the address: the address opens
// it — on load, reload, back and forward — and opening another (or closing it) changes the address.
import { watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { routeId } from '../router';

export interface AddressSync {
  /** The route parameter that holds the id (`runId`, …). */
  readonly param: string;
  /** The route that names one (`run`), and where closing it goes (`experiments`). */
  readonly route: string;
  readonly closedRoute: string;
  /** The id open now, or null. */
  readonly current: () => number | null;
  /** Opens the thing the address names, or closes it (null). */
  readonly open: (id: number | null) => void;
}

export function useAddressSync(sync: AddressSync): void {
  const route = useRoute();
  const router = useRouter();
  const addressed = () => routeId(route.params[sync.param]);
  watch(
    addressed,
    (id) => {
      if (id !== sync.current()) sync.open(id);
    },
    { immediate: true },
  );
  watch(sync.current, (id) => {
    if (id === addressed()) return;
    void router.push(id === null ? { name: sync.closedRoute } : { name: sync.route, params: { [sync.param]: String(id) } });
  });
}
