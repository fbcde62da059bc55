// One place that turns whatever a call threw into the sentence a view shows.
import { ApiError } from '../../../core/common/api/result';

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError && error.issues?.length) return error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return error instanceof Error ? error.message : String(error);
}
