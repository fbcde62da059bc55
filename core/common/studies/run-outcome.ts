// What a study reads of a run, as plain shapes: the API's run results (runs.results) and gradient norms
// (runs.gradientNorms) fit them as they are, and studies/ stays below the API (tests/architecture/folder-cycles.test.ts).

/** The task's baseline beside the run's last value of the metric it scores. */
export interface StudyBaseline {
  /** The stored metric it is a value of (`val/loss`). */
  readonly metric: string;
  readonly value: number;
  readonly lowerIsBetter: boolean;
  readonly final: number | null;
  /** Whether `final` beat `value`; null without a final value. */
  readonly beaten: boolean | null;
}

/** A run's results (null where the run logged nothing). */
export interface StudyRunResults {
  readonly finalValLoss: number | null;
  readonly bestValLoss: number | null;
  readonly finalValAccuracy: number | null;
  readonly finalValSequenceAccuracy: number | null;
  readonly bestValSequenceAccuracy: number | null;
  /** Seq2seq: exact-sequence accuracy per source length at the last evaluation. */
  readonly byLength: { readonly lengths: readonly { readonly length: number; readonly sequenceAccuracy: number | null }[] } | null;
  readonly baseline: StudyBaseline | null;
  /** Active training time in ms. */
  readonly durationMs: number | null;
}

/** ‖∂L/∂h_t‖ per layer row and time step: `values[i]` is a [layers.length, timeSteps] grid at training step `sampledSteps[i]`. */
export interface StudyGradientNorms {
  readonly layers: readonly string[];
  readonly timeSteps: number;
  readonly sampledSteps: readonly number[];
  readonly values: readonly (readonly (number | null)[])[];
  /** ‖∂L/∂c_t‖ grids shaped as `values` (an LSTM's cell state); null for runs that logged none. */
  readonly cellValues: readonly (readonly (number | null)[])[] | null;
}

/** A run's status as stored (`completed`, `running`, …; the API's RUN_STATUSES). */
export type StudyRunStatus = string;
