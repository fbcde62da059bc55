// Parity reports read back from the exports table: the current form as is, one written before the
// elementwise criterion (a single absolute tolerance) as what it was — never dropped as if there were none.
import { describe, expect, it } from 'vitest';
import { compareOutput } from '../../../../core/common/onnx/parity-criterion';
import { parityReport } from '../../../../core/common/onnx/parity';
import { readParity } from '../../../../core/node/models/stored-parity';

describe('readParity', () => {
  it('reads a current report back as stored', () => {
    const y = compareOutput([1, 2], [1, 2.0000001], [2]);
    const report = JSON.parse(
      JSON.stringify(
        parityReport(
          [{ name: 'c', batch: 1, steps: 2, variableLengths: false, initialState: 'zero', outputs: { y }, maxAbsDiff: y.maxAbsDiff, pass: true }],
          '1.30.0',
        ),
      ),
    );
    expect(readParity(report)).toEqual(report);
  });

  it('reads a report from before as judged by its tolerance alone, verdicts kept, no worst element', () => {
    const old = {
      tolerance: 1e-5,
      passed: false,
      maxAbsDiff: null,
      runtime: '1.22.0',
      cases: [
        { name: 'B=1', batch: 1, steps: 3, variableLengths: false, initialState: 'zero', outputs: { y: 2e-6, Y_h: null }, maxAbsDiff: null, pass: false },
      ],
    };
    expect(readParity(old)).toEqual({
      criterion: { atol: 1e-5, rtol: 0 },
      passed: false,
      maxAbsDiff: null,
      runtime: '1.22.0',
      cases: [{ ...old.cases[0], outputs: { y: { maxAbsDiff: 2e-6, worst: null, pass: true }, Y_h: { maxAbsDiff: null, worst: null, pass: false } } }],
    });
    expect(readParity({ something: 'else' })).toBeNull();
  });
});
