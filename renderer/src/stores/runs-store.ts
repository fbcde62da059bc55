// Every run with its latest live progress, kept current from the backend's pushed status and progress
// events; and the commands a person gives a run (create, pause, resume, stop, delete).
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { ApiEvent } from '../../../core/common/api/contract';
import type { RunSummary, SpecCheck } from '../../../core/common/api/entities';
import { onApiEvent, runsApi } from '../api/api';
import { errorMessage } from './error-message';

export type RunProgress = ApiEvent<'run.progress'>;

export const useRunsStore = defineStore('runs', () => {
  const runs = ref<RunSummary[]>([]);
  /** Latest progress per run id; replaced (not mutated) so views re-render. */
  const progress = shallowRef<ReadonlyMap<number, RunProgress>>(new Map());
  const error = ref<string | null>(null);
  const selectedRunId = ref<number | null>(null);
  let subscribed = false;

  const selected = computed(() => runs.value.find((run) => run.id === selectedRunId.value) ?? null);

  async function refresh(): Promise<void> {
    try {
      runs.value = await runsApi.list();
      error.value = null;
    } catch (caught) {
      error.value = errorMessage(caught);
    }
  }

  function start(): void {
    if (subscribed) return;
    subscribed = true;
    // Progress of every training run, applied once per display frame: each event re-rendering every row would
    // cost a frame per event with several runs training.
    let pending = new Map<number, RunProgress>();
    let frame: number | null = null;
    function applyProgress(): void {
      frame = null;
      const next = new Map(progress.value);
      for (const [runId, event] of pending) {
        next.set(runId, event);
        const run = runs.value.find((r) => r.id === runId);
        if (run) run.step = event.step;
      }
      pending = new Map();
      progress.value = next;
    }
    onApiEvent('run.progress', (event) => {
      pending.set(event.runId, event);
      frame ??= requestAnimationFrame(applyProgress);
    });
    onApiEvent('run.status', (event) => {
      const run = runs.value.find((r) => r.id === event.runId);
      if (run) {
        run.status = event.status;
        run.error = event.error;
      }
      void refresh();
    });
    // an explosion a run trains on through: its row and detail show the warning
    onApiEvent('run.warning', () => void refresh());
    void refresh();
  }

  /** Resolves to the new run, or throws the backend's error (with per-field issues) for the form to show. */
  async function create(experimentId: number, spec: unknown): Promise<RunSummary> {
    const run = await runsApi.create(experimentId, spec);
    await refresh();
    return run;
  }

  /** What the backend says of a spec before it is started: its issues and resource estimate (transport errors throw). */
  function check(spec: unknown): Promise<SpecCheck> {
    return runsApi.check(spec);
  }

  async function command(action: 'pause' | 'resume' | 'stop' | 'remove', id: number): Promise<void> {
    try {
      await runsApi[action](id);
      if (action === 'remove' && selectedRunId.value === id) selectedRunId.value = null;
      error.value = null;
    } catch (caught) {
      error.value = errorMessage(caught);
    }
    await refresh();
  }

  function runsOf(experimentId: number): RunSummary[] {
    return runs.value.filter((run) => run.experimentId === experimentId);
  }

  return { runs, progress, error, selectedRunId, selected, refresh, start, create, check, command, runsOf };
});
