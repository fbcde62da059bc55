// A run's curves and gradient norms, loaded from the backend and kept fresh while the run trains, without
// re-reading everything on a timer:
// - training series grow from the progress events (appendProgress), applied at most once per display frame;
// - validation series are re-read when an evaluation is due (every `evalEvery` steps), the heatmap when a gradient
//   sample is due (every `gradNormsEvery`), one read at a time;
// - everything is read again when the run changes state, and when events resume after a silence (the event stream
//   reconnected and may have missed points).
import { onBeforeUnmount, ref, shallowRef, watch, type Ref } from 'vue';
import type { GradientNorms, MetricSeries, RunDetail } from '../../../core/common/api/entities';
import type { ApiEvent } from '../../../core/common/api/contract';
import { isMetricSeriesName, METRIC_SERIES_NAMES, parseBaselineMetricName } from '../../../core/common/train/metric-names';
import { onApiEvent, runsApi } from '../api/api';
import { errorMessage } from '../stores/error-message';
import { coalescedRefresh } from '../stores/refresh-on-events';
import { appendProgress } from '../charts/progress-points';
import { useFrameBatch } from './use-frame-batch';

/** runs.metrics takes at most this many names per call. */
const NAMES_PER_CALL = 20;
/** Events resuming after this long without one (ms) may follow missed ones: the whole run is read again. */
const SILENCE_MS = 10_000;
/** Validation points are written with the next metric batch, a moment after the step: a due read is retried, not more often than this (ms). */
const RETRY_MS = 1000;

const VALIDATION_NAMES = METRIC_SERIES_NAMES.filter((name) => name.startsWith('val/'));

export function useRunMetrics(runId: Ref<number | null>) {
  const detail = ref<RunDetail | null>(null);
  const series = shallowRef<readonly MetricSeries[]>([]);
  const gradients = shallowRef<GradientNorms | null>(null);
  const error = ref<string | null>(null);
  let lastEventAt = 0;
  let nextEvalStep = Infinity;
  let nextGradientStep = Infinity;
  let lastDueReadAt = 0;
  /** The highest step a progress event has reported. */
  let latestStep = 0;

  function guarded(work: (id: number) => Promise<void>): () => Promise<void> {
    return coalescedRefresh(async () => {
      const id = runId.value;
      if (id === null) return;
      try {
        await work(id);
        error.value = null;
      } catch (caught) {
        if (runId.value === id) error.value = errorMessage(caught);
      }
    });
  }

  const load = guarded(async (id) => {
    const next = await runsApi.get(id);
    // What the charts draw: METRIC's series and the task's baselines (not per-length or per-time-step series).
    const names = next.metricNames.filter((name) => isMetricSeriesName(name) || parseBaselineMetricName(name) !== null);
    const reads: Promise<MetricSeries[]>[] = [];
    for (let i = 0; i < names.length; i += NAMES_PER_CALL) reads.push(runsApi.metrics(id, names.slice(i, i + NAMES_PER_CALL)));
    const [nextGradients, ...chunks] = await Promise.all([runsApi.gradientNorms(id), ...reads]);
    if (runId.value !== id) return;
    detail.value = next;
    series.value = chunks.flat();
    gradients.value = nextGradients;
    schedule(next.step);
  });

  const readValidation = guarded(async (id) => {
    const read = (await runsApi.metrics(id, [...VALIDATION_NAMES])).filter((s) => s.steps.length > 0);
    if (runId.value !== id) return;
    const byName = new Map(read.map((s) => [s.name, s]));
    const kept = series.value.map((s) => byName.get(s.name) ?? s);
    for (const s of read) if (!series.value.some((old) => old.name === s.name)) kept.push(s);
    series.value = kept;
    // The detail's step moves on with each evaluation, not each event (what shows it, attention, re-reads on it).
    if (detail.value && latestStep > detail.value.step) detail.value = { ...detail.value, step: latestStep };
    const last = Math.max(0, ...read.map((s) => s.steps.at(-1) ?? 0));
    if (last >= nextEvalStep) nextEvalStep = nextMultiple(last, detail.value?.spec.training.evalEvery ?? 0);
  });

  const readGradients = guarded(async (id) => {
    const next = await runsApi.gradientNorms(id);
    if (runId.value !== id) return;
    gradients.value = next;
    const last = next.sampledSteps.at(-1) ?? 0;
    if (last >= nextGradientStep) nextGradientStep = nextMultiple(last, detail.value?.spec.training.gradNormsEvery ?? 0);
  });

  /** The first evaluation and gradient sample after `step` (Infinity: never). */
  function schedule(step: number): void {
    const training = detail.value?.spec.training;
    nextEvalStep = nextMultiple(step, training?.evalEvery ?? 0);
    nextGradientStep = nextMultiple(step, training?.gradNormsEvery ?? 0);
  }

  const progressBatch = useFrameBatch<ApiEvent<'run.progress'>>((events) => {
    series.value = appendProgress(series.value, events, Date.now());
    const step = Math.max(...events.map((e) => e.step));
    latestStep = Math.max(latestStep, step);
    const now = Date.now();
    if ((step >= nextEvalStep || step >= nextGradientStep) && now - lastDueReadAt >= RETRY_MS) {
      lastDueReadAt = now;
      if (step >= nextEvalStep) void readValidation();
      if (step >= nextGradientStep) void readGradients();
    }
  });

  const unsubscribeProgress = onApiEvent('run.progress', (event) => {
    if (event.runId !== runId.value) return;
    const now = Date.now();
    const silent = lastEventAt > 0 && now - lastEventAt > SILENCE_MS;
    lastEventAt = now;
    if (silent) void load();
    else progressBatch.add(event);
  });
  // A state change (started, paused, ended) is rare and may come with points no event carried: read it all.
  const unsubscribeStatus = onApiEvent('run.status', (event) => {
    if (event.runId === runId.value) void load();
  });

  watch(
    runId,
    (id) => {
      detail.value = null;
      series.value = [];
      gradients.value = null;
      lastEventAt = 0;
      latestStep = 0;
      progressBatch.clear();
      if (id !== null) void load();
    },
    { immediate: true },
  );

  onBeforeUnmount(() => {
    unsubscribeProgress();
    unsubscribeStatus();
    progressBatch.clear();
  });

  return { detail, series, gradients, error };
}

/** The smallest multiple of `every` above `step`; Infinity when `every` is 0 (never). */
function nextMultiple(step: number, every: number): number {
  return every > 0 ? (Math.floor(step / every) + 1) * every : Infinity;
}
