// What Compare shows of each chosen run — its resolved spec, one metric over steps, its results — loaded when the run
// is chosen or the metric changes, and kept live from the event stream the runs store follows (no periodic re-read):
// a training series the progress events carry (train loss, accuracy, learning rate, gradient norm) grows by each
// event's point; any other series (validation) is re-read for that run alone when its progress passes an
// evaluation step (spec.training.evalEvery) or its last step, and once more when it stops training.
import { ref, shallowRef, watch, type Ref } from 'vue';
import type { MetricSeries, RunDetail, RunResults } from '../../../core/common/api/entities';
import type { MetricSeriesName } from '../../../core/common/train/metric-names';
import { passedEvaluation } from '../../../core/common/runs/compare/evaluation-steps';
import { runsApi } from '../api/api';
import { appendProgress } from '../charts/progress-points';
import { coalescedRefresh } from '../stores/refresh-on-events';
import { errorMessage } from '../stores/error-message';
import { useRunsStore, type RunProgress } from '../stores/runs-store';

export interface ComparedRun {
  readonly runId: number;
  readonly detail: RunDetail;
  readonly series: MetricSeries;
  readonly results: RunResults;
  /**
   * Whether `series` is certainly every logged point: it came back with fewer points than asked for. A longer series
   * may be downsampled (min/max per bucket of its own steps), and two such runs cannot be aligned step by step.
   */
  readonly whole: boolean;
}

/**
 * Points asked per series: the API's largest, so a run of up to that many steps comes back whole (grouping aligns
 * runs by step, which a downsampled series would break; groupRuns refuses one that repeats a step).
 */
export const MAX_POINTS = 20_000;

export function useCompareRuns(chosen: Ref<readonly number[]>, metric: Ref<MetricSeriesName>) {
  const runs = useRunsStore();
  /** Loaded runs by id; replaced, never mutated, so views re-render. */
  const loaded = shallowRef<ReadonlyMap<number, ComparedRun>>(new Map());
  const error = ref<string | null>(null);
  /** One coalesced re-read per run: events in a burst start at most one more read after the one running. */
  const reloads = new Map<number, () => Promise<void>>();

  function put(run: ComparedRun): void {
    if (!chosen.value.includes(run.runId)) return; // unchosen while loading
    const next = new Map(loaded.value);
    next.set(run.runId, run);
    loaded.value = next;
  }

  async function load(runId: number): Promise<void> {
    const name = metric.value;
    try {
      const [detail, series, results] = await Promise.all([
        loaded.value.get(runId)?.detail ?? runsApi.get(runId),
        runsApi.metrics(runId, [name], MAX_POINTS),
        runsApi.results(runId),
      ]);
      if (metric.value !== name) return; // the metric changed meanwhile: that load is the one to keep
      const loadedSeries = series[0] ?? { name, steps: [], values: [] };
      put({ runId, detail, series: loadedSeries, results, whole: loadedSeries.steps.length < MAX_POINTS });
      error.value = null;
    } catch (caught) {
      error.value = `Run ${runId}: ${errorMessage(caught)}`;
    }
  }

  function reload(runId: number): Promise<void> {
    let refresh = reloads.get(runId);
    if (!refresh) {
      refresh = coalescedRefresh(() => load(runId));
      reloads.set(runId, refresh);
    }
    return refresh();
  }

  watch(
    chosen,
    (ids) => {
      const kept = new Map([...loaded.value].filter(([id]) => ids.includes(id)));
      if (kept.size !== loaded.value.size) loaded.value = kept;
      for (const id of ids) if (!kept.has(id)) void reload(id);
    },
    { immediate: true, deep: true },
  );
  watch(metric, () => {
    for (const id of chosen.value) void reload(id);
  });

  watch(
    () => runs.progress,
    (progress, previous) => {
      for (const id of chosen.value) {
        const event = progress.get(id);
        const before = previous?.get(id);
        if (event && event !== before) onProgress(id, event, before);
      }
    },
  );

  function onProgress(runId: number, event: RunProgress, before: RunProgress | undefined): void {
    const run = loaded.value.get(runId);
    if (!run) return;
    const [grown] = appendProgress([run.series], [event], Date.now()).filter((s) => s.name === metric.value);
    if (grown && grown !== run.series) return put({ ...run, series: grown });
    const seen = before?.step ?? run.series.steps.at(-1) ?? 0;
    if (passedEvaluation(seen, event.step, run.detail.spec.training.evalEvery, event.totalSteps)) void reload(runId);
  }

  // A run that stops training (completed, paused, diverged…) is read once more: its last evaluation and results.
  watch(
    () => chosen.value.map((id) => ({ id, status: runs.runs.find((r) => r.id === id)?.status ?? null })),
    (now, before) => {
      for (const { id, status } of now) if (before?.find((r) => r.id === id)?.status === 'running' && status !== 'running') void reload(id);
    },
  );

  return { loaded, error };
}
