// The messages between the backend (main thread) and a spec worker: one job in, one reply out, plain JSON both
// ways. The backend looks up the dataset records a spec may name; the worker builds tasks and reads datasets.
import type { LayerSizes } from '../../common/onnx/model-gate-layout';
import type { TaskInfo } from '../../common/api/entities';
import type { ExperimentSpec, SpecIssue } from '../../common/spec/experiment-spec';
import type { MachineLimits } from '../../common/spec/machine-limits';
import type { ResourceEstimate } from '../../common/spec/resource-estimate';
import type { SweepResult } from '../../common/spec/sweep-spec';
import type { RunDataset } from './run-spec';

/** A new run's spec, validated and resolved as `resolveRunSpec` does. */
export interface RunSpecJob {
  readonly kind: 'run';
  readonly spec: unknown;
  /** The records of the datasets the spec may name; a dataset not among them does not exist. */
  readonly datasets: readonly RunDataset[];
  /** What the machine allows a run: its estimate must fit, its threads run at once. */
  readonly limits: MachineLimits;
}

/** A sweep and every trial's spec, validated and resolved as `resolveSweepSpec` does. */
export interface SweepSpecJob {
  readonly kind: 'sweep';
  readonly sweep: unknown;
  readonly datasets: readonly RunDataset[];
  /** Every trial is checked against these as a run's spec is. */
  readonly limits: MachineLimits;
}

/** Every built-in task as the UI lists it (each instantiated at its defaults for its baseline). */
export interface TaskInfoJob {
  readonly kind: 'task-info';
}

/** What the first recurrent layer of a stored run's sequence model reads (see `firstLayerInput`). */
export interface LayerInputJob {
  readonly kind: 'layer-input';
  readonly spec: unknown;
  /** The run's dataset record; null for a run of a built-in task. */
  readonly dataset: RunDataset | null;
}

export type SpecJob = RunSpecJob | SweepSpecJob | TaskInfoJob | LayerInputJob;

/**
 * The resolved run spec, the id of the dataset it trains on and what it needs; or the spec's issues, with their field
 * paths, and its estimate when the spec itself was valid (refused by the machine's limits).
 */
export type RunSpecReply =
  | { readonly ok: true; readonly spec: ExperimentSpec; readonly datasetId: number | null; readonly estimate: ResourceEstimate }
  | { readonly ok: false; readonly issues: readonly SpecIssue[]; readonly estimate: ResourceEstimate | null };

export interface SpecReplies {
  readonly run: RunSpecReply;
  readonly sweep: SweepResult;
  readonly 'task-info': TaskInfo[];
  /** Input features, or the embedding size for token inputs; null when unknown. */
  readonly 'layer-input': LayerSizes | null;
}

/** What the worker posts: the job's value, or the error that stopped the job (a bug, not an invalid spec). */
export type SpecWorkerReply<K extends SpecJob['kind'] = SpecJob['kind']> =
  { readonly ok: true; readonly value: SpecReplies[K] } | { readonly ok: false; readonly message: string };
