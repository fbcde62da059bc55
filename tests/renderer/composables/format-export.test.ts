import { describe, expect, it } from 'vitest';
import type { OutputParity, ParityReport } from '../../../core/common/api/entities';
import { formatBytes, parityCell, parityColumns, shortHash, stepGraphRole } from '../../../renderer/src/composables/format-export';

const CRITERION = { atol: 1e-5, rtol: 1e-4 };
const ok: OutputParity = { maxAbsDiff: 0, worst: null, pass: true };

describe('export formatting', () => {
  it("shows an output's max |Δ| to 3 significant digits, a mismatch as ∞, and its worst element as the cell's title", () => {
    const worst = { index: [2, 0, 1], expected: 12.3456789, actual: 12.3457913, absDiff: 1.124e-4, allowed: 1.24e-3 };
    expect(parityCell('Y_c', { maxAbsDiff: 1.124e-4, worst, pass: true })).toEqual({
      text: '1.12e-4',
      pass: true,
      title: 'Y_c[2, 0, 1]: SeqLab 12.34568, onnxruntime 12.34579, |Δ| 1.12e-4 ≤ 1.24e-3 allowed',
    });
    expect(parityCell('y', { maxAbsDiff: 0, worst: null, pass: true }).text).toBe('0');
    expect(parityCell('y', { maxAbsDiff: null, worst: null, pass: false, problem: 'onnxruntime returned 2 values where SeqLab has 3' })).toEqual({
      text: '∞',
      pass: false,
      title: 'onnxruntime returned 2 values where SeqLab has 3',
    });
    expect(parityCell('Y_c', undefined)).toEqual({ text: '—', pass: true, title: '' });
  });

  it('shows sizes and short hashes', () => {
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(14_541)).toBe('14.2 KB');
    expect(formatBytes(3_565_158)).toBe('3.4 MB');
    expect(formatBytes(null)).toBe('—');
    expect(shortHash('0123456789abcdef')).toBe('0123456789ab');
  });

  it("lists a sequence model's y, Y_h, Y_c columns always, and an encoder–decoder's outputs as they come", () => {
    const report = (outputs: string[][]): ParityReport => ({
      criterion: CRITERION,
      passed: true,
      maxAbsDiff: 0,
      runtime: '1',
      cases: outputs.map((names, i) => ({
        name: `c${i}`,
        batch: 1,
        steps: 2,
        variableLengths: false,
        initialState: 'zero',
        outputs: Object.fromEntries(names.map((n) => [n, ok])),
        maxAbsDiff: 0,
        pass: true,
      })),
    });
    expect(parityColumns(report([['y', 'Y_h']]))).toEqual(['y', 'Y_h', 'Y_c']);
    expect(
      parityColumns(
        report([
          ['memory', 'h0', 'logits'],
          ['memory', 'h0', 'c0', 'logits', 'attention'],
        ]),
      ),
    ).toEqual(['memory', 'h0', 'logits', 'c0', 'attention']);
  });

  it("tells what a two-graph export's decoder step follows: the condition graph when its parity starts from a condition", () => {
    const parity = (initialState: 'encoder' | 'condition'): ParityReport => ({
      criterion: CRITERION,
      passed: true,
      maxAbsDiff: 0,
      runtime: '1',
      cases: [{ name: 'c', batch: 1, steps: 2, variableLengths: false, initialState, outputs: { h0: ok }, maxAbsDiff: 0, pass: true }],
    });
    const step = { path: '/x/run-1.step.onnx', hash: 'ab', byteLength: 10 };
    expect(stepGraphRole({ decoderStep: null, parity: parity('encoder') })).toBeNull();
    expect(stepGraphRole({ decoderStep: step, parity: parity('encoder') })?.first).toBe('encoder graph');
    expect(stepGraphRole({ decoderStep: step, parity: parity('condition') })).toEqual({
      first: 'condition graph',
      playground: 'Generate a sequence from a condition and see it as a curve',
    });
  });
});
