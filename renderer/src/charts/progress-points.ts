// Live points: the training series a run's progress events carry (loss, accuracy, learning rate, gradient norm),
// appended to the series already loaded, so a training run's curves grow without re-reading the store.
import type { ApiEvent } from '../../../core/common/api/contract';
import type { MetricSeries } from '../../../core/common/api/entities';
import { METRIC, type MetricSeriesName } from '../../../core/common/train/metric-names';

type Progress = ApiEvent<'run.progress'>;

/** The value of each training series in one progress event; undefined: the event says nothing of that series. */
function eventValues(event: Progress): [MetricSeriesName, number | null | undefined][] {
  return [
    // null loss / norm: a non-finite value (a diverged step), kept as a gap
    [METRIC.trainLoss, event.loss],
    // null accuracy: the task has none
    [METRIC.trainAccuracy, event.accuracy ?? undefined],
    [METRIC.learningRate, event.learningRate],
    [METRIC.gradNorm, event.gradNorm],
  ];
}

/**
 * `series` with each event's values appended at its step, in order; `receivedAt` (epoch ms) is the wall time of the
 * appended points, the moment the event arrived (the store's own time replaces it at the next load). A step at or
 * before a series' last one is skipped (events repeat nothing the store already gave). Only changed series are new
 * objects; the others keep their identity, so charts can send only what changed (and with nothing new, `series`
 * itself comes back).
 */
export function appendProgress(series: readonly MetricSeries[], events: readonly Progress[], receivedAt: number): readonly MetricSeries[] {
  const byName = new Map(series.map((s) => [s.name, s]));
  const changed = new Map<string, { steps: number[]; values: (number | null)[]; wallTimes: number[] | undefined }>();
  for (const event of events) {
    for (const [name, value] of eventValues(event)) {
      if (value === undefined) continue;
      let target = changed.get(name);
      if (!target) {
        const current = byName.get(name);
        target = {
          steps: [...(current?.steps ?? [])],
          values: [...(current?.values ?? [])],
          // a series without wall times gets none, so it is never half timed
          wallTimes: current && current.wallTimes === undefined && current.steps.length > 0 ? undefined : [...(current?.wallTimes ?? [])],
        };
      }
      if ((target.steps.at(-1) ?? -Infinity) >= event.step) continue;
      changed.set(name, target);
      target.steps.push(event.step);
      target.values.push(value);
      target.wallTimes?.push(receivedAt);
    }
  }
  if (changed.size === 0) return series;
  const next = series.map((s) => {
    const update = changed.get(s.name);
    return update ? toSeries(s.name, update) : s;
  });
  for (const [name, update] of changed) if (!byName.has(name)) next.push(toSeries(name, update));
  return next;
}

function toSeries(name: string, update: { steps: number[]; values: (number | null)[]; wallTimes: number[] | undefined }): MetricSeries {
  return update.wallTimes
    ? { name, steps: update.steps, values: update.values, wallTimes: update.wallTimes }
    : { name, steps: update.steps, values: update.values };
}
