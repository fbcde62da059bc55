// An experiment spec: task, model, training and seed — what a run stores, what presets and sweeps
// produce, and what `seqlab train SPEC.json` reads. `parseExperimentSpec` validates one completely
// (schema, the task's own parameters, and rules across parts) and fills in every default, so a stored
// run always holds its full resolved spec.
//
// `task` names a built-in task (`{ id, params }`) or a registered dataset (`{ dataset, params }`). A dataset lives
// in the store, which core/common cannot read: `parseSpecFields` checks such a spec's fields, and the backend
// finishes it with `resolveDatasetSpec` (dataset-spec.ts) once it has read the data (core/node/data/run-spec.ts).
import { z } from 'zod';
import { createTask } from '../tasks/registry';
import type { Task } from '../tasks/task';
import { modelKindFor, modelSpecSchema, sequenceModelSpecSchema, type ModelKind } from './model-spec';
import { trainingSpecSchema } from './training-spec';

export const SPEC_VERSION = 1;

/** A seed is a 32-bit unsigned integer (the generator's state is seeded from it). */
export const SEED_LIMITS = { min: 0, max: 2 ** 32 - 1 } as const;

export const experimentSpecSchema = z
  .object({
    version: z.literal(SPEC_VERSION).default(SPEC_VERSION),
    name: z.string().trim().max(120, 'name must be at most 120 characters').optional(),
    /** Seeds every random choice (init, data, dropout): the same spec and seed give the same run. */
    seed: z
      .number()
      .int('seed must be a whole number')
      .min(SEED_LIMITS.min, 'seed must be at least 0')
      .max(SEED_LIMITS.max, 'seed must be below 2^32')
      .default(1),
    task: z
      .object({
        id: z.string().min(1, 'task.id is required').optional(),
        /** A registered dataset's id (`datasets.list`); its kind gives the task (dataset-series, dataset-text, …). */
        dataset: z
          .number({ error: 'task.dataset must be a dataset id' })
          .int('task.dataset must be a whole number')
          .positive('task.dataset must be a dataset id (at least 1)')
          .optional(),
        params: z.record(z.string(), z.unknown()).default({}),
      })
      .strict()
      .superRefine((task, ctx) => {
        if (task.id === undefined && task.dataset === undefined)
          ctx.addIssue({ code: 'custom', path: ['id'], message: 'task.id is required (a built-in task), or task.dataset (a registered dataset)' });
      }),
    model: modelSpecSchema.default(sequenceModelSpecSchema.parse({})),
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

export type SpecResult =
  { readonly ok: true; readonly spec: ExperimentSpec; readonly task: Task } | { readonly ok: false; readonly issues: readonly SpecIssue[] };

export type SpecFieldsResult = { readonly ok: true; readonly spec: ExperimentSpec } | { readonly ok: false; readonly issues: readonly SpecIssue[] };

/** The schema alone: fields, ranges and defaults, but no task built (so a dataset spec can pass). */
export function parseSpecFields(raw: unknown): SpecFieldsResult {
  const parsed = experimentSpecSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(spec)', message: i.message })) };
  }
  return { ok: true, spec: parsed.data };
}

/** A spec of a built-in task, validated completely; a dataset spec is refused here (the backend resolves those). */
export function parseExperimentSpec(raw: unknown): SpecResult {
  const fields = parseSpecFields(raw);
  if (!fields.ok) return fields;
  const spec = fields.spec;
  if (spec.task.dataset !== undefined) {
    return {
      ok: false,
      issues: [
        {
          path: 'task.dataset',
          message: `dataset #${spec.task.dataset} is read from the dataset store; only the backend can resolve this spec (create the run through the app, the API or seqlab train)`,
        },
      ],
    };
  }
  const id = spec.task.id ?? '';
  const task = createTask(id, spec.task.params);
  if (!task.ok)
    return { ok: false, issues: task.issues.map((i) => ({ path: i.param === '(task)' ? 'task.id' : `task.params.${i.param}`, message: i.message })) };
  return completeSpec(spec, task.value);
}

/**
 * The rules across parts, once the task is built; the resolved spec records the task's id and every
 * parameter (and the dataset, for a dataset task).
 */
export function completeSpec(spec: ExperimentSpec, task: Task): SpecResult {
  const issues: SpecIssue[] = [];
  const { model, training } = spec;
  const needed = modelKindFor(task.shape);
  if (model.kind !== needed) {
    issues.push({
      path: 'model.kind',
      message: `task "${task.id}" is ${task.shape}: it trains a "${needed}" model (${MODEL_KIND_TITLE[needed]}), not "${model.kind}"`,
    });
  }
  if (model.kind === 'sequence' && model.init.recurrent === 'identity' && model.cell !== 'rnn_relu') {
    issues.push({ path: 'model.init.recurrent', message: `the identity initialisation (IRNN, Le et al. 2015) is for cell rnn_relu, not ${model.cell}` });
  }
  if (model.kind !== 'sequence') {
    // A decoder is unrolled step by step from its own state: one backward pass through the whole target.
    if (training.bptt.mode !== 'full')
      issues.push({
        path: 'training.bptt.mode',
        message: `truncated BPTT is for sequence models; a ${model.kind} model backpropagates through the whole sequence (use "full")`,
      });
    if (training.threads !== 1)
      issues.push({ path: 'training.threads', message: `data-parallel training is for sequence models; a ${model.kind} model trains on 1 thread` });
  } else if (training.teacherForcing.kind !== 'constant' || training.teacherForcing.ratio !== 1) {
    issues.push({
      path: 'training.teacherForcing',
      message: 'teacher forcing applies to models with a decoder (seq2seq, conditioned); a sequence model reads its inputs as given',
    });
  }
  if (model.kind !== 'conditioned' && model.bidirectional) {
    const what = model.kind === 'seq2seq' ? 'encoder' : 'model';
    if (task.causality.causal) {
      issues.push({
        path: 'model.bidirectional',
        message: `task "${task.id}" needs a causal model: ${task.causality.reason}. A bidirectional ${what}'s reverse direction reads the inputs after step t, so it would read the very input the model must predict, and its scores would be meaningless; set model.bidirectional to false`,
      });
    }
    if (model.kind === 'sequence' && training.bptt.mode === 'truncated') {
      issues.push({
        path: 'training.bptt.mode',
        message:
          "truncated BPTT carries each window's final state into the next window, but a bidirectional model's reverse direction ends at the window's first step: " +
          'the state it would carry over belongs to the start of the previous window, not to the step after this one, so the result is meaningless; use "full" BPTT or set model.bidirectional to false',
      });
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  const dataset = spec.task.dataset === undefined ? {} : { dataset: spec.task.dataset };
  return { ok: true, spec: { ...spec, task: { id: task.id, ...dataset, params: { ...task.params } } }, task };
}

const MODEL_KIND_TITLE: Readonly<Record<ModelKind, string>> = {
  sequence: 'a recurrent stack with a dense head',
  seq2seq: 'an encoder–decoder',
  conditioned: 'a decoder started from the condition',
};

/** A readable multi-line summary of spec issues, for the CLI and error dialogs. */
export function formatSpecIssues(issues: readonly SpecIssue[]): string {
  return issues.map((i) => `  ${i.path}: ${i.message}`).join('\n');
}
