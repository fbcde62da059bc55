// A spec waiting for the New run form: Clone puts a run's spec here and opens the form, which takes it on mount and
// shows it in its JSON editor, every field exactly as the run had it.
import { defineStore } from 'pinia';
import { ref } from 'vue';

export interface RunDraft {
  /** The experiment whose New run form takes it. */
  readonly experimentId: number;
  /** The resolved spec the cloned run trained with (runs.get), its name already changed to the copy's. */
  readonly spec: unknown;
  /** The run it was cloned from, named by the form. */
  readonly sourceRunId: number;
}

export const useRunDraftStore = defineStore('run-draft', () => {
  const draft = ref<RunDraft | null>(null);
  /** Counts drafts put here, so a form already open for the experiment is opened afresh (its :key) and takes the new one. */
  const generation = ref(0);

  function put(next: RunDraft): void {
    draft.value = next;
    generation.value += 1;
  }

  /** The draft for this experiment's form, removed so that the next New run starts from scratch; null when none. */
  function take(experimentId: number): RunDraft | null {
    const taken = draft.value;
    if (taken === null || taken.experimentId !== experimentId) return null;
    draft.value = null;
    return taken;
  }

  return { draft, generation, put, take };
});
