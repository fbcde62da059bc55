// A run's curves and gradient norms, loaded from the backend and kept fresh while the run trains:
// the latest train loss is appended from live progress events, and the stored series are re-read
// every few seconds (downsampled by the backend), and once more when the run ends.
import { onBeforeUnmount, ref, shallowRef, watch, type Ref } from 'vue';
import type { GradientNorms, MetricSeries, RunDetail } from '../../../core/common/api/entities';
import { METRIC, parseGradNormName } from '../../../core/common/train/metric-names';
import { runsApi } from '../api/api';
import { useRunsStore } from '../stores/runs-store';
import { errorMessage } from '../stores/error-message';

const REFRESH_MS = 3000;

export function useRunMetrics(runId: Ref<number | null>) {
  const runs = useRunsStore();
  const detail = ref<RunDetail | null>(null);
  const series = shallowRef<MetricSeries[]>([]);
  const gradients = shallowRef<GradientNorms | null>(null);
  const error = ref<string | null>(null);
  let timer: ReturnType<typeof setInterval> | null = null;

  async function load(id: number): Promise<void> {
    try {
      const next = await runsApi.get(id);
      const names = next.metricNames.filter((name) => parseGradNormName(name) === null);
      const [nextSeries, nextGradients] = await Promise.all([names.length > 0 ? runsApi.metrics(id, names.slice(0, 20)) : [], runsApi.gradientNorms(id)]);
      if (runId.value !== id) return;
      detail.value = next;
      series.value = nextSeries;
      gradients.value = nextGradients;
      error.value = null;
    } catch (caught) {
      error.value = errorMessage(caught);
    }
  }

  watch(
    runId,
    (id) => {
      detail.value = null;
      series.value = [];
      gradients.value = null;
      if (id !== null) void load(id);
    },
    { immediate: true },
  );

  // Live: append each progress event's loss to the train-loss curve without rebuilding the others.
  watch(
    () => (runId.value === null ? undefined : runs.progress.get(runId.value)),
    (event) => {
      if (!event || event.loss === null) return;
      series.value = series.value.map((s) =>
        s.name === METRIC.trainLoss && (s.steps.at(-1) ?? 0) < event.step ? { ...s, steps: [...s.steps, event.step], values: [...s.values, event.loss] } : s,
      );
    },
  );

  // While training, re-read the stored series (validation points, downsampling); once more when it ends.
  watch(
    () => runs.selected?.status,
    (status, previous) => {
      if (timer) clearInterval(timer);
      timer = null;
      if (status === 'running' && runId.value !== null) timer = setInterval(() => runId.value !== null && void load(runId.value), REFRESH_MS);
      else if (previous === 'running' && runId.value !== null) void load(runId.value);
    },
    { immediate: true },
  );
  onBeforeUnmount(() => {
    if (timer) clearInterval(timer);
  });

  return { detail, series, gradients, error };
}
