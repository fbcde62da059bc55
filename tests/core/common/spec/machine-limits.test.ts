// What a machine allows a run: the memory budget, and the refusals of a spec beyond it (threads, memory).
import { describe, expect, it } from 'vitest';
import { parseExperimentSpec } from '../../../../core/common/spec/experiment-spec';
import { machineIssues, machineLimits, runMemoryBudget } from '../../../../core/common/spec/machine-limits';
import { estimateResources } from '../../../../core/common/spec/resource-estimate';
import { taskDimensions } from '../../../../core/common/spec/task-dimensions';

const GIB = 2 ** 30;

function checked(raw: unknown, limits = machineLimits(23 * GIB, 2)) {
  const parsed = parseExperimentSpec(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const estimate = estimateResources(parsed.spec, taskDimensions(parsed.task, parsed.spec.training.batchSize));
  return { estimate, issues: machineIssues(parsed.spec, estimate, limits) };
}

describe('the machine limits', () => {
  it('leave a quarter of the memory, at least 2 GiB, to the app and the system (never more than half)', () => {
    expect(runMemoryBudget(24 * GIB)).toBe(18 * GIB);
    expect(runMemoryBudget(6 * GIB)).toBe(4 * GIB);
    expect(runMemoryBudget(3 * GIB)).toBe(1.5 * GIB);
    expect(machineLimits(8 * GIB, 4)).toEqual({ totalMemoryBytes: 8 * GIB, memoryBytes: 6 * GIB, parallelism: 4 });
  });

  it('refuse more data-parallel threads than the machine runs at once, naming the field and the maximum', () => {
    expect(checked({ task: { id: 'parity' }, training: { threads: 64 } }).issues).toEqual([
      {
        path: 'training.threads',
        message: 'training.threads is 64, but this machine runs 2 threads at once: more would only share its cores and each take memory; use at most 2',
      },
    ]);
    expect(checked({ task: { id: 'parity' }, training: { threads: 2 } }).issues).toEqual([]);
    expect(checked({ task: { id: 'parity' }, training: { threads: 2 } }, machineLimits(23 * GIB, 1)).issues[0]?.message).toContain('runs 1 thread at once');
  });

  it('refuse the spec of issue #11 (LSTM 4096 × 8, bidirectional, batch 4096, thousands of steps) with its estimate', () => {
    const { estimate, issues } = checked({
      task: { id: 'copy-memory', params: { delay: 5000 } },
      model: { cell: 'lstm', hiddenSize: 4096, numLayers: 8, bidirectional: true },
      training: { batchSize: 4096 },
    });
    // 16 direction-layers of 4H · (input + H + 2) weights (input E = 32, then 2H), the embedding and head of V = 14 tokens
    const [H, E, V] = [4096, 32, 14];
    expect(estimate.parameters).toBe(2 * 4 * H * (E + H + 2) + 14 * 4 * H * (2 * H + H + 2) + V * E + V * (2 * H + 1));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('(spec)');
    expect(issues[0]?.message).toMatch(
      /^this run would need ≈ [\d.]+ TiB of memory \(activations kept for BPTT [\d.]+ TiB, workspaces [\d.]+ TiB, optimiser state [\d.]+ GiB, parameters [\d.]+ GiB, gradients [\d.]+ GiB, batches [\d.]+ GiB\), more than the 17 GiB a run may take on this machine \(23 GiB in all/,
    );
  });

  it('accept what fits', () => {
    expect(checked({ task: { id: 'char-lm' }, model: { hiddenSize: 256 } }).issues).toEqual([]);
  });
});
