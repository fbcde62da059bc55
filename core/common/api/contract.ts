// The one API contract between the renderer (or any client) and the backend service:
// every call's request and response schema, and every event the backend pushes.
// Transports (Electron IPC, HTTP + WebSocket, in-process) only move this JSON; they hold no logic.
import { z } from 'zod';
import {
  appInfoSchema,
  experimentNameSchema,
  experimentSchema,
  gradientNormsSchema,
  runAttentionSchema,
  metricSeriesSchema,
  presetSchema,
  runDetailSchema,
  runStatusSchema,
  runSummarySchema,
  sweepDetailSchema,
  sweepSummarySchema,
  taskInfoSchema,
} from './entities';
import { checkpointKindSchema, exportFormatSchema, forecastSchema, generationSchema, modelExportSchema, modelInfoSchema, predictionSchema } from './entities';
import { gateLayoutSchema, specCheckSchema } from './entities';
import { playgroundExampleSchema, translationSchema, unrollSchema } from './entities';
import { datasetPreviewSchema, datasetSchema, importReportSchema } from './entities';
import { runDivergenceSchema } from './entities';
import { metricHistorySchema, runResultsSchema } from './entities';
import { importRequestSchema } from '../data/import/import-options';
import { IMPORT_KINDS } from '../data/import/import-kinds';
import { studyDetailSchema, studyInfoSchema, studyReportSchema, studySummarySchema } from './study-entities';
import { DEFAULT_CHECKPOINT_KIND } from '../train/checkpoint-kinds';
import { SEED_LIMITS } from '../spec/experiment-spec';
import { FORMAT_CHOICES } from '../data/import/file-formats';
import { teachingClientIdSchema, teachingSettingsSchema, teachingStateSchema, teachingUpdateSchema } from './teaching-entities';
import { TRAINING_LIMITS } from '../spec/training-spec';
import { notesSchema, runNameSchema, tagsSchema } from './run-annotations';
import { explorerSaturationRequestSchema, explorerSaturationSchema, explorerSearchRequestSchema, explorerSearchSchema } from './explorer-entities';
import { explorerTraceRequestSchema, explorerTraceSchema } from './explorer-entities';

const idSchema = z.number().int().positive();
const empty = z.object({}).strict();
/**
 * A file on the backend's machine, as a full path (`~/` for the home folder). A NUL byte is refused here,
 * once for every path field: no file system accepts one, and Node would throw deep inside the handler.
 */
const filePathSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(4096, 'must be at most 4096 characters')
  .superRefine((path, context) => {
    const at = path.indexOf('\0');
    if (at >= 0) context.addIssue({ code: 'custom', message: `contains a NUL byte at character ${at + 1}; a file path cannot contain one` });
  });

/**
 * The ranges of generation and decoding (models.generate, .translate, .unroll, .forecast), enforced below and
 * offered by the playgrounds' fields: tokens or steps per call, sampling temperature (0 = greedy), top-k and seed.
 */
export const DECODING_LIMITS = {
  length: { min: 1, max: 10_000 },
  temperature: { min: 0, max: 10 },
  /** Sample among the k most likely tokens; no upper bound (a k above the vocabulary keeps every token). */
  topK: { min: 1 },
  seed: SEED_LIMITS,
  /** Beam search over an encoder–decoder (models.translate): hypotheses kept per step; 1 is greedy. */
  beam: { min: 1, max: 16 },
} as const;
const lengthSchema = () => z.number().int().min(DECODING_LIMITS.length.min).max(DECODING_LIMITS.length.max);
const temperatureSchema = () => z.number().min(DECODING_LIMITS.temperature.min).max(DECODING_LIMITS.temperature.max);
const seedSchema = () => z.number().int().min(DECODING_LIMITS.seed.min).max(DECODING_LIMITS.seed.max);

/*
 * Optional request fields that handlers pass on to the workers are `.exactOptional()`: left out, or a value — never
 * present as `undefined` (JSON cannot carry it; over IPC it is refused by name), so a handler's request has exactly the
 * optional fields its worker's request type declares.
 */
export const apiCalls = {
  'app.info': { request: empty, response: appInfoSchema },
  'experiments.list': { request: empty, response: z.array(experimentSchema) },
  'experiments.create': {
    request: z
      .object({
        name: experimentNameSchema,
        notes: notesSchema.default(''),
        tags: tagsSchema.default([]),
      })
      .strict(),
    response: experimentSchema,
  },
  /**
   * Deletes an experiment with everything under it (runs, their metrics, checkpoints and exports, sweeps, studies): a
   * cascade with no undo, refused while any of its runs is queued, running or paused. `runs` counts the runs deleted.
   */
  'experiments.delete': { request: z.object({ id: idSchema }).strict(), response: z.object({ deleted: z.boolean(), runs: z.number().int().nonnegative() }) },
  /** Renames an experiment, edits its description (notes) or tags, archives it (hidden by default) or brings it back. */
  'experiments.update': {
    request: z
      .object({
        id: idSchema,
        name: experimentNameSchema.exactOptional(),
        notes: notesSchema.exactOptional(),
        tags: tagsSchema.exactOptional(),
        archived: z.boolean().exactOptional(),
      })
      .strict(),
    response: experimentSchema,
  },
  'tasks.list': { request: empty, response: z.array(taskInfoSchema) },
  'presets.list': { request: empty, response: z.array(presetSchema) },
  'runs.list': {
    request: z.object({ experimentId: idSchema.optional() }).strict(),
    response: z.array(runSummarySchema),
  },
  /** Validates the spec (every issue named by its field, under `spec.`), stores the run with its resolved spec, and queues it. */
  'runs.create': {
    request: z.object({ experimentId: idSchema, name: z.string().trim().max(120).optional(), spec: z.unknown() }).strict(),
    response: runSummarySchema,
  },
  /**
   * Checks a spec as `runs.create` does (every issue under `spec.`, the machine's limits included) and estimates what
   * the run would need, creating nothing: the New run form shows it as the spec changes.
   */
  'runs.check': { request: z.object({ spec: z.unknown() }).strict(), response: specCheckSchema },
  'runs.get': { request: z.object({ id: idSchema }).strict(), response: runDetailSchema },
  'runs.pause': { request: z.object({ id: idSchema }).strict(), response: runSummarySchema },
  /** Continues a paused run, or an interrupted one from its last checkpoint. */
  'runs.resume': { request: z.object({ id: idSchema }).strict(), response: runSummarySchema },
  'runs.stop': { request: z.object({ id: idSchema }).strict(), response: runSummarySchema },
  /**
   * Deletes an ended run so that `runs.restore` can bring it back: it leaves every list at once and is purged for good,
   * with its metrics, checkpoints and exports, by the first backend started an hour or more later
   * (DELETED_RUN_PURGE_AFTER_MS). A queued, running or paused run is refused: stop it first.
   */
  'runs.delete': { request: z.object({ id: idSchema }).strict(), response: z.object({ deleted: z.boolean() }) },
  /** Brings back a run deleted by `runs.delete` that has not been purged yet. */
  'runs.restore': { request: z.object({ id: idSchema }).strict(), response: runSummarySchema },
  /** Renames a run and/or replaces its tags or notes (limits: RUN_ANNOTATION_LIMITS, api/run-annotations.ts). */
  'runs.update': {
    request: z.object({ id: idSchema, name: runNameSchema.exactOptional(), tags: tagsSchema.exactOptional(), notes: notesSchema.exactOptional() }).strict(),
    response: runSummarySchema,
  },
  /**
   * The results of every run (of one experiment when `experimentId` is given), as `runs.results` gives one, and its
   * model's recurrent cell (null when its stored spec no longer reads): the runs table's summary columns and cell filter.
   */
  'runs.listResults': {
    request: z.object({ experimentId: idSchema.optional() }).strict(),
    response: z.array(z.object({ runId: idSchema, cell: z.string().nullable(), results: runResultsSchema })),
  },
  'runs.metrics': {
    request: z
      .object({
        id: idSchema,
        names: z.array(z.string().min(1)).min(1).max(20),
        /** Longer series are reduced to about this many points, keeping each bucket's min and max. */
        maxPoints: z.number().int().min(10).max(20_000).default(1000),
      })
      .strict(),
    response: z.array(metricSeriesSchema),
  },
  /** Per-time-step gradient norms (vanishing / exploding gradients), at every sampled training step. */
  'runs.gradientNorms': { request: z.object({ id: idSchema }).strict(), response: gradientNormsSchema },
  /** A run's results: final and best validation metrics, the task's baseline beside them, accuracy per source length, training time. */
  'runs.results': { request: z.object({ id: idSchema }).strict(), response: runResultsSchema },
  /** Every metric's every logged value (step, wall time), not downsampled: for CSV / JSON export. */
  'runs.history': { request: z.object({ id: idSchema }).strict(), response: metricHistorySchema },
  /** What a seq2seq run's attention looks at: `count` validation examples decoded greedily from a checkpoint, in a worker. */
  'runs.attention': {
    request: z
      .object({ id: idSchema, checkpoint: checkpointKindSchema().default(DEFAULT_CHECKPOINT_KIND), count: z.number().int().min(1).max(32).default(4) })
      .strict(),
    response: runAttentionSchema,
  },
  /**
   * The hidden-state explorer (api/explorer-entities.ts), from a run's checkpoint in a worker: one layer's signal over a page of
   * steps of a validation example, typed text or values (with the attention and one unit at every step); units ranked by Pearson's
   * r with a pattern; gate saturation over validation examples. Inputs over EXPLORER_LIMITS.maxSteps are refused.
   */
  'explorer.trace': { request: explorerTraceRequestSchema, response: explorerTraceSchema },
  'explorer.search': { request: explorerSearchRequestSchema, response: explorerSearchSchema },
  'explorer.saturation': { request: explorerSaturationRequestSchema, response: explorerSaturationSchema },
  /**
   * Validates a sweep spec (core/common/spec/sweep-spec.ts; every issue named under `sweep.`, trial
   * issues as `sweep.trials.<n>.<field>`), stores it with one queued run per trial, and starts at most
   * its `concurrency` of them at once.
   */
  'sweeps.create': {
    request: z.object({ experimentId: idSchema, sweep: z.unknown() }).strict(),
    response: z.object({ sweepId: idSchema, runIds: z.array(idSchema) }),
  },
  /** A sweep with its runs in trial order, each with its swept values and results. */
  'sweeps.get': { request: z.object({ id: idSchema }).strict(), response: sweepDetailSchema },
  /** Sweeps newest first (of one experiment when `experimentId` is given), each with its trial count and runs per status. */
  'sweeps.list': { request: z.object({ experimentId: idSchema.optional() }).strict(), response: z.array(sweepSummarySchema) },
  /** Stops every run of the sweep still waiting or training (waiting ones first, so none starts); `stopped` counts them. */
  'sweeps.stop': { request: z.object({ id: idSchema }).strict(), response: z.object({ stopped: z.number().int().nonnegative() }) },

  /**
   * Exports a run's trained model from its 'latest' (default) or 'best' checkpoint, in a worker: ONNX
   * (then its parity report in onnxruntime against SeqLab's forward) or safetensors (PyTorch names).
   * `path` is absolute; by default the file goes to an `exports/` folder beside the database
   * (`run-<id>.onnx`, `run-<id>-best.onnx`, `run-<id>.safetensors`, …). The export is recorded with its SHA-256.
   * A file already there (for a two-graph export, either `X.onnx` or `X.step.onnx`) is refused with a
   * `conflict` naming it, and nothing is written, unless `overwrite` is true.
   */
  'models.export': {
    request: z
      .object({
        runId: idSchema,
        checkpoint: checkpointKindSchema().default(DEFAULT_CHECKPOINT_KIND),
        format: exportFormatSchema.default('onnx'),
        path: filePathSchema.exactOptional(),
        overwrite: z.boolean().default(false),
      })
      .strict(),
    response: modelExportSchema,
  },
  /** Exports newest first (of one run when `runId` is given), each with its run and parity report. */
  'models.list': { request: z.object({ runId: idSchema.optional() }).strict(), response: z.array(modelExportSchema) },
  /** What an exported ONNX model takes and returns, read from the file in the inference worker. */
  'models.describe': { request: z.object({ exportId: idSchema }).strict(), response: modelInfoSchema },
  /**
   * Which rows of each recurrent weight are which gate, in SeqLab / PyTorch order and in ONNX order, for the
   * sequence model of a run or of an export's run (from the stored spec; no worker, no file read).
   */
  'models.gateLayout': {
    request: z.union([z.object({ exportId: idSchema }).strict(), z.object({ runId: idSchema }).strict()]),
    response: gateLayoutSchema,
  },
  /** Classifies or regresses one sequence: text or tokens for token / class inputs, [T, I] values for dense inputs. */
  'models.predict': {
    request: z
      .object({
        exportId: idSchema,
        input: z.union([
          z.object({ text: z.string().min(1).max(100_000) }).strict(),
          z.object({ tokens: z.array(z.string()).min(1).max(100_000) }).strict(),
          z.object({ values: z.array(z.array(z.number())).min(1).max(100_000) }).strict(),
        ]),
      })
      .strict(),
    response: predictionSchema,
  },
  /**
   * A held-out example of the export's task (its validation stream, drawn by the task's generator; example `index`)
   * with its true answer, and for a forecaster the true series `steps` values past the window. Refused for a model
   * trained on an imported dataset (the playground takes typed input there) and for two-graph exports.
   */
  'models.example': {
    request: z.object({ exportId: idSchema, index: z.number().int().min(0).max(10_000).default(0), steps: lengthSchema().default(50) }).strict(),
    response: playgroundExampleSchema,
  },
  /**
   * The teaching playground (core/common/teaching): a tiny model training continuously in this client's teaching
   * worker. `configure` starts it (or rebuilds it from scratch with new settings: a fresh session, the next
   * `generation`); settings the spec refuses come back as issues under `settings.`, the session unchanged. Nothing
   * is stored unless `saveAsRun` creates a normal run of the current settings (`steps` long). A client silent for
   * LEASE_MS (teaching-service.ts) loses its worker; `keepAlive` renews it.
   */
  'teaching.configure': { request: z.object({ clientId: teachingClientIdSchema, settings: teachingSettingsSchema }).strict(), response: teachingStateSchema },
  'teaching.control': {
    request: z.object({ clientId: teachingClientIdSchema, action: z.enum(['play', 'pause', 'step', 'reset']) }).strict(),
    response: teachingStateSchema,
  },
  'teaching.keepAlive': { request: z.object({ clientId: teachingClientIdSchema }).strict(), response: z.object({ alive: z.boolean() }) },
  'teaching.stop': { request: z.object({ clientId: teachingClientIdSchema }).strict(), response: z.object({ stopped: z.boolean() }) },
  'teaching.saveAsRun': {
    request: z
      .object({
        clientId: teachingClientIdSchema,
        experimentId: idSchema,
        steps: z.number().int().min(TRAINING_LIMITS.steps.min).max(TRAINING_LIMITS.steps.max).default(2000),
      })
      .strict(),
    response: runSummarySchema,
  },
  /** Continues a dense series `steps` values past `values` [T, I], feeding each prediction back as input. */
  'models.forecast': {
    request: z
      .object({
        exportId: idSchema,
        values: z.array(z.array(z.number())).min(1).max(100_000),
        steps: lengthSchema(),
      })
      .strict(),
    response: forecastSchema,
  },
  /**
   * Generates text from a prompt: greedy at temperature 0, else sampled (optionally among the top k).
   * With `stream` (from an earlier call) the recurrent state carries on from where that text ended.
   */
  'models.generate': {
    request: z
      .object({
        exportId: idSchema,
        prompt: z.string().max(100_000).default(''),
        length: lengthSchema().default(200),
        temperature: temperatureSchema().default(1),
        topK: z.number().int().min(DECODING_LIMITS.topK.min).exactOptional(),
        seed: seedSchema().exactOptional(),
        stream: z.string().min(1).max(100).exactOptional(),
      })
      .strict(),
    response: generationSchema,
  },
  /**
   * Runs an exported encoder–decoder (its encoder graph, then its decoder-step graph once per token) on a
   * source string: greedy at temperature 0 (the default), else sampled (optionally among the top k), or with
   * `beam` by beam search (the hypotheses kept are returned in `beams`, best first).
   * Returns the target and the attention weights of every written token over the source tokens.
   */
  'models.translate': {
    request: z
      .object({
        exportId: idSchema,
        source: z.string().min(1).max(100_000),
        maxLength: lengthSchema().default(200),
        temperature: temperatureSchema().default(0),
        topK: z.number().int().min(DECODING_LIMITS.topK.min).exactOptional(),
        seed: seedSchema().exactOptional(),
        /** Beam search with this many hypotheses instead of greedy / sampled decoding (temperature must be 0). */
        beam: z.number().int().min(DECODING_LIMITS.beam.min).max(DECODING_LIMITS.beam.max).exactOptional(),
      })
      .strict(),
    response: translationSchema,
  },
  /**
   * Unrolls an exported one-to-many model (its condition graph, then its decoder-step graph once per step,
   * each output fed back as the next input) from a condition: a class label, or a feature vector. Token
   * decoders pick greedily at temperature 0 (the default), else sample (optionally among the top k).
   */
  'models.unroll': {
    request: z
      .object({
        exportId: idSchema,
        condition: z.union([z.string().min(1).max(1000), z.array(z.number()).min(1).max(10_000)]),
        length: lengthSchema().default(50),
        temperature: temperatureSchema().default(0),
        topK: z.number().int().min(DECODING_LIMITS.topK.min).exactOptional(),
        seed: seedSchema().exactOptional(),
      })
      .strict(),
    response: unrollSchema,
  },

  /**
   * What an import of `path` (a full path on the backend's machine) would see in its first part: the kind (as
   * asked, or detected and why), format, header, column types, which columns a series reads and why, first rows,
   * lengths histogram, class balance, and the problems found there (cells a series cannot read among them).
   */
  'datasets.preview': {
    request: z
      .object({
        path: filePathSchema,
        options: z
          .object({
            kind: z.enum(['auto', ...IMPORT_KINDS]).exactOptional(),
            format: z.enum(FORMAT_CHOICES).exactOptional(),
            delimiter: z.string().min(1).max(1).exactOptional(),
            header: z.union([z.boolean(), z.literal('auto')]).exactOptional(),
            columns: z.array(z.string().min(1)).min(1).max(1000).exactOptional(),
            target: z.string().min(1).exactOptional(),
            decimal: z.enum(['auto', '.', ',']).exactOptional(),
            rows: z.number().int().min(1).max(200).exactOptional(),
            label: z.string().min(1).exactOptional(),
            sequence: z.string().min(1).exactOptional(),
            level: z.enum(['char', 'word']).exactOptional(),
          })
          .strict()
          .default({}),
      })
      .strict(),
    response: datasetPreviewSchema,
  },
  /**
   * Streams the file through the importer of `options.kind` (core/common/data/import/import-options.ts; left out,
   * the kind is detected from the content, or the file is refused asking for it) and registers it, or returns the
   * dataset already registered for the same content and options (`reused`). `report` says what was detected and
   * why: the kind, each column's part, the windows that fit. A bad file is an `invalid-request` whose message
   * names file, line and column; nothing is registered.
   */
  'datasets.import': {
    request: z.object({ path: filePathSchema, options: importRequestSchema.default({}), name: z.string().trim().min(1).max(200).optional() }).strict(),
    response: z.object({ dataset: datasetSchema, reused: z.boolean(), report: importReportSchema }),
  },
  /** Registered datasets, newest first. */
  'datasets.list': { request: empty, response: z.array(datasetSchema) },

  /** The built-in studies (core/common/studies) with their budgets, and every study run so far, newest first, with its progress and verdict. */
  'studies.list': { request: empty, response: z.object({ builtin: z.array(studyInfoSchema), studies: z.array(studySummarySchema) }) },
  /**
   * Runs a study at a budget: a built-in one by id, or a definition given whole (core/common/studies/study-definition.ts;
   * issues under `definition.`). Every trial's spec is checked as `runs.create` checks one before anything is stored; a
   * refused trial refuses the study, named (`sweep.trials.<n>.<field>`). Files the runs, one sweep, under the experiment
   * `Study: <title>` (created if missing).
   */
  'studies.run': {
    request: z
      .object({
        study: z.string().trim().min(1).max(120).optional(),
        definition: z.unknown().optional(),
        budget: z.string().trim().min(1).max(40).default('quick'),
      })
      .strict()
      .refine((r) => (r.study === undefined) !== (r.definition === undefined), {
        message: 'give exactly one of "study" (a built-in id) or "definition"',
        path: ['study'],
      }),
    response: z.object({ id: idSchema, sweepId: idSchema, experimentId: idSchema, runIds: z.array(idSchema) }),
  },
  /** A study with its runs, aggregated results, checks, verdict and figure data. */
  'studies.get': { request: z.object({ id: idSchema }).strict(), response: studyDetailSchema },
  /** A study's report: one self-contained HTML file and its results as CSV (one row per run). */
  'studies.report': { request: z.object({ id: idSchema }).strict(), response: studyReportSchema },
} as const;

export const apiEvents = {
  /** Throttled progress of a training run. */
  'run.progress': z.object({
    runId: idSchema,
    step: z.number().int().nonnegative(),
    totalSteps: z.number().int().positive(),
    loss: z.number().nullable(),
    accuracy: z.number().nullable(),
    learningRate: z.number(),
    /** Global gradient norm before clipping. */
    gradNorm: z.number().nullable(),
    tokensPerSecond: z.number().nonnegative().nullable(),
    etaSeconds: z.number().nonnegative().nullable(),
  }),
  /** A run changed state (queued → running → …). */
  'run.status': z.object({
    runId: idSchema,
    status: runStatusSchema,
    error: z.string().nullable(),
    divergence: runDivergenceSchema.optional(),
  }),
  /** A run noted an explosion and trains on (training.divergence.action 'warn'); the run's `warnings` hold it too. */
  'run.warning': z.object({ runId: idSchema, warning: runDivergenceSchema }),
  /** The experiments list changed (created, renamed, deleted) — lets every open window refresh. */
  'experiments.changed': z.object({}),
  /** A dataset was registered — lets every open window refresh its list. */
  'datasets.changed': z.object({}),
  /** A study was started — lets every open window refresh its Studies list (its runs report through run.status). */
  'studies.changed': z.object({}),
  /** A teaching session's progress (teaching.*), coalesced to at most 10 a second; each client keeps its own `clientId`'s. */
  'teaching.update': teachingUpdateSchema,
  /** Bytes read by an import in progress (pass 1 checks, pass 2 fits normalisers), at most about 10 per second. */
  'datasets.importProgress': z.object({
    path: z.string(),
    pass: z.number().int().positive(),
    bytesRead: z.number().nonnegative(),
    totalBytes: z.number().nonnegative(),
  }),
} as const;

export type ApiCallName = keyof typeof apiCalls;
export type ApiEventName = keyof typeof apiEvents;
/** What a caller passes (defaults may be omitted). */
export type ApiRequest<N extends ApiCallName> = z.input<(typeof apiCalls)[N]['request']>;
/** What a handler receives, after validation and defaults. */
export type ApiParsedRequest<N extends ApiCallName> = z.output<(typeof apiCalls)[N]['request']>;
export type ApiResponse<N extends ApiCallName> = z.output<(typeof apiCalls)[N]['response']>;
export type ApiEvent<E extends ApiEventName> = z.output<(typeof apiEvents)[E]>;

export const API_CALL_NAMES = Object.keys(apiCalls) as ApiCallName[];
export const API_EVENT_NAMES = Object.keys(apiEvents) as ApiEventName[];

export function isApiCallName(name: unknown): name is ApiCallName {
  return typeof name === 'string' && Object.hasOwn(apiCalls, name);
}

export function isApiEventName(name: unknown): name is ApiEventName {
  return typeof name === 'string' && Object.hasOwn(apiEvents, name);
}
