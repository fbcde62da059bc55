// Test helper: the ImportError an ImportFailure carries, or a test failure when there is none.
import { ImportFailure, type ImportError } from '../../../../../core/common/data/import/import-error';

export function failure(work: () => unknown): ImportError {
  try {
    work();
  } catch (e) {
    if (e instanceof ImportFailure) return e.error;
    throw e;
  }
  throw new Error('expected an ImportFailure');
}
