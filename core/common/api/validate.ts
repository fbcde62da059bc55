// Boundary validation: turns an untrusted payload into a typed request, or a readable ApiError naming each bad field.
import type { z } from 'zod';
import { apiCalls, isApiCallName, type ApiCallName, type ApiParsedRequest } from './contract';
import { ApiError } from './result';

/**
 * Deepest nesting of arrays and objects a request may have. SeqLab's deepest requests (a sweep over a
 * spec) nest about ten levels; a payload nested thousands deep would otherwise overflow the stack of
 * the recursive validators and serialisers behind this boundary.
 */
export const MAX_REQUEST_DEPTH = 64;
/** How much of an unknown call name an error message repeats. */
const MAX_ECHOED_NAME = 80;

export function parseRequest<N extends ApiCallName>(name: N, payload: unknown): ApiParsedRequest<N> {
  const message = requestShapeProblem(payload, MAX_REQUEST_DEPTH);
  if (message !== null) {
    throw new ApiError('invalid-request', `Invalid request for ${name}: ${message}.`, [{ path: '(request)', message }]);
  }
  const parsed = apiCalls[name].request.safeParse(payload ?? {});
  if (!parsed.success) throw invalidRequest(name, parsed.error);
  return parsed.data as ApiParsedRequest<N>;
}

export function assertCallName(name: unknown): asserts name is ApiCallName {
  if (!isApiCallName(name)) {
    const shown = typeof name === 'string' && name.length > MAX_ECHOED_NAME ? `${name.slice(0, MAX_ECHOED_NAME)}…` : name;
    throw new ApiError('unknown-call', `Unknown API call ${JSON.stringify(shown) ?? String(shown)}. Known calls: ${Object.keys(apiCalls).join(', ')}.`);
  }
}

/**
 * Why `value` is not JSON-shaped data of at most `maxDepth` levels of arrays and objects, or null.
 * Walked without recursion, so a hostile payload cannot overflow the stack of the check itself. Over
 * Electron IPC (a structured clone) a payload may share objects, which is fine and counted once, or
 * hold a cycle, which no validator could walk and is refused.
 */
export function requestShapeProblem(value: unknown, maxDepth: number): string | null {
  const tooDeep = `the request nests deeper than ${maxDepth} levels of arrays and objects; no SeqLab request needs that many`;
  if (!isNested(value)) return null;
  /** Levels of nesting below (and including) each finished object, so shared objects are walked once. */
  const height = new Map<object, number>();
  const path: { node: object; children: object[]; next: number; height: number }[] = [];
  const enter = (node: object) => path.push({ node, children: (Array.isArray(node) ? node : Object.values(node)).filter(isNested), next: 0, height: 1 });
  enter(value);
  while (path.length > 0) {
    const frame = path[path.length - 1]!;
    const child = frame.children[frame.next++];
    if (child === undefined) {
      path.pop();
      height.set(frame.node, frame.height);
      const parent = path[path.length - 1];
      if (parent) parent.height = Math.max(parent.height, frame.height + 1);
    } else if (height.has(child)) {
      frame.height = Math.max(frame.height, height.get(child)! + 1);
      if (path.length + height.get(child)! > maxDepth) return tooDeep;
    } else if (path.some((step) => step.node === child)) {
      return 'the request contains itself (a cycle); send plain JSON data';
    } else {
      if (path.length >= maxDepth) return tooDeep;
      enter(child);
    }
  }
  return null;
}

function isNested(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function invalidRequest(name: string, error: z.ZodError): ApiError {
  const issues = error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join('.') : '(request)',
    message: issue.message,
  }));
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return new ApiError('invalid-request', `Invalid request for ${name}: ${summary}`, issues);
}
