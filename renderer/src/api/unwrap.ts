// Turns a transport's ApiResult into a value, or throws the ApiError a view can show as is.
import { ApiError, type ApiResult } from '../../../core/common/api/result';

export function unwrap<T>(result: ApiResult<T>): T {
  if (result.ok) return result.value;
  throw new ApiError(result.error.code, result.error.message, result.error.issues);
}
