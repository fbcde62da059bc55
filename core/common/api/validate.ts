// Boundary validation: turns an untrusted payload into a typed request, or a readable ApiError naming each bad field.
import type { z } from 'zod';
import { apiCalls, isApiCallName, type ApiCallName, type ApiParsedRequest } from './contract';
import { ApiError } from './result';

export function parseRequest<N extends ApiCallName>(name: N, payload: unknown): ApiParsedRequest<N> {
  const parsed = apiCalls[name].request.safeParse(payload ?? {});
  if (!parsed.success) throw invalidRequest(name, parsed.error);
  return parsed.data as ApiParsedRequest<N>;
}

export function assertCallName(name: unknown): asserts name is ApiCallName {
  if (!isApiCallName(name)) {
    throw new ApiError('unknown-call', `Unknown API call ${JSON.stringify(name)}. Known calls: ${Object.keys(apiCalls).join(', ')}.`);
  }
}

function invalidRequest(name: string, error: z.ZodError): ApiError {
  const issues = error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join('.') : '(request)',
    message: issue.message,
  }));
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return new ApiError('invalid-request', `Invalid request for ${name}: ${summary}`, issues);
}
