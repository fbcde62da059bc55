import { describe, expect, it } from 'vitest';
import type { ParityReport } from '../../../core/common/api/entities';
import { formatBytes, formatDelta, parityColumns, shortHash, stepGraphRole } from '../../../renderer/src/composables/format-export';

describe('export formatting', () => {
  it('shows max |Δ| compactly, a mismatch as ∞', () => {
    expect(formatDelta(3.14e-7)).toBe('3.1e-7');
    expect(formatDelta(0)).toBe('0');
    expect(formatDelta(null)).toBe('∞');
  });

  it('shows sizes and short hashes', () => {
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(14_541)).toBe('14.2 KB');
    expect(formatBytes(3_565_158)).toBe('3.4 MB');
    expect(formatBytes(null)).toBe('—');
    expect(shortHash('0123456789abcdef')).toBe('0123456789ab');
  });

  it('lists a sequence model\'s y, Y_h, Y_c columns always, and an encoder–decoder\'s outputs as they come', () => {
    const report = (outputs: Record<string, number>[]): ParityReport => ({
      tolerance: 1e-5, passed: true, maxAbsDiff: 0, runtime: '1',
      cases: outputs.map((o, i) => ({ name: `c${i}`, batch: 1, steps: 2, variableLengths: false, initialState: 'zero', outputs: o, maxAbsDiff: 0, pass: true })),
    });
    expect(parityColumns(report([{ y: 0, Y_h: 0 }]))).toEqual(['y', 'Y_h', 'Y_c']);
    expect(parityColumns(report([{ memory: 0, h0: 0, logits: 0 }, { memory: 0, h0: 0, c0: 0, logits: 0, attention: 0 }]))).toEqual(['memory', 'h0', 'logits', 'c0', 'attention']);
  });

  it('tells what a two-graph export\'s decoder step follows: the condition graph when its parity starts from a condition', () => {
    const parity = (initialState: 'encoder' | 'condition'): ParityReport => ({
      tolerance: 1e-5, passed: true, maxAbsDiff: 0, runtime: '1',
      cases: [{ name: 'c', batch: 1, steps: 2, variableLengths: false, initialState, outputs: { h0: 0 }, maxAbsDiff: 0, pass: true }],
    });
    const step = { path: '/x/run-1.step.onnx', hash: 'ab', byteLength: 10 };
    expect(stepGraphRole({ decoderStep: null, parity: parity('encoder') })).toBeNull();
    expect(stepGraphRole({ decoderStep: step, parity: parity('encoder') })?.first).toBe('encoder graph');
    expect(stepGraphRole({ decoderStep: step, parity: parity('condition') })).toEqual({ first: 'condition graph', playground: 'Generate a sequence from a condition and see it as a curve' });
  });
});
