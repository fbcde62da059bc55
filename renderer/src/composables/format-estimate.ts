// What the New run form says of a spec's resource estimate (core/common/spec/resource-estimate.ts): memory against
// what a run may take on the backend's machine, and the estimated time per step and for the whole run.
import type { SpecCheck } from '../../../core/common/api/entities';
import { formatBytes, formatSeconds, memoryBreakdown } from '../../../core/common/spec/resource-estimate';

export interface EstimateLines {
  /** "Memory ≈ 1.2 GiB of the 17 GiB a run may take here (activations kept for BPTT 900 MiB, …)" */
  readonly memory: string;
  /** "≈ 35 ms per step, ≈ 35 s for 1000 steps — estimated at an assumed 5 GFLOP/s per thread" */
  readonly time: string;
  /** The estimate exceeds what a run may take. */
  readonly tooLarge: boolean;
}

/** The lines to show; null when there is no estimate (the spec is not valid in itself). */
export function estimateLines(check: SpecCheck, steps: number | null): EstimateLines | null {
  const { estimate, machine } = check;
  if (estimate === null) return null;
  const total = estimate.memory.total;
  const run = steps === null ? '' : `, ≈ ${formatSeconds(estimate.secondsPerStep * steps)} for ${steps} steps`;
  return {
    memory: `Memory ≈ ${formatBytes(total)} of the ${formatBytes(machine.memoryBytes)} a run may take here (${memoryBreakdown(estimate)})`,
    time: `≈ ${formatSeconds(estimate.secondsPerStep)} per step${run}, estimated at an assumed ${estimate.gflops} GFLOP/s per thread`,
    tooLarge: total > machine.memoryBytes,
  };
}
