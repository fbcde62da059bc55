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

  /**
   * Parses `text` (what a JSON editor holds) and submits it through `action`; text that is not JSON is refused
   * here, named (`The sweep is not valid JSON: …`), and nothing is sent.
   */
  async function submitJson<T>(what: string, text: string, action: (body: unknown) => Promise<T>): Promise<T | undefined> {
    clear();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (caught) {
      error.value = `The ${what} is not valid JSON: ${(caught as Error).message}`;
      return undefined;
    }
    return submit(() => action(body));
  }

  return { busy, error, issues, clear, submit, submitJson };
}
