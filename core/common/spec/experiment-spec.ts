// An experiment spec: task, model, training and seed — what a run stores, what presets and sweeps
// produce, and what `seqlab train SPEC.json` reads. `parseExperimentSpec` validates one completely
// (schema, the task's own parameters, and rules across parts) and fills in every default, so a stored
// run always holds its full resolved spec.
import { z } from 'zod';
import { createTask } from '../tasks/registry';
import type { Task } from '../tasks/task';
import { sequenceModelSpecSchema } from './model-spec';
import { trainingSpecSchema } from './training-spec';

export const SPEC_VERSION = 1;

export const experimentSpecSchema = z
  .object({
    version: z.literal(SPEC_VERSION).default(SPEC_VERSION),
    name: z.string().trim().max(120, 'name must be at most 120 characters').optional(),
    /** Seeds every random choice (init, data, dropout): the same spec and seed give the same run. */
    seed: z.number().int('seed must be a whole number').min(0, 'seed must be at least 0').max(2 ** 32 - 1, 'seed must be below 2^32').default(1),
    task: z.object({ id: z.string().min(1, 'task.id is required'), params: z.record(z.string(), z.unknown()).default({}) }).strict(),
    model: sequenceModelSpecSchema.default(sequenceModelSpecSchema.parse({})),
    training: trainingSpecSchema.default(trainingSpecSchema.parse({})),
  })
  .strict();

export type ExperimentSpec = z.output<typeof experimentSpecSchema>;
export type ExperimentSpecInput = z.input<typeof experimentSpecSchema>;

/** One problem with a spec: `path` names the field (`training.optimizer.momentum`, `task.params.length`). */
export interface SpecIssue {
  readonly path: string;
  readonly message: string;
}

export type SpecResult = { readonly ok: true; readonly spec: ExperimentSpec; readonly task: Task } | { readonly ok: false; readonly issues: readonly SpecIssue[] };

export function parseExperimentSpec(raw: unknown): SpecResult {
  const parsed = experimentSpecSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(spec)', message: i.message })) };
  }
  const spec = parsed.data;
  const task = createTask(spec.task.id, spec.task.params);
  if (!task.ok) return { ok: false, issues: task.issues.map((i) => ({ path: i.param === '(task)' ? 'task.id' : `task.params.${i.param}`, message: i.message })) };

  const issues: SpecIssue[] = [];
  if (task.value.shape === 'seq2seq' || task.value.shape === 'one-to-many') {
    issues.push({ path: 'task.id', message: `task "${spec.task.id}" is ${task.value.shape}; it needs an encoder–decoder model, which this version cannot train yet` });
  }
  if (spec.model.init.recurrent === 'identity' && spec.model.cell !== 'rnn_relu') {
    issues.push({ path: 'model.init.recurrent', message: `the identity initialisation (IRNN, Le et al. 2015) is for cell rnn_relu, not ${spec.model.cell}` });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, spec: { ...spec, task: { id: spec.task.id, params: { ...task.value.params } } }, task: task.value };
}

/** A readable multi-line summary of spec issues, for the CLI and error dialogs. */
export function formatSpecIssues(issues: readonly SpecIssue[]): string {
  return issues.map((i) => `  ${i.path}: ${i.message}`).join('\n');
}
