// Schemas of the records that cross the API boundary (JSON only), shared by every transport and the renderer.
import { z } from 'zod';
import { CELL_NAMES } from '../nn/cell-names';
import { ENCODING_KINDS, LOSS_NAMES, OUTPUT_VALUE_KINDS, READOUTS, TASK_METRIC_NAMES, TASK_SHAPES, TOKENIZATIONS } from '../tasks/task-vocabulary';
import { CHECKPOINT_KINDS } from '../train/checkpoint-kinds';
import { IMPORT_KINDS } from '../data/import/import-kinds';
import { runDivergenceSchema } from '../train/divergence';
import { resourceEstimateSchema } from '../spec/resource-estimate';
import { experimentSpecSchema, type ExperimentSpecInput } from '../spec/experiment-spec';
import { sweepSpecSchema } from '../spec/sweep-spec';
import { FILE_FORMATS } from '../data/import/file-formats';

export const RUN_STATUSES = ['queued', 'running', 'paused', 'completed', 'stopped', 'failed', 'diverged', 'interrupted'] as const;
export const runStatusSchema = z.enum(RUN_STATUSES);

/** A fresh schema of a checkpoint kind each call, so each use may add its own default. */
export const checkpointKindSchema = () => z.enum(CHECKPOINT_KINDS);
export type RunStatus = z.infer<typeof runStatusSchema>;

export const experimentNameSchema = z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters');

export const experimentSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  notes: z.string(),
  tags: z.array(z.string()),
  /** Epoch milliseconds, like every timestamp in the API. */
  createdAt: z.number(),
  runCount: z.number().int().nonnegative(),
  /** When it was archived (hidden from the list unless asked for); null while it is not. */
  archivedAt: z.number().nullable(),
});
export type Experiment = z.infer<typeof experimentSchema>;

/** An explosion the run loop found: defined with the monitor that finds it (train/divergence.ts). */
export { runDivergenceSchema, type RunDivergence } from '../train/divergence';

export const runSummarySchema = z.object({
  id: z.number().int().positive(),
  experimentId: z.number().int().positive(),
  name: z.string(),
  status: runStatusSchema,
  error: z.string().nullable(),
  /** Last step the run reported, and the planned total when the spec fixes one. */
  step: z.number().int().nonnegative(),
  totalSteps: z.number().int().positive().nullable(),
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  /** Training time of the run's finished active (running) segments, ms: pauses and interruptions excluded. */
  activeMs: z.number().int().nonnegative(),
  /** Start of the segment it is training in now (add now − runningSince to activeMs); null unless running. */
  runningSince: z.number().nullable(),
  /** For a diverged run: the explosion that ended it; null otherwise. */
  divergence: runDivergenceSchema.nullable(),
  /** Explosions a run with training.divergence.action 'warn' trained on through, oldest first. */
  warnings: z.array(runDivergenceSchema),
  /** Labels and notes a person gave the run (limits: api/run-annotations.ts). */
  tags: z.array(z.string()),
  notes: z.string(),
  /** The sweep the run is a trial of; null for a run started on its own. */
  sweepId: z.number().int().positive().nullable(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const appInfoSchema = z.object({
  name: z.literal('SeqLab'),
  version: z.string(),
  /** Absolute path of the SQLite run store this backend uses. */
  databasePath: z.string(),
  /** Which host serves the API: the Electron main process or `npm run serve`. */
  host: z.enum(['electron', 'serve', 'cli']),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const taskParamSchema = z.object({
  name: z.string(),
  label: z.string(),
  description: z.string(),
  kind: z.enum(['int', 'number', 'boolean', 'choice']),
  default: z.union([z.number(), z.boolean(), z.string()]),
  /** The rule in words, e.g. "an integer in [2, 10000]". */
  range: z.string(),
});

/** A built-in task as the UI lists it. */
export const taskInfoSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  shape: z.enum(TASK_SHAPES),
  /** Whether a model may read inputs after step t to answer for step t (causal: no, so no bidirectional model), and why. */
  causality: z.object({ causal: z.boolean(), reason: z.string() }),
  loss: z.enum(LOSS_NAMES),
  metrics: z.array(z.enum(TASK_METRIC_NAMES)),
  params: z.array(taskParamSchema),
  /** The default instance's trivial baseline, e.g. MSE 0.167 for always predicting 1 on the adding problem. */
  baseline: z.object({ metric: z.enum(TASK_METRIC_NAMES), value: z.number(), description: z.string() }),
});
export type TaskInfo = z.infer<typeof taskInfoSchema>;

/**
 * A run with its full resolved experiment spec, read through the spec schema (a field added since the run was created
 * shows its default, which is what resuming or exporting the run uses).
 */
export const runDetailSchema = runSummarySchema.extend({
  spec: experimentSpecSchema,
  /** Names of the metrics stored for this run (train loss, validation loss, …). */
  metricNames: z.array(z.string()),
});
export type RunDetail = z.infer<typeof runDetailSchema>;

/** One metric of one run over steps, downsampled on the backend to what a chart can show. */
export const metricSeriesSchema = z.object({
  name: z.string(),
  steps: z.array(z.number()),
  /** NaN and ±Infinity (a diverged run) travel as null. */
  values: z.array(z.number().nullable()),
  /** Epoch ms each point was logged (runs.metrics always sends them; charts by wall or relative time need them). */
  wallTimes: z.array(z.number()).optional(),
});
export type MetricSeries = z.infer<typeof metricSeriesSchema>;

/**
 * A spec as a person wrote it (defaults left out), checked to be a valid one: what a preset puts in the JSON editor,
 * exactly as its file says it. Parsing keeps the value as it is.
 */
export const specAsWrittenSchema = z.custom<ExperimentSpecInput>((value) => experimentSpecSchema.safeParse(value).success, {
  error: 'is not a valid experiment spec',
});

/** An example spec shipped with the app (resources/examples). */
export const presetSchema = z.object({ id: z.string(), name: z.string(), spec: specAsWrittenSchema });
export type Preset = z.infer<typeof presetSchema>;

/**
 * A spec checked as `runs.create` would check it, without creating anything: its issues (named under `spec.`), what
 * the run would need (null when the spec is not valid in itself), and what the backend's machine allows a run.
 */
export const specCheckSchema = z.object({
  ok: z.boolean(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })),
  estimate: resourceEstimateSchema.nullable(),
  machine: z.object({ totalMemoryBytes: z.number().nonnegative(), memoryBytes: z.number().nonnegative(), parallelism: z.number().int().positive() }),
});
export type SpecCheck = z.infer<typeof specCheckSchema>;

/** A seq2seq run's attention on validation examples (runs.attention): rows are generated tokens, columns source tokens. */
export const runAttentionSchema = z.object({
  checkpoint: checkpointKindSchema(),
  step: z.number().int().nonnegative(),
  examples: z.array(
    z.object({
      source: z.array(z.string()),
      /** The reference answer, EOS included. */
      target: z.array(z.string()),
      /** Greedy free-running output, EOS included when reached. */
      generated: z.array(z.string()),
      exact: z.boolean(),
      /** [generated.length][source.length]; each row sums to 1. */
      weights: z.array(z.array(z.number())),
    }),
  ),
});
export type RunAttention = z.infer<typeof runAttentionSchema>;

/**
 * ‖∂L/∂h_t‖ per layer/direction and time step t, at every training step where it was sampled:
 * `values[i]` is a [layers.length, timeSteps] row-major grid for training step `sampledSteps[i]`.
 */
export const gradientNormsSchema = z.object({
  layers: z.array(z.string()),
  timeSteps: z.number().int().nonnegative(),
  sampledSteps: z.array(z.number().int()),
  values: z.array(z.array(z.number().nullable())),
  /**
   * ‖∂L/∂c_t‖ of an LSTM's cell state, grids shaped and indexed exactly as `values` (same layers, time steps and
   * sampled steps); null when the run logged none (other cells, and runs from before it was logged).
   */
  cellValues: z.array(z.array(z.number().nullable())).nullable(),
});
export type GradientNorms = z.infer<typeof gradientNormsSchema>;

/** The baseline of a run's task as its run stored it (metric-names.ts, baselineMetricName). */
export const runBaselineSchema = z.object({
  /** The stored metric the baseline is a value of, e.g. `val/loss`. */
  metric: z.string(),
  value: z.number(),
  /** Whether smaller is better for that metric. */
  lowerIsBetter: z.boolean(),
  /** The run's last value of that metric; null before its first evaluation. */
  final: z.number().nullable(),
  /** Whether `final` is better than `value` (by the metric's direction); null when there is no final value. */
  beaten: z.boolean().nullable(),
});
export type RunBaseline = z.infer<typeof runBaselineSchema>;

/** Seq2seq evaluation of the held-out examples with one source length. */
export const lengthAccuracySchema = z.object({
  /** Source tokens. */
  length: z.number().int().nonnegative(),
  sequences: z.number().int().nonnegative(),
  sequenceAccuracy: z.number().nullable(),
  tokenAccuracy: z.number().nullable(),
});
export type LengthAccuracyResult = z.infer<typeof lengthAccuracySchema>;

/** A run's outcome in numbers, for tables (CLI compare, sweeps); null where the run has not logged it. */
export const runResultsSchema = z.object({
  /** Train loss at the run's last step. */
  finalTrainLoss: z.number().nullable(),
  finalValLoss: z.number().nullable(),
  bestValLoss: z.number().nullable(),
  bestValLossStep: z.number().int().nullable(),
  finalValAccuracy: z.number().nullable(),
  bestValAccuracy: z.number().nullable(),
  /** Fraction of validation sequences entirely right (seq2seq: free-running greedy decoding); null when not logged. */
  finalValSequenceAccuracy: z.number().nullable(),
  bestValSequenceAccuracy: z.number().nullable(),
  /** Language models: exp(mean cross-entropy) and bits per character at the last evaluation; null when not logged. */
  finalValPerplexity: z.number().nullable(),
  finalValBitsPerChar: z.number().nullable(),
  /** For a sweep trial: its sweep and the values it gave the swept fields, readable (`cell=lstm hiddenSize=64`); else null. */
  trial: z.object({ sweepId: z.number().int().positive(), label: z.string() }).nullable(),
  /** The task's trivial baseline beside the run's last value of the metric it scores; null for a run that logged none. */
  baseline: runBaselineSchema.nullable(),
  /** Seq2seq: accuracy per source length at the last evaluation (`step`); null when not logged. */
  byLength: z.object({ step: z.number().int(), lengths: z.array(lengthAccuracySchema) }).nullable(),
  /** Training time in ms: the sum of the run's active segments (to now while it trains); pauses and interruptions excluded. */
  durationMs: z.number().nonnegative().nullable(),
});
export type RunResults = z.infer<typeof runResultsSchema>;

export const NON_FINITE_VALUES = ['NaN', 'Infinity', '-Infinity'] as const;

/** Every logged value of every metric of a run at full resolution (runs.history): one row per step that logged any. */
export const metricHistorySchema = z.object({
  /** Metric names, sorted; per-time-step gradient norms (runs.gradientNorms) and baselines (results) left out. */
  names: z.array(z.string()),
  rows: z.array(
    z.object({
      step: z.number().int().nonnegative(),
      /** Epoch ms when the last value of this step was logged. */
      wallTime: z.number(),
      /** One per name: null where the step logged none; NaN and ±Infinity (a diverged run) as the strings JSON lacks. */
      values: z.array(z.union([z.number(), z.enum(NON_FINITE_VALUES)]).nullable()),
    }),
  ),
});
export type MetricHistory = z.infer<typeof metricHistorySchema>;

/** One trial of a sweep: its run, the values it gave the swept fields, and its results. */
export const sweepRunSchema = runSummarySchema.extend({
  params: z.record(z.string(), z.unknown()),
  results: runResultsSchema,
});
export type SweepRun = z.infer<typeof sweepRunSchema>;

/** A grid or random search over a base spec; its runs in trial order. */
export const sweepDetailSchema = z.object({
  id: z.number().int().positive(),
  experimentId: z.number().int().positive(),
  name: z.string(),
  strategy: z.enum(['grid', 'random', 'list']),
  /** The swept field paths (`model.hiddenSize`, …), in the sweep's order. */
  fields: z.array(z.string()),
  /** Trials of this sweep that train at once. */
  concurrency: z.number().int().positive(),
  /** The validated sweep spec (core/common/spec/sweep-spec.ts), defaults filled in. */
  spec: sweepSpecSchema,
  createdAt: z.number(),
  runs: z.array(sweepRunSchema),
});
export type SweepDetail = z.infer<typeof sweepDetailSchema>;

/** A sweep in a list: what it searches and how far its trials have come (runs per status). */
export const sweepSummarySchema = z.object({
  id: z.number().int().positive(),
  experimentId: z.number().int().positive(),
  name: z.string(),
  /** From its stored spec: null (and fields empty) when that record is damaged — see problem. */
  strategy: z.enum(['grid', 'random', 'list']).nullable(),
  /** The swept field paths, in the sweep's order. */
  fields: z.array(z.string()),
  trialCount: z.number().int().nonnegative().nullable(),
  /** How many of its runs are in each status (every status present, 0 when none). */
  statusCounts: z.record(runStatusSchema, z.number().int().nonnegative()),
  createdAt: z.number(),
  /** Why its stored spec cannot be read (the storage error naming the damaged field, as sweeps.get refuses with); null when it can. */
  problem: z.string().nullable(),
});
export type SweepSummary = z.infer<typeof sweepSummarySchema>;

export const EXPORT_FORMATS = ['onnx', 'safetensors'] as const;
export const exportFormatSchema = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

/**
 * One element of an output (core/common/onnx/parity-criterion.ts): its index, SeqLab's and onnxruntime's
 * values, |Δ| and the bound atol + rtol·|SeqLab| it had to meet; numbers that were not finite are null.
 */
export const parityElementSchema = z.object({
  index: z.array(z.number().int().nonnegative()),
  expected: z.number().nullable(),
  actual: z.number().nullable(),
  absDiff: z.number().nullable(),
  allowed: z.number().nullable(),
});
export type ParityElementJson = z.infer<typeof parityElementSchema>;

/** One graph output of one case: max |Δ|, its worst element (null: nothing compared), pass, and why it could not be compared. */
export const outputParitySchema = z.object({
  maxAbsDiff: z.number().nullable(),
  worst: parityElementSchema.nullable(),
  pass: z.boolean(),
  problem: z.string().optional(),
});
export type OutputParity = z.infer<typeof outputParitySchema>;

/** One parity case: SeqLab's forward against onnxruntime on the same held-out inputs. */
export const parityCaseSchema = z.object({
  name: z.string(),
  batch: z.number().int().positive(),
  steps: z.number().int().positive(),
  variableLengths: z.boolean(),
  /** 'encoder': an encoder–decoder's decoder, started from the bridge of the encoder's state; 'condition': a one-to-many decoder, from its condition. */
  initialState: z.enum(['zero', 'random', 'encoder', 'condition']),
  /** Each graph output (y, Y_h, Y_c; memory, logits, …) judged elementwise. */
  outputs: z.record(z.string(), outputParitySchema),
  /** The largest max |Δ| of the outputs; null when not finite (a mismatch). */
  maxAbsDiff: z.number().nullable(),
  pass: z.boolean(),
});
export type ParityCase = z.infer<typeof parityCaseSchema>;

export const parityReportSchema = z.object({
  /** Every element had to meet |Δ| ≤ atol + rtol·|SeqLab| (core/common/onnx/parity-criterion.ts). */
  criterion: z.object({ atol: z.number().nonnegative(), rtol: z.number().nonnegative() }),
  passed: z.boolean(),
  maxAbsDiff: z.number().nullable(),
  /** onnxruntime version that ran the exported graph. */
  runtime: z.string(),
  cases: z.array(parityCaseSchema),
});
export type ParityReport = z.infer<typeof parityReportSchema>;

/** A model file written from a run: where, from which checkpoint, its hash, and (ONNX) its parity report. */
export const modelExportSchema = z.object({
  id: z.number().int().positive(),
  runId: z.number().int().positive(),
  runName: z.string(),
  format: exportFormatSchema,
  path: z.string(),
  /** Lower-case hex SHA-256 of the file as written. */
  hash: z.string(),
  byteLength: z.number().int().nonnegative().nullable(),
  checkpoint: z.object({ kind: checkpointKindSchema(), step: z.number().int().nonnegative() }).nullable(),
  createdAt: z.number(),
  /** Null for safetensors (no graph to run). */
  parity: parityReportSchema.nullable(),
  /**
   * An encoder–decoder is exported as two ONNX graphs: `path` / `hash` are the encoder graph, this is
   * the decoder-step graph beside it (null for every other export).
   */
  decoderStep: z.object({ path: z.string(), hash: z.string(), byteLength: z.number().int().nonnegative().nullable() }).nullable(),
});
export type ModelExport = z.infer<typeof modelExportSchema>;

const encodingKindSchema = z.enum(ENCODING_KINDS);

/** The inference requests besides describe (`models.<request>`). */
export const MODEL_REQUESTS = ['predict', 'forecast', 'generate', 'translate', 'unroll'] as const;
export type ModelRequest = (typeof MODEL_REQUESTS)[number];

/** An exported model as the playground sees it, read from the file's own metadata. */
export const modelInfoSchema = z.object({
  /** Null for a file opened by path rather than from the store. */
  exportId: z.number().int().positive().nullable(),
  runId: z.number().int().positive().nullable(),
  seqlabVersion: z.string(),
  task: z.object({ id: z.string(), shape: z.enum(TASK_SHAPES) }),
  cell: z.enum(CELL_NAMES),
  hiddenSize: z.number().int().positive(),
  numLayers: z.number().int().positive(),
  bidirectional: z.boolean(),
  input: z.object({
    kind: encodingKindSchema,
    tokenization: z.enum(TOKENIZATIONS).nullable(),
    /** Number of token ids / classes / features. */
    size: z.number().int().positive(),
    /** Tokens (without the reserved ones), labels or feature names; at most the first 200. */
    symbols: z.array(z.string()),
  }),
  output: z.object({
    kind: encodingKindSchema,
    readout: z.enum(READOUTS),
    values: z.enum(OUTPUT_VALUE_KINDS),
    size: z.number().int().positive(),
    symbols: z.array(z.string()),
  }),
  /** Text in, next token out at every step, one direction: the playground can generate. */
  canGenerate: z.boolean(),
  /** Dense in and out: predictions can be fed back as inputs. */
  canForecast: z.boolean(),
  /** What this model can be asked for (models.predict, models.translate, …): said by its kind's inference facet, so no caller needs a rule per kind. */
  requests: z.array(z.enum(MODEL_REQUESTS)),
  /**
   * For a model trained on an imported dataset: one sentence on how its codec (stored in the file) puts inputs and
   * outputs in the dataset's units — z-scores, tokenisation. Null for built-in tasks.
   */
  datasetCodec: z.string().nullable(),
});
export type ModelInfo = z.infer<typeof modelInfoSchema>;

const gateRowsSchema = z.object({
  /** The layers' (PyTorch's) letter: i, f, g, o / r, z, n / h. */
  gate: z.string(),
  name: z.string(),
  /** Rows [start, end) along the gate axis. */
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
});

/**
 * Which rows of each recurrent weight of one recurrent stack are which gate, in SeqLab / PyTorch order and
 * where each block lands in the ONNX operator's W / R / B (core/common/onnx/gate-layout.ts).
 */
export const gateStackSchema = z.object({
  /** 'stack': a sequence model's recurrent layers; 'encoder': an encoder–decoder's encoder; 'decoder': the one decoder cell. */
  name: z.enum(['stack', 'encoder', 'decoder']),
  /** The exported graph that holds its operator weights: the model's one graph, the encoder graph, or the decoder-step graph. */
  graph: z.enum(['model', 'encoder', 'step']),
  cell: z.enum(CELL_NAMES),
  hiddenSize: z.number().int().positive(),
  numLayers: z.number().int().positive(),
  bidirectional: z.boolean(),
  /** Gate letters in the layers' order and in the ONNX operator's order. */
  seqlabOrder: z.array(z.string()),
  onnxOrder: z.array(z.string()),
  /** Features (or embedding size, or the decoder cell's input) the first layer reads; null when the run's data no longer says. */
  inputSize: z.number().int().positive().nullable(),
  parameters: z.array(
    z.object({
      /** PyTorch name, e.g. `weight_hh_l1_reverse`, `encoder.rnn.weight_ih_l0`, `decoder.cell.weight_hh`. */
      parameter: z.string(),
      kind: z.enum(['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh']),
      layer: z.number().int().nonnegative(),
      direction: z.number().int().min(0).max(1),
      /** The PyTorch tensor's shape: [G, in] for weights, [G] for biases (null: an unknown input size). */
      shape: z.array(z.number().int().positive().nullable()),
      seqlab: z.array(gateRowsSchema),
      onnx: z.object({
        /** Initializer name (`l0.W`, `l0.R`, `l0.B`; `decoder.cell.W` …) and its shape [D, G, in], [D, G, H] or [D, 2G]. */
        tensor: z.string(),
        shape: z.array(z.number().int().positive().nullable()),
        blocks: z.array(
          gateRowsSchema.extend({
            onnxGate: z.string(),
            direction: z.number().int().min(0).max(1),
            from: z.object({ start: z.number().int(), end: z.number().int() }),
          }),
        ),
      }),
    }),
  ),
});
export type GateStack = z.infer<typeof gateStackSchema>;

/** The gate layout of a run's model (or an export's): one stack for a sequence model, encoder and decoder for the others. */
export const gateLayoutSchema = z.object({
  runId: z.number().int().positive(),
  exportId: z.number().int().positive().nullable(),
  stacks: z.array(gateStackSchema).min(1),
});
export type GateLayoutInfo = z.infer<typeof gateLayoutSchema>;

/**
 * Input tokens the model's vocabulary lacks, each read as `<unk>` (which a model trained on a built-in task
 * never saw): how many occurrences, and which tokens, distinct, in order of first appearance (at most
 * MAX_NAMED_UNKNOWN, core/common/model/unknown-tokens.ts).
 */
export const unknownTokensSchema = z.object({
  count: z.number().int().nonnegative(),
  tokens: z.array(z.string()),
});
export type UnknownTokens = z.infer<typeof unknownTokensSchema>;

export const predictionSchema = z.object({
  readout: z.enum(READOUTS),
  /** Names of the output columns: tokens, labels or feature names. */
  outputNames: z.array(z.string()),
  /** [T, O] at every step or [1, O] per sequence: probabilities or values. */
  rows: z.array(z.array(z.number())),
  /** The arg-max token or label of each row (classes and tokens only). */
  predicted: z.array(z.string()).nullable(),
  /** Text or token input the vocabulary lacks (count 0 otherwise). */
  unknown: unknownTokensSchema,
  /**
   * For a task whose target is a function of its input (the adding problem): that target for this input by the
   * task's own definition, in the outputs' units, or why this input has none; null for other tasks.
   */
  truth: z.union([z.object({ values: z.array(z.number()) }), z.object({ refused: z.string() })]).nullable(),
});
export type Prediction = z.infer<typeof predictionSchema>;

/**
 * A held-out example of an export's task, drawn by the task's own generator from its validation stream: the input
 * the playground starts from and its true answer. A forecast's truth runs `continuation` steps past the window.
 */
export const playgroundExampleSchema = z.object({
  /** Which example of the validation stream (0 is the first). */
  index: z.number().int().nonnegative(),
  input: z.union([z.object({ values: z.array(z.array(z.number())) }), z.object({ tokens: z.array(z.string()) })]),
  /** The true answer: regression values [O], or a class label / token per output. */
  target: z.union([z.object({ values: z.array(z.number()) }), z.object({ labels: z.array(z.string()) })]),
  /** For a forecaster: the true series after the window, [steps] values of its target (null otherwise). */
  continuation: z.array(z.number()).nullable(),
});
export type PlaygroundExample = z.infer<typeof playgroundExampleSchema>;

export const forecastSchema = z.object({
  featureNames: z.array(z.string()),
  /** [steps, I] the predicted continuation. */
  values: z.array(z.array(z.number())),
});
export type Forecast = z.infer<typeof forecastSchema>;

export const generationSchema = z.object({
  text: z.string(),
  /** Pass back as `stream` to continue from where this text ended (state carried in the inference worker). */
  stream: z.string(),
  /** Tokens generated in this call. */
  tokens: z.number().int().nonnegative(),
  /** Prompt tokens the vocabulary lacks. */
  unknown: unknownTokensSchema,
  /**
   * Every token generated in this call as it was decoded: its text, the model's probability of it (its softmax,
   * before temperature or top-k), and the most likely tokens at that step with theirs, most likely first.
   */
  pieces: z.array(z.object({ text: z.string(), probability: z.number(), alternatives: z.array(z.object({ text: z.string(), probability: z.number() })) })),
});
export type Generation = z.infer<typeof generationSchema>;

/** An encoder–decoder's output for one source, with where it looked while writing each token. */
export const translationSchema = z.object({
  /** The source as the model read it: one token per encoder step (S). */
  sourceTokens: z.array(z.string()),
  /** The tokens generated, the end token `<eos>` included when reached (T). */
  tokens: z.array(z.string()),
  /** The generated text, special tokens left out. */
  text: z.string(),
  /** Whether generation ended with `<eos>` (else it stopped at maxLength). */
  finished: z.boolean(),
  /** [T, S] additive-attention weights of the step that wrote each token (rows sum to 1); null without attention. */
  attention: z.array(z.array(z.number())).nullable(),
  /** Source tokens the vocabulary lacks. */
  unknown: unknownTokensSchema,
  /**
   * With beam search (models.translate `beam`): every hypothesis kept, best first — the first is the one
   * above. score = logProb / |tokens| (length-normalised; |tokens| counts <eos>). Absent otherwise.
   */
  beams: z.array(z.object({ tokens: z.array(z.string()), text: z.string(), logProb: z.number(), score: z.number(), finished: z.boolean() })).optional(),
});
export type Translation = z.infer<typeof translationSchema>;

/** A one-to-many model's free-running output for one condition (models.unroll). */
export const unrollSchema = z.object({
  /** The condition as the model read it: a class with its label, or the feature values. */
  condition: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('class'), label: z.string(), id: z.number().int().nonnegative() }),
    z.object({ kind: z.literal('dense'), values: z.array(z.number()) }),
  ]),
  /** Value decoders: the output columns (e.g. `y(t)`) and [T, O] the values written at each step; else empty and null. */
  outputNames: z.array(z.string()),
  values: z.array(z.array(z.number())).nullable(),
  /** Token decoders: the tokens written (the end token included when reached) and them as text; else null. */
  tokens: z.array(z.string()).nullable(),
  text: z.string().nullable(),
  /** Whether a token decoder wrote its end token (value decoders always run the whole length: true). */
  finished: z.boolean(),
});
export type Unroll = z.infer<typeof unrollSchema>;

/** A problem in a file to import: `message` says what, where (file, line, column) and what to do. */
export const importProblemSchema = z.object({
  /** core/common/data/import/import-error.ts: 'ragged-row', 'not-a-number', 'invalid-encoding', … */
  code: z.string(),
  message: z.string(),
  file: z.string(),
  /** 1-based; absent for problems with the whole file (empty, unreadable, invalid options). */
  line: z.number().int().positive().optional(),
  /** 1-based, in characters. */
  column: z.number().int().positive().optional(),
});
export type ImportProblem = z.infer<typeof importProblemSchema>;

const histogramSchema = z.object({
  /** [bins + 1] edges; bin i counts lengths in [edges[i], edges[i + 1]). */
  edges: z.array(z.number()),
  counts: z.array(z.number()),
  min: z.number(),
  max: z.number(),
  mean: z.number(),
  total: z.number(),
});

/** A column's part in a series import (core/common/data/import/column-profile.ts), and why. */
export const columnChoiceSchema = z.object({ name: z.string(), role: z.enum(['input', 'target', 'input and target', 'left out']), reason: z.string() });

const importKindSchema = z.enum(IMPORT_KINDS);

/** The first part of a file as an import would read it (core/common/data/import/preview.ts). */
export const datasetPreviewSchema = z.object({
  /** As asked, or detected from the content; null when the content does not say (an import would ask). */
  kind: importKindSchema.nullable(),
  kindReason: z.string(),
  format: z.enum(FILE_FORMATS),
  delimiter: z.string().nullable(),
  header: z.boolean(),
  /** The mark before a number's fraction: '.' or ',' (detected in files delimited by ';' that write 1,5). */
  decimal: z.enum(['.', ',']),
  /** `invalid`: cells of a numeric column that are not finite numbers (errors when a series reads it). */
  columns: z.array(
    z.object({ name: z.string(), type: z.enum(['empty', 'integer', 'number', 'text']), empty: z.number(), invalid: z.number(), distinct: z.number() }),
  ),
  /** Series: every column's part (input, target or left out) and why; empty for other kinds. */
  columnChoices: z.array(columnChoiceSchema),
  /** The first rows, cells as text. */
  rows: z.array(z.array(z.string())),
  sampledRows: z.number().int().nonnegative(),
  /** True when the sample is the whole file. */
  complete: z.boolean(),
  lengths: z.object({ column: z.string(), unit: z.enum(['characters', 'tokens']), histogram: histogramSchema }).nullable(),
  classBalance: z.object({ column: z.string(), classes: z.array(z.object({ label: z.string(), count: z.number() })) }).nullable(),
  /** Up to 10 problems in the sample; an import stops at the first. */
  problems: z.array(importProblemSchema),
});
export type DatasetPreview = z.infer<typeof datasetPreviewSchema>;

/** What an import tells its user (core/common/data/import/import-report.ts): the kind and why, the columns and why, the windows that fit. */
export const importReportSchema = z.object({
  kind: importKindSchema,
  kindReason: z.string(),
  columns: z.array(columnChoiceSchema),
  /** Series and text: the largest window that fits every split; null for pairs and labelled. */
  maxWindow: z.number().int().nullable(),
  notes: z.array(z.string()),
});
export type ImportReportInfo = z.infer<typeof importReportSchema>;

/** A registered dataset as lists show it (the encoder, which can be large, stays in the store). */
export const datasetSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  /** 'series', 'text', 'pairs' or 'labelled'. */
  kind: z.string(),
  /** The task a run on it trains (`dataset-series`, …); a spec names the dataset as `task: { dataset: id }`. */
  taskId: z.string().nullable(),
  sourcePath: z.string().nullable(),
  /** 'sha256:<hex>' of the file as imported; a run refuses the file once it differs. */
  contentHash: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  createdAt: z.number(),
  /** One line, e.g. "300 rows · inputs temp → temp · split 240/30/30". */
  summary: z.string(),
  /** Counts, column summaries, length histograms, class balance, as the import computed them. */
  stats: z.unknown(),
});
export type DatasetInfo = z.infer<typeof datasetSchema>;
