// The envelope every transport returns: a value, or an error a person can act on.
import { z } from 'zod';

/**
 * `storage`: the database failed the call — a write SQLite refused (a full disk, a read-only file: nothing
 * of the call was saved) or a stored record that is damaged (a checkpoint whose checksum does not match).
 */
export const API_ERROR_CODES = ['unknown-call', 'invalid-request', 'not-found', 'conflict', 'unauthorized', 'storage', 'internal'] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const apiErrorSchema = z.object({
  code: z.enum(API_ERROR_CODES),
  message: z.string(),
  /** For `invalid-request`: one entry per offending field, `path` in dotted form (`tags.2`). */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** Thrown by handlers for expected failures (missing record, conflict); turned into an `ApiResult` by the dispatcher. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly issues: ApiErrorBody['issues'];

  constructor(code: ApiErrorCode, message: string, issues?: ApiErrorBody['issues']) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.issues = issues;
  }

  toBody(): ApiErrorBody {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}
