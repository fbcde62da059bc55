// Dotted field paths into an experiment spec (`model.hiddenSize`, `training.optimizer.kind`,
// `task.params.length`, `training.optimizer.betas.0`): reading one, and writing one into a copy.

/** Segments are identifiers or array indices; the first must be an identifier. */
export const FIELD_PATH_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*(\.(?:[A-Za-z_][A-Za-z0-9_]*|\d+))*$/;

export function isFieldPath(path: string): boolean {
  return FIELD_PATH_PATTERN.test(path);
}

/**
 * Segments that name an object's prototype machinery rather than a field: writing through `__proto__` (or
 * `constructor.prototype`) would change Object.prototype for the whole process. No spec field is named so.
 */
export const UNSAFE_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** The first segment of `path` that is in UNSAFE_SEGMENTS, or undefined. */
export function unsafeSegment(path: string): string | undefined {
  return path.split('.').find((segment) => UNSAFE_SEGMENTS.has(segment));
}

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

/** The value at `path`, or `found: false` when some segment is missing. */
export function readFieldPath(root: unknown, path: string): { found: true; value: unknown } | { found: false } {
  let current: unknown = root;
  for (const segment of path.split('.')) {
    if (!isContainer(current) || !Object.hasOwn(current, segment)) return { found: false };
    current = (current as Record<string, unknown>)[segment];
  }
  return { found: true, value: current };
}

/** The keys that exist where `path` stops matching, to suggest in an "unknown field" message. */
export function siblingKeys(root: unknown, path: string): { parent: string; keys: string[] } {
  const segments = path.split('.');
  let current: unknown = root;
  let depth = 0;
  for (; depth < segments.length - 1; depth++) {
    const segment = segments[depth];
    if (segment === undefined || !isContainer(current) || !Object.hasOwn(current, segment)) break;
    current = (current as Record<string, unknown>)[segment];
  }
  const parent = segments.slice(0, depth).join('.');
  return { parent, keys: isContainer(current) && !Array.isArray(current) ? Object.keys(current) : [] };
}

/**
 * A deep copy of `root` (JSON data) with `value` written at `path`; missing objects on the way are
 * created empty. Fails when the path runs into a value that is not an object or array, or names an unsafe segment.
 */
export function writeFieldPath(root: unknown, path: string, value: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  const unsafe = unsafeSegment(path);
  if (unsafe !== undefined) return { ok: false, message: `cannot set ${path}: "${unsafe}" is not a field name (it would reach the prototype of every object)` };
  const copy: unknown = root === undefined ? {} : JSON.parse(JSON.stringify(root));
  const segments = path.split('.');
  let current: unknown = copy;
  for (const [i, segment] of segments.entries()) {
    if (!isContainer(current)) {
      const at = segments.slice(0, i).join('.') || '(spec)';
      return { ok: false, message: `cannot set ${path}: ${at} is ${describeValue(current)}, not an object` };
    }
    const target = current as Record<string, unknown>;
    if (i === segments.length - 1) {
      target[segment] = value;
    } else {
      if (target[segment] === undefined) target[segment] = {};
      current = target[segment];
    }
  }
  return { ok: true, value: copy };
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value === 'number' ? 'the number' : typeof value === 'boolean' ? 'the boolean' : 'a'} ${String(value)}`;
}
