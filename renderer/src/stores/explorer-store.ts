// The explorer's state for one run: the input (a validation example, typed text or values), the checkpoint,
// the layer and signal shown, the page of steps, the unit in the unit view, the ranked units of a pattern
// search and the saturation bars — each loaded from the backend (computed in a worker), never here.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { ApiRequest } from '../../../core/common/api/contract';
import type { ExplorerInput, ExplorerSaturation, ExplorerSearch, ExplorerTrace } from '../../../core/common/api/explorer-entities';
import { EXPLORER_LIMITS } from '../../../core/common/api/explorer-entities';
import { DEFAULT_CHECKPOINT_KIND, type CheckpointKind } from '../../../core/common/train/checkpoint-kinds';
import { explorerApi } from '../api/api';
import { errorMessage } from './error-message';

export type UnitPattern = ApiRequest<'explorer.search'>['pattern'];

/** Steps per heatmap page: the API's largest window. */
export const PAGE_STEPS = EXPLORER_LIMITS.maxWindow;

export const useExplorerStore = defineStore('explorer', () => {
  const runId = ref<number | null>(null);
  const checkpoint = ref<CheckpointKind>(DEFAULT_CHECKPOINT_KIND);
  const input = ref<ExplorerInput>({ kind: 'validation', index: 0 });
  const layer = ref(0);
  const signal = ref('h');
  const start = ref(0);
  const unit = ref(0);
  const trace = shallowRef<ExplorerTrace | null>(null);
  const search = shallowRef<ExplorerSearch | null>(null);
  const saturation = shallowRef<ExplorerSaturation | null>(null);
  const loading = ref(false);
  const searching = ref(false);
  const saturating = ref(false);
  const error = ref<string | null>(null);
  const searchError = ref<string | null>(null);
  const saturationError = ref<string | null>(null);

  /** Counts requests of each kind, so an earlier answer never replaces a later one. */
  let traced = 0;
  let searched = 0;
  let saturated = 0;

  function open(id: number): void {
    if (runId.value === id) return;
    runId.value = id;
    trace.value = search.value = saturation.value = null;
    error.value = searchError.value = saturationError.value = null;
    layer.value = start.value = unit.value = 0;
    signal.value = 'h';
  }

  /** Loads the page at `start` of the layer's signal, with the unit view's unit. */
  async function load(): Promise<void> {
    const id = runId.value;
    if (id === null) return;
    const ticket = ++traced;
    loading.value = true;
    error.value = null;
    try {
      const answer = await explorerApi.trace({
        runId: id,
        checkpoint: checkpoint.value,
        input: input.value,
        layer: layer.value,
        signal: signal.value,
        start: start.value,
        length: PAGE_STEPS,
        unit: unit.value,
      });
      if (ticket === traced) trace.value = answer;
    } catch (caught) {
      if (ticket === traced) {
        trace.value = null;
        error.value = errorMessage(caught);
      }
    } finally {
      if (ticket === traced) loading.value = false;
    }
  }

  /** A new input: back to its first page, then load. */
  function explore(next: ExplorerInput): Promise<void> {
    input.value = next;
    start.value = 0;
    search.value = null;
    return load();
  }

  /** Another layer or signal: its first page; a signal the new layer lacks falls back to h, a unit beyond it to 0. */
  function show(nextLayer: number, nextSignal: string): Promise<void> {
    const info = trace.value?.layers[nextLayer];
    layer.value = nextLayer;
    signal.value = info && !info.signals.includes(nextSignal) ? 'h' : nextSignal;
    if (info && unit.value >= info.hiddenSize) unit.value = 0;
    start.value = 0;
    return load();
  }

  function page(nextStart: number): Promise<void> {
    start.value = nextStart;
    return load();
  }

  function selectUnit(nextLayer: number, nextUnit: number): Promise<void> {
    unit.value = nextUnit;
    if (nextLayer !== layer.value) return show(nextLayer, signal.value);
    return load();
  }

  async function findUnits(pattern: UnitPattern): Promise<void> {
    const id = runId.value;
    if (id === null) return;
    const ticket = ++searched;
    searching.value = true;
    searchError.value = null;
    try {
      const answer = await explorerApi.search({ runId: id, checkpoint: checkpoint.value, input: input.value, signal: signal.value, pattern });
      if (ticket === searched) search.value = answer;
    } catch (caught) {
      if (ticket === searched) {
        search.value = null;
        searchError.value = errorMessage(caught);
      }
    } finally {
      if (ticket === searched) searching.value = false;
    }
  }

  async function loadSaturation(count: number): Promise<void> {
    const id = runId.value;
    if (id === null) return;
    const ticket = ++saturated;
    saturating.value = true;
    saturationError.value = null;
    try {
      const answer = await explorerApi.saturation({ runId: id, checkpoint: checkpoint.value, count });
      if (ticket === saturated) saturation.value = answer;
    } catch (caught) {
      if (ticket === saturated) {
        saturation.value = null;
        saturationError.value = errorMessage(caught);
      }
    } finally {
      if (ticket === saturated) saturating.value = false;
    }
  }

  return {
    runId,
    checkpoint,
    input,
    layer,
    signal,
    start,
    unit,
    trace,
    search,
    saturation,
    loading,
    searching,
    saturating,
    error,
    searchError,
    saturationError,
    open,
    load,
    explore,
    show,
    page,
    selectUnit,
    findUnits,
    loadSaturation,
  };
});
