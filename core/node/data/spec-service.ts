// The backend's way to validate and describe specs without computing on its main thread: the main thread looks
// up the records of the datasets a spec may name (cheap store reads), and a one-shot spec worker builds the tasks
// and reads the files (spec-job.ts). A worker that crashes or runs out of memory becomes a SpecWorkerError.
// New specs are checked against this machine's limits (memory a run may take, threads it runs at once).
import { availableParallelism, totalmem } from 'node:os';
import type { LayerSizes } from '../../common/onnx/model-gate-layout';
import type { TaskInfo } from '../../common/api/entities';
import type { ExperimentSpec, SpecIssue } from '../../common/spec/experiment-spec';
import { readFieldPath } from '../../common/spec/field-path';
import { machineLimits, type MachineLimits } from '../../common/spec/machine-limits';
import type { ResourceEstimate } from '../../common/spec/resource-estimate';
import { MAX_SWEEP_TRIALS, type SweepResult } from '../../common/spec/sweep-spec';
import { runWorkerOnce } from '../models/worker-call';
import { Limiter } from '../workers/limiter';
import type { Store } from '../store/store';
import type { RunDataset } from './run-spec';
import type { SpecJob, SpecReplies, SpecWorkerReply } from './spec-protocol';
import { specWorkerEntry } from './worker-entries';

export type ResolvedRunSpec =
  | { readonly ok: true; readonly spec: ExperimentSpec; readonly dataset: RunDataset | null; readonly estimate: ResourceEstimate }
  /** `estimate`: of a spec valid in itself that the machine's limits refuse; null otherwise. */
  | { readonly ok: false; readonly issues: readonly SpecIssue[]; readonly estimate: ResourceEstimate | null };

export interface SpecServiceOptions {
  /** The worker's entry (tests pass their own). */
  readonly workerEntry?: string;
  /** V8 heap limit of the worker: a dataset too large to parse within it is refused, not the backend. */
  readonly heapMb?: number;
  /** Spec workers running at once; more calls wait their turn (default 2). */
  readonly concurrency?: number;
  /** What a new run may take of the machine (default: this machine's, `thisMachine()`); tests set their own. */
  readonly limits?: MachineLimits;
}

/** This machine: os.totalmem() (a run may take runMemoryBudget of it) and os.availableParallelism(). */
export function thisMachine(): MachineLimits {
  return machineLimits(totalmem(), availableParallelism());
}

/** The spec worker failed (crashed, ran out of memory, or threw): not a verdict on the spec. */
export class SpecWorkerError extends Error {
  override readonly name = 'SpecWorkerError';
}

const DATASET_PATH = 'task.dataset';

export class SpecService {
  private readonly entry: string;
  private readonly heapMb: number;
  private readonly limiter: Limiter;
  /** What a new run may take of the machine. */
  readonly limits: MachineLimits;

  constructor(
    private readonly store: Store,
    options: SpecServiceOptions = {},
  ) {
    this.entry = options.workerEntry ?? specWorkerEntry;
    this.heapMb = options.heapMb ?? 2048;
    this.limiter = new Limiter(options.concurrency ?? 2);
    this.limits = options.limits ?? thisMachine();
  }

  /**
   * A new run's spec validated completely, one naming `task.dataset` resolved with that dataset's data, with its
   * resource estimate; refused when this machine cannot train it.
   */
  async resolveRun(raw: unknown): Promise<ResolvedRunSpec> {
    const read = readFieldPath(raw, DATASET_PATH);
    const datasets = this.records(read.found ? [read.value] : []);
    const reply = await this.call({ kind: 'run', spec: raw, datasets, limits: this.limits });
    if (!reply.ok) return reply;
    return { ok: true, spec: reply.spec, dataset: datasets.find((dataset) => dataset.id === reply.datasetId) ?? null, estimate: reply.estimate };
  }

  /** A sweep and every trial's spec validated completely (trials on registered datasets resolved with their data) and checked against this machine. */
  resolveSweep(raw: unknown): Promise<SweepResult> {
    return this.call({ kind: 'sweep', sweep: raw, datasets: this.records(datasetIdsMentioned(raw)), limits: this.limits });
  }

  taskInfo(): Promise<TaskInfo[]> {
    return this.call({ kind: 'task-info' });
  }

  /** The dense feature counts a run's task feeds its model and asks of it (for the gate layout); `datasetId` null for a built-in task. */
  layerSizes(spec: unknown, datasetId: number | null): Promise<LayerSizes | null> {
    if (datasetId === null) return this.call({ kind: 'layer-input', spec, dataset: null });
    const [dataset] = this.records([datasetId]);
    return dataset === undefined ? Promise.resolve(null) : this.call({ kind: 'layer-input', spec, dataset });
  }

  /** What the worker needs of each existing dataset among `ids` (the others do not exist, as the worker will say). */
  private records(ids: readonly unknown[]): RunDataset[] {
    const records: RunDataset[] = [];
    for (const id of new Set(ids)) {
      if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) continue;
      const dataset = this.store.datasets.get(id);
      if (dataset !== undefined) {
        const { name, sourcePath, contentHash, encoder, createdAt } = dataset;
        records.push({ id, name, sourcePath, contentHash, encoder, createdAt });
      }
    }
    return records;
  }

  private async call<J extends SpecJob>(job: J): Promise<SpecReplies[J['kind']]> {
    let reply: SpecWorkerReply<J['kind']>;
    try {
      reply = await this.limiter.run(() =>
        runWorkerOnce<SpecWorkerReply<J['kind']>>(this.entry, 'spec worker', job, [], { maxOldGenerationSizeMb: this.heapMb }),
      );
    } catch (error) {
      throw new SpecWorkerError((error as Error).message);
    }
    if (!reply.ok) throw new SpecWorkerError(`The spec worker failed: ${reply.message}`);
    return reply.value;
  }
}

/**
 * Every dataset id the sweep's base or its trials could name, read from the raw sweep without expanding or
 * validating it (so the main thread can afford it): the base's `task.dataset`, and the values the grid or random
 * fields give `task.dataset` (directly, or inside a value for `task`). It may name more than the valid trials
 * do (the worker reads only those), never fewer.
 */
export function datasetIdsMentioned(raw: unknown): unknown[] {
  if (!isRecord(raw)) return [];
  const ids: unknown[] = [];
  const base = readFieldPath(raw.base, DATASET_PATH);
  if (base.found) ids.push(base.value);
  const random = isRecord(raw.random) ? raw.random.fields : undefined;
  const swept = { ...(isRecord(raw.grid) ? raw.grid : {}), ...(isRecord(random) ? random : {}) };
  for (const [field, choice] of Object.entries(swept)) {
    const rest = field === DATASET_PATH ? '' : DATASET_PATH.startsWith(`${field}.`) ? DATASET_PATH.slice(field.length + 1) : null;
    if (rest === null) continue;
    if (Array.isArray(choice)) {
      for (const value of choice) {
        const read = rest === '' ? { found: true as const, value } : readFieldPath(value, rest);
        if (read.found) ids.push(read.value);
      }
    } else if (
      rest === '' &&
      isRecord(choice) &&
      typeof choice.min === 'number' &&
      typeof choice.max === 'number' &&
      choice.max - choice.min <= MAX_SWEEP_TRIALS
    ) {
      // a random range over dataset ids (odd, but valid): every whole number it can draw
      for (let id = Math.ceil(choice.min); id <= choice.max; id++) ids.push(id);
    }
  }
  return ids;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
