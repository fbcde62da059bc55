// The gate-layout view's state: which export's (or run's) layout is open, the layout the backend computed,
// and its loading state and error.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { GateLayoutInfo } from '../../../core/common/api/entities';
import { modelsApi } from '../api/api';
import { errorMessage } from './error-message';

export type GateLayoutTarget = { readonly exportId: number } | { readonly runId: number };

export const useGateLayoutStore = defineStore('gate-layout', () => {
  const target = ref<GateLayoutTarget | null>(null);
  const layout = shallowRef<GateLayoutInfo | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);

  /** Counts opens, so the answer to an earlier one never replaces a later one. */
  let opened = 0;

  async function open(next: GateLayoutTarget): Promise<void> {
    const ticket = ++opened;
    target.value = next;
    layout.value = null;
    error.value = null;
    loading.value = true;
    try {
      const answer = await modelsApi.gateLayout(next);
      if (ticket === opened) layout.value = answer;
    } catch (caught) {
      if (ticket === opened) error.value = errorMessage(caught);
    } finally {
      if (ticket === opened) loading.value = false;
    }
  }

  function close(): void {
    opened++;
    target.value = null;
    layout.value = null;
    error.value = null;
    loading.value = false;
  }

  /** Whether the layout of this export is the one open. */
  function isOpenFor(exportId: number): boolean {
    return target.value !== null && 'exportId' in target.value && target.value.exportId === exportId;
  }

  return { target, layout, loading, error, open, close, isOpenFor };
});
