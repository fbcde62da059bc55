// A form's submission through the API: busy while it runs, and what went wrong — the backend's issues, each with
// the field it is in (`spec.training.learningRate`, `sweep.trials.2.model.hiddenSize`), or one message.
import { ref } from 'vue';
import { ApiError } from '../../../core/common/api/result';
import { errorMessage } from '../stores/error-message';

export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

export function useApiSubmit() {
  const busy = ref(false);
  const error = ref<string | null>(null);
  const issues = ref<FieldIssue[]>([]);

  function clear(): void {
    error.value = null;
    issues.value = [];
  }

  /** Runs `action`; its value, or undefined once a refusal is shown. */
  async function submit<T>(action: () => Promise<T>): Promise<T | undefined> {
    clear();
    busy.value = true;
    try {
      return await action();
    } catch (caught) {
      if (caught instanceof ApiError && caught.issues) issues.value = [...caught.issues];
      else error.value = errorMessage(caught);
      return undefined;
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, issues, clear, submit };
}
