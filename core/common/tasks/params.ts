// Task parameters: declared once with default and allowed range (the UI renders them), validated with zod
// into typed values or issues that name the parameter and its range.
import { z } from 'zod';

interface ParamBase {
  /** Short label for a form, e.g. 'Sequence length T'. */
  readonly label: string;
  /** One sentence: what it changes. */
  readonly description: string;
}

export type ParamSpec =
  | (ParamBase & { readonly kind: 'int'; readonly default: number; readonly min: number; readonly max: number })
  | (ParamBase & { readonly kind: 'number'; readonly default: number; readonly min: number; readonly max: number })
  | (ParamBase & { readonly kind: 'boolean'; readonly default: boolean })
  | (ParamBase & { readonly kind: 'choice'; readonly default: string | number; readonly options: readonly (string | number)[] });

export type ParamSpecs = Readonly<Record<string, ParamSpec>>;

/** The typed values of a parameter declaration, e.g. `{ length: number; classes: 4 | 8 }`. */
export type ParamValues<S extends ParamSpecs> = {
  -readonly [K in keyof S]: S[K] extends { kind: 'int' | 'number' }
    ? number
    : S[K] extends { kind: 'boolean' }
      ? boolean
      : S[K] extends { options: readonly (infer O)[] }
        ? O
        : never;
};

export type ParamValue = number | boolean | string;

export interface ParamIssue {
  /** The parameter's name, or '(params)' for the object as a whole. */
  readonly param: string;
  readonly message: string;
}

export type ParamsResult<P> = { readonly ok: true; readonly value: P } | { readonly ok: false; readonly issues: readonly ParamIssue[] };

export function intParam(spec: Omit<Extract<ParamSpec, { kind: 'int' }>, 'kind'>): Extract<ParamSpec, { kind: 'int' }> {
  return { kind: 'int', ...spec };
}

export function numberParam(spec: Omit<Extract<ParamSpec, { kind: 'number' }>, 'kind'>): Extract<ParamSpec, { kind: 'number' }> {
  return { kind: 'number', ...spec };
}

export function booleanParam(spec: Omit<Extract<ParamSpec, { kind: 'boolean' }>, 'kind'>): Extract<ParamSpec, { kind: 'boolean' }> {
  return { kind: 'boolean', ...spec };
}

/** A choice among literal options; `const` keeps the literal types, so `ParamValues` gives `4 | 8`. */
export function choiceParam<const O extends string | number>(
  spec: ParamBase & { default: NoInfer<O>; options: readonly O[] },
): ParamBase & {
  readonly kind: 'choice';
  readonly default: O;
  readonly options: readonly O[];
} {
  return { kind: 'choice', ...spec };
}

/** What the rule of a parameter says in words, e.g. 'an integer in [2, 5000]'. */
export function describeRange(spec: ParamSpec): string {
  switch (spec.kind) {
    case 'int':
      return `an integer in [${spec.min}, ${spec.max}]`;
    case 'number':
      return `a number in [${spec.min}, ${spec.max}]`;
    case 'boolean':
      return 'true or false';
    case 'choice':
      return `one of ${spec.options.map((o) => JSON.stringify(o)).join(', ')}`;
  }
}

function schemaFor(name: string, spec: ParamSpec): z.ZodType {
  const error = (issue: { input?: unknown }): string => `${name} must be ${describeRange(spec)}; got ${JSON.stringify(issue.input) ?? String(issue.input)}`;
  switch (spec.kind) {
    case 'int':
      return z.number({ error }).int({ error }).min(spec.min, { error }).max(spec.max, { error }).default(spec.default);
    case 'number':
      return z.number({ error }).min(spec.min, { error }).max(spec.max, { error }).default(spec.default);
    case 'boolean':
      return z.boolean({ error }).default(spec.default);
    case 'choice':
      return z.literal(spec.options, { error }).default(spec.default);
  }
}

/**
 * Validates raw parameters (e.g. from a spec file or a form) against their declaration: missing ones
 * take their default, unknown ones are refused, each bad one gives an issue naming it and its range.
 */
export function parseParams<S extends ParamSpecs>(specs: S, raw: unknown): ParamsResult<ParamValues<S>> {
  const shape = Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, schemaFor(name, spec)]));
  const known = Object.keys(specs).join(', ') || '(none)';
  const schema = z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown parameter(s) ${issue.keys.join(', ')}; known: ${known}` : 'parameters must be an object'),
  });
  const parsed = schema.safeParse(raw ?? {});
  if (parsed.success) return { ok: true, value: parsed.data as ParamValues<S> };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({ param: issue.path.length > 0 ? issue.path.map(String).join('.') : '(params)', message: issue.message })),
  };
}

/** The defaults of every parameter. */
export function defaultParams<S extends ParamSpecs>(specs: S): ParamValues<S> {
  return Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, spec.default])) as ParamValues<S>;
}
