// The New run form's estimate lines: memory against what a run may take on the backend's machine, and time.
import { describe, expect, it } from 'vitest';
import type { SpecCheck } from '../../../core/common/api/entities';
import { estimateLines } from '../../../renderer/src/composables/format-estimate';

const GIB = 2 ** 30;
const estimate = {
  parameters: 1000,
  memory: { parameters: 4000, gradients: 4000, optimizer: 8000, activations: 3 * GIB, workspace: GIB, data: 1000, threads: 0, total: 4 * GIB + 17_000 },
  steps: { input: 100, target: null, window: 100 },
  flopsPerStep: 5e9,
  secondsPerStep: 1,
  gflops: 5,
  threads: 1,
};
const machine = { totalMemoryBytes: 8 * GIB, memoryBytes: 6 * GIB, parallelism: 2 };

describe('estimateLines', () => {
  it('says what the run needs of what it may take, largest term first, and how long it would train', () => {
    const lines = estimateLines({ ok: true, issues: [], estimate, machine }, 120);
    expect(lines).toEqual({
      memory:
        'Memory ≈ 4.0 GiB of the 6.0 GiB a run may take here (activations kept for BPTT 3.0 GiB, workspaces 1.0 GiB, optimiser state 7.8 KiB, parameters 3.9 KiB, gradients 3.9 KiB, batches 1000 B)',
      time: '≈ 1.0 s per step, ≈ 2.0 min for 120 steps, estimated at an assumed 5 GFLOP/s per thread',
      tooLarge: false,
    });
  });

  it('marks an estimate over the limit, and has nothing to say without one', () => {
    const over: SpecCheck = { ok: false, issues: [{ path: 'spec.(spec)', message: 'too large' }], estimate, machine: { ...machine, memoryBytes: 2 * GIB } };
    expect(estimateLines(over, null)?.tooLarge).toBe(true);
    expect(estimateLines(over, null)?.time).toBe('≈ 1.0 s per step, estimated at an assumed 5 GFLOP/s per thread');
    expect(estimateLines({ ok: false, issues: [], estimate: null, machine }, 10)).toBeNull();
  });
});
