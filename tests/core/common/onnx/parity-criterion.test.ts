// The parity criterion: every element within atol + rtol·|SeqLab's value| (numpy.allclose), the worst
// element reported with its index, both values, |Δ| and its bound; healthy float32 differences on large
// values pass, real mismatches, NaN and missing values fail — and the words the CLI and the UI show.

import { describe, expect, it } from 'vitest';
import type { ParityCase } from '../../../../core/common/onnx/parity';
import { compareCase, parityReport } from '../../../../core/common/onnx/parity';
import {
  PARITY_CRITERION,
  allowedDiff,
  compareOutput,
  compareSteps,
  describeCriterion,
  describeElement,
  describeFailedParity,
  describeWorst,
  worstOutput,
} from '../../../../core/common/onnx/parity-criterion';

/** A one-step, one-stream case of an LSTM with 2 outputs and 2 hidden units: y [1, 1, 2], states [1, 1, 2]. */
function lstmCase(y: number[], h: number[], c: number[]): ParityCase {
  return {
    name: 'B=1, full length, non-zero initial state',
    batch: 1,
    steps: 1,
    variableLengths: false,
    initialState: 'random',
    input: { kind: 'tokens', ids: Int32Array.of(5) },
    lengths: Int32Array.of(1),
    h0: new Float32Array(2),
    c0: new Float32Array(2),
    expected: { y: Float32Array.from(y), hN: Float32Array.from(h), cN: Float32Array.from(c) },
    dims: { y: [1, 1, 2], state: [1, 1, 2] },
  };
}

describe('the parity criterion', () => {
  it('is numpy.allclose in float32: atol 1e-5, rtol 1e-4', () => {
    expect(PARITY_CRITERION).toEqual({ atol: 1e-5, rtol: 1e-4 });
    expect(allowedDiff(-20)).toBeCloseTo(1e-5 + 2e-3, 12);
    expect(describeCriterion(PARITY_CRITERION)).toBe('|Δ| ≤ 1e-5 + 1e-4·|SeqLab| per element (numpy.allclose, atol 1e-5, rtol 1e-4)');
  });

  it('passes a healthy export whose large values differ by more than 1e-5 (logits of 10, an LSTM cell state of 24)', () => {
    // float32 neighbours a few ulps apart: |Δ| 1.0e-5 on a logit of 10 and 1.2e-5 on a cell state of 24
    const c = lstmCase([10, -3], [0.5, -0.25], [24, 1]);
    const result = compareCase(c, { y: Float32Array.of(10.00001, -3), hN: Float32Array.of(0.5, -0.25), cN: Float32Array.of(24.000012, 1) });
    expect(result.maxAbsDiff).toBeGreaterThan(1e-5);
    expect(result.pass).toBe(true);
    expect(result.outputs.Y_c?.worst).toMatchObject({ index: [0, 0, 0], expected: 24, allowed: 1e-5 + 1e-4 * 24 });
    expect(parityReport([result], '1.0').passed).toBe(true);
    expect(parityReport([result], '1.0').criterion).toEqual(PARITY_CRITERION);
  });

  it('fails a real mismatch and names the element: index, both values, |Δ| and its bound', () => {
    const out = compareOutput(Float32Array.of(0.1, 0.2, 0.5, 0.3, 0.4, 0.25), Float32Array.of(0.1, 0.2, 0.52, 0.3, 0.4, 0.25), [1, 2, 3]);
    expect(out.pass).toBe(false);
    expect(out.worst?.index).toEqual([0, 0, 2]);
    expect(describeElement('y', out.worst ?? ({} as never))).toBe('y[0, 0, 2]: SeqLab 0.5000000, onnxruntime 0.5200000, |Δ| 2.00e-2 > 6.00e-5 allowed');
  });

  it('picks the worst element by |Δ| against its own bound, not by |Δ| alone', () => {
    // |Δ| 1e-4 on a value of 100 is fine (bound 1e-2); |Δ| 5e-5 on a value of 0 is not (bound 1e-5)
    const out = compareOutput([100, 0], [100.0001, 5e-5], [2]);
    expect(out.maxAbsDiff).toBeCloseTo(1e-4, 8);
    expect(out).toMatchObject({ pass: false, worst: { index: [1], expected: 0, actual: 5e-5 } });
  });

  it('never passes NaN or a length mismatch', () => {
    expect(compareOutput([1, 2], [1, Number.NaN], [2])).toMatchObject({ pass: false, maxAbsDiff: Infinity, worst: { index: [1], absDiff: Infinity } });
    expect(compareOutput([Number.NaN], [Number.NaN], [1]).pass).toBe(false);
    const short = compareOutput([1, 2, 3], [1, 2], [3]);
    expect(short).toMatchObject({ pass: false, worst: null, problem: 'onnxruntime returned 2 values where SeqLab has 3' });
    expect(describeWorst({ y: short })).toBe('y: onnxruntime returned 2 values where SeqLab has 3');
  });

  it('indexes a trace output by step, and fails a step onnxruntime did not trace', () => {
    const steps = (values: number[][]) => values.map((v) => ({ out: Float32Array.from(v) }));
    const want = steps([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ]); // 2 steps of [B=2, 2]
    const got = steps([
      [1, 2, 3, 4],
      [5, 6, 7.5, 8],
    ]);
    expect(compareSteps(want, got, (s) => s.out, 2)?.worst?.index).toEqual([1, 1, 0]);
    expect(compareSteps(want, got.slice(0, 1), (s) => s.out, 2)).toMatchObject({ pass: false, problem: 'onnxruntime traced no step 1' });
  });

  it('shows the output that failed over the one that came closest, and a failed report in one sentence', () => {
    const passing = compareOutput([1], [1.00001], [1]);
    const failing = compareOutput([1], [1.1], [1]);
    expect(worstOutput({ Y_h: passing, y: failing })?.name).toBe('y');
    const c = lstmCase([1, 2], [0, 0], [0, 0]);
    const result = compareCase(c, { y: Float32Array.of(1, 2.5), hN: new Float32Array(2), cN: new Float32Array(2) });
    const stored = JSON.parse(JSON.stringify(parityReport([result], '1.30.0')));
    expect(describeFailedParity(stored)).toBe(
      "its parity check failed when it was exported (onnxruntime against SeqLab's forward, |Δ| ≤ 1e-5 + 1e-4·|SeqLab| per element (numpy.allclose, atol 1e-5, rtol 1e-4)): " +
        '1 of 1 cases fail; "B=1, full length, non-zero initial state": y[0, 0, 1]: SeqLab 2.000000, onnxruntime 2.500000, |Δ| 5.00e-1 > 2.10e-4 allowed.',
    );
  });
});
