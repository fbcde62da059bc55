// What the machine allows a run, and the refusals of a spec that exceeds it: more memory than the machine can
// give (by the resource estimate), more data-parallel threads than it runs at once. core/common cannot see the
// machine: the backend measures it (core/node/data/spec-service.ts) and passes the limits in.
import type { ExperimentSpec, SpecIssue } from './experiment-spec';
import { formatBytes, memoryBreakdown, type ResourceEstimate } from './resource-estimate';

export interface MachineLimits {
  /** The machine's memory (os.totalmem()). */
  readonly totalMemoryBytes: number;
  /** What one run may take of it (runMemoryBudget), the rest left to the app, the system and other programs. */
  readonly memoryBytes: number;
  /** Threads the machine runs at once (os.availableParallelism()). */
  readonly parallelism: number;
}

const GIB = 2 ** 30;

/** All but a quarter of the memory, and at least 2 GiB, left for the app and the system (never less than half). */
export function runMemoryBudget(totalMemoryBytes: number): number {
  return Math.max(totalMemoryBytes / 2, totalMemoryBytes - Math.max(2 * GIB, totalMemoryBytes / 4));
}

/** The limits of a machine with this much memory and this many parallel threads. */
export function machineLimits(totalMemoryBytes: number, parallelism: number): MachineLimits {
  return { totalMemoryBytes, memoryBytes: runMemoryBudget(totalMemoryBytes), parallelism };
}

/** Why `spec`, estimated as `estimate`, cannot train on this machine; none when it fits. */
export function machineIssues(spec: ExperimentSpec, estimate: ResourceEstimate, limits: MachineLimits): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const { threads } = spec.training;
  if (threads > limits.parallelism) {
    issues.push({
      path: 'training.threads',
      message: `training.threads is ${threads}, but this machine runs ${limits.parallelism} thread${limits.parallelism === 1 ? '' : 's'} at once: more would only share its cores and each take memory; use at most ${limits.parallelism}`,
    });
  }
  if (estimate.memory.total > limits.memoryBytes) {
    issues.push({
      path: '(spec)',
      message:
        `this run would need ≈ ${formatBytes(estimate.memory.total)} of memory (${memoryBreakdown(estimate)}), more than the ${formatBytes(limits.memoryBytes)} a run may take on this machine ` +
        `(${formatBytes(limits.totalMemoryBytes)} in all, the rest left to the app and the system); make it smaller: shorter sequences (the task's length or window), a smaller batch or hidden size, fewer layers`,
    });
  }
  return issues;
}
