// Parity with every shared PyTorch fixture: float64 to ~1e-10, float32 to the README's tolerances.

import { describe, expect, it } from 'vitest';
import type { RecurrentFixture } from '../../../../core/common/nn/fixture';
import { parseFixture } from '../../../../core/common/nn/fixture';
import { compareFixture, comparisonPasses, robustRelativeError } from '../../../../core/common/nn/fixture-compare';
import { fixtureFiles, readFixtureText } from '../../../fixtures/torch-fixtures';

const fixtures: RecurrentFixture[] = fixtureFiles().flatMap((f) => {
  const r = parseFixture(readFixtureText(f), f);
  return r.ok && r.kind === 'recurrent' ? [r.fixture] : [];
});

describe('PyTorch fixture parity', () => {
  it('covers every recurrent fixture', () => {
    expect(fixtures.length).toBe(21);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, f) => {
    const c64 = compareFixture(f, 'float64');
    for (const e of c64.errors) expect(e.maxRel, `float64 ${e.tensor}`).toBeLessThan(1e-10);
    const c32 = compareFixture(f, 'float32');
    for (const e of c32.errors) expect(e.maxRel, `float32 ${e.tensor}`).toBeLessThan(e.tensor.startsWith('grad.') ? 1e-4 : 1e-5);
    expect(c64.paddingLeak).toBe(0);
    expect(c32.paddingLeak).toBe(0);
  });

  it('fails a comparison when the reference is off', () => {
    const f = fixtures[0]!;
    const y = f.y.data;
    const saved = y[0]!;
    y[0]! += 1e-3;
    try {
      const c = compareFixture(f, 'float32');
      expect(c.errors.find((e) => e.tensor === 'y')!.maxRel).toBeGreaterThan(5e-4);
      expect(comparisonPasses(c, 1e-4)).toBe(false);
    } finally {
      y[0] = saved;
    }
  });

  it('measures error as |a - b| / max(|b|, 1)', () => {
    expect(robustRelativeError(0.5 + 1e-6, 0.5)).toBeCloseTo(1e-6, 15);
    expect(robustRelativeError(200.02, 200)).toBeCloseTo(1e-4, 12);
    expect(robustRelativeError(1e-9, 0)).toBe(1e-9);
  });
});
