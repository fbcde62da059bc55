// The backend's verdict on a spec as the person edits it: each change is checked (runs.check) once editing pauses,
// and only the newest answer is kept, so the form shows the estimate and the refusals of what it would start.
import { onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue';
import type { SpecCheck } from '../../../core/common/api/entities';
import { errorMessage } from '../stores/error-message';

/** Quiet time after the last change before the spec is checked. */
export const CHECK_DELAY_MS = 400;

/**
 * @param body the spec to check, or undefined when there is none to check (e.g. JSON that does not parse)
 * @param check asks the backend (the runs store's `check`)
 */
export function useSpecCheck(body: Ref<unknown>, check: (spec: unknown) => Promise<SpecCheck>) {
  const result = shallowRef<SpecCheck | null>(null);
  const error = ref<string | null>(null);
  const checking = ref(false);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let latest = 0;

  async function run(spec: unknown, ticket: number): Promise<void> {
    checking.value = true;
    try {
      const answer = await check(spec);
      if (ticket !== latest) return;
      result.value = answer;
      error.value = null;
    } catch (caught) {
      if (ticket !== latest) return;
      result.value = null;
      error.value = errorMessage(caught);
    } finally {
      if (ticket === latest) checking.value = false;
    }
  }

  watch(
    () => (body.value === undefined ? undefined : JSON.stringify(body.value)),
    (text) => {
      if (timer !== null) clearTimeout(timer);
      const ticket = ++latest;
      if (text === undefined) {
        result.value = null;
        checking.value = false;
        return;
      }
      timer = setTimeout(() => void run(JSON.parse(text), ticket), CHECK_DELAY_MS);
    },
    { immediate: true },
  );
  onScopeDispose(() => {
    if (timer !== null) clearTimeout(timer);
    latest++;
  });

  return { result, error, checking };
}
