// One validation for the New run form, in the browser and on the server: the browser runs the same schema
// (parseSpecFields) and the task's own parameter declaration the backend runs, as the person types; the backend's
// answers (runs.check, runs.create) add what needs it (rules across parts, the machine). Every issue, from either,
// is placed at the field its path names (`spec.training.learningRate` → training.learningRate); one no field on
// screen names is kept in a list of its own, never dropped.
import { parseSpecFields } from '../../../core/common/spec/experiment-spec';
import { readFieldPath } from '../../../core/common/spec/field-path';
import { parseParams } from '../../../core/common/tasks/params';
import { findTask } from '../../../core/common/tasks/registry';
import type { FieldIssue } from './use-api-submit';

/** The spec's issues the browser can tell alone: its fields, and a built-in task's parameters and their rules. */
export function browserIssues(spec: unknown): FieldIssue[] {
  const fields = parseSpecFields(spec);
  const issues: FieldIssue[] = fields.ok ? [] : [...fields.issues];
  const id = readFieldPath(spec, 'task.id');
  const definition = id.found && typeof id.value === 'string' ? findTask(id.value) : undefined;
  if (definition !== undefined) {
    const raw = readFieldPath(spec, 'task.params');
    const params = parseParams(definition.params, raw.found ? raw.value : {});
    const paramIssues = params.ok ? (definition.check?.(params.value) ?? []) : params.issues;
    for (const issue of paramIssues) issues.push({ path: issue.param === '(params)' ? 'task.params' : `task.params.${issue.param}`, message: issue.message });
  }
  return issues;
}

/** A backend issue's path as the spec names it: the request's `spec.` prefix taken off. */
export function specPath(path: string, prefix: string): string {
  return path.startsWith(`${prefix}.`) ? path.slice(prefix.length + 1) : path;
}

export interface PlacedIssues {
  /** By field path: the issues of that field or of a part of it (`training.optimizer.betas.0` under its field). */
  readonly byField: ReadonlyMap<string, readonly FieldIssue[]>;
  /** Issues no field on screen names: the spec as a whole, a field the form does not show. */
  readonly unplaced: readonly FieldIssue[];
}

/**
 * Each issue at the nearest field on screen whose path is the issue's path or leads to it; the same path and message
 * from two sources is shown once.
 */
export function placeIssues(issues: readonly FieldIssue[], fieldPaths: ReadonlySet<string>): PlacedIssues {
  const byField = new Map<string, FieldIssue[]>();
  const unplaced: FieldIssue[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    const key = `${issue.path}\n${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const segments = issue.path.split('.');
    let field: string | undefined;
    for (let n = segments.length; n > 0 && field === undefined; n--) {
      const candidate = segments.slice(0, n).join('.');
      if (fieldPaths.has(candidate)) field = candidate;
    }
    if (field === undefined) unplaced.push(issue);
    else byField.set(field, [...(byField.get(field) ?? []), issue]);
  }
  return { byField, unplaced };
}
