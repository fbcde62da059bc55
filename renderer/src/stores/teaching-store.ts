// The teaching playground (TF Playground for sequences): this page's teaching session in the backend's teaching
// worker — its settings, its state, and what its updates bring (the loss curve, the ‖∂L/∂h_t‖ profile, the
// prediction panel). A setting change restarts the session from scratch; the curve restarts with it. The session
// is stopped when the view closes; while it is open a keep-alive holds the worker (a closed tab lets it lapse).
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { teachingSettingsSchema, type TeachingSettings, type TeachingStateEntity, type TeachingUpdateEntity } from '../../../core/common/api/teaching-entities';
import { onApiEvent, teachingApi } from '../api/api';
import { errorMessage } from './error-message';

/** Loss points kept for the curve; past it every other point of the older half is dropped (the shape stays). */
export const MAX_CURVE_POINTS = 4000;
/** Well inside the backend's 15 s lease. */
const KEEP_ALIVE_MS = 4000;

/** Appends points, thinning the oldest half when the curve would pass `max`. */
export function appendPoints(
  curve: readonly (readonly [number, number | null])[],
  points: readonly (readonly [number, number | null])[],
  max = MAX_CURVE_POINTS,
) {
  let next = [...curve, ...points];
  while (next.length > max) {
    const half = Math.floor(next.length / 2);
    next = [...next.slice(0, half).filter((_, i) => i % 2 === 0), ...next.slice(half)];
  }
  return next;
}

export const useTeachingStore = defineStore('teaching', () => {
  const clientId = `page-${crypto.randomUUID()}`;
  const settings = ref<TeachingSettings>(teachingSettingsSchema.parse({}));
  const state = shallowRef<TeachingStateEntity | null>(null);
  const error = ref<string | null>(null);
  /** [step, loss] of the current session, in order. */
  const curve = shallowRef<(readonly [number, number | null])[]>([]);
  const gradProfile = shallowRef<readonly (number | null)[] | null>(null);
  const prediction = shallowRef<TeachingUpdateEntity['prediction']>(null);
  const step = ref(0);
  const running = ref(false);
  const stopped = ref<string | null>(null);
  /** Updates applied: the view shows it (and a browser test reads it to see the curve move). */
  const updates = ref(0);
  const saved = ref<string | null>(null);
  let generation = 0;
  let unsubscribe: (() => void) | null = null;
  let keepAlive: ReturnType<typeof setInterval> | null = null;

  function apply(update: TeachingUpdateEntity): void {
    if (update.clientId !== clientId || update.generation < generation) return;
    if (update.generation > generation) {
      generation = update.generation;
      curve.value = [];
      prediction.value = null;
    }
    if (update.losses.length > 0) curve.value = appendPoints(curve.value, update.losses);
    gradProfile.value = update.gradProfile;
    // a panel comes only when it was made anew: an unchanged one is not drawn again
    if (update.prediction !== null) prediction.value = update.prediction;
    step.value = update.step;
    running.value = update.running;
    stopped.value = update.stopped;
    updates.value += 1;
  }

  function adopt(next: TeachingStateEntity): void {
    state.value = next;
    running.value = next.running;
    if (next.generation > generation) {
      generation = next.generation;
      curve.value = [];
      prediction.value = null;
      step.value = next.step;
    }
  }

  async function call(action: () => Promise<TeachingStateEntity>): Promise<void> {
    error.value = null;
    try {
      adopt(await action());
    } catch (caught) {
      error.value = errorMessage(caught);
    }
  }

  /** Subscribes, starts the session with the current settings and lets it train. */
  async function open(): Promise<void> {
    unsubscribe ??= onApiEvent('teaching.update', apply);
    keepAlive ??= setInterval(() => void teachingApi.keepAlive(clientId).catch(() => undefined), KEEP_ALIVE_MS);
    await call(() => teachingApi.configure({ clientId, settings: settings.value }));
    if (error.value === null) await control('play');
  }

  /** New settings: a fresh session of them (training on if it was); refused settings leave the session as it was. */
  async function change(next: TeachingSettings): Promise<void> {
    settings.value = next;
    await call(() => teachingApi.configure({ clientId, settings: next }));
  }

  async function control(action: 'play' | 'pause' | 'step' | 'reset'): Promise<void> {
    await call(() => teachingApi.control({ clientId, action }));
  }

  async function saveAsRun(experimentId: number): Promise<void> {
    saved.value = null;
    error.value = null;
    try {
      const run = await teachingApi.saveAsRun({ clientId, experimentId });
      saved.value = `Saved as run ${run.id} (${run.name}).`;
    } catch (caught) {
      error.value = errorMessage(caught);
    }
  }

  /** Ends the session (the view closed). */
  function close(): void {
    unsubscribe?.();
    unsubscribe = null;
    if (keepAlive !== null) clearInterval(keepAlive);
    keepAlive = null;
    void teachingApi.stop(clientId).catch(() => undefined);
    state.value = null;
    generation = 0;
    curve.value = [];
    gradProfile.value = null;
    prediction.value = null;
    running.value = false;
  }

  return { clientId, settings, state, error, curve, gradProfile, prediction, step, running, stopped, updates, saved, open, change, control, saveAsRun, close };
});
