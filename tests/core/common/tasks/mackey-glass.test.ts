import { describe, expect, it } from 'vitest';
import { mackeyGlass, mackeyGlassRate } from '../../../../core/common/tasks/mackey-glass';

describe('mackeyGlass', () => {
  it('satisfies its delay equation: central differences match β·x(t−τ)/(1 + x(t−τ)¹⁰) − γ·x(t)', () => {
    const dt = 0.1;
    const x = mackeyGlass({ length: 5000, dt, sampleInterval: dt, warmup: 300 }); // every grid point
    const D = Math.round(17 / dt);
    let worst = 0;
    let scale = 0;
    for (let i = D; i < x.length - 1; i++) {
      const derivative = (x[i + 1]! - x[i - 1]!) / (2 * dt); // O(dt²) error
      worst = Math.max(worst, Math.abs(derivative - mackeyGlassRate(x[i]!, x[i - D]!)));
      scale = Math.max(scale, Math.abs(derivative));
    }
    expect(scale).toBeGreaterThan(0.02); // the series moves, so the check has teeth
    expect(worst).toBeLessThan(1e-4);
  });

  it('fails the delay equation with the wrong delay (the check can fail)', () => {
    const x = mackeyGlass({ length: 3000, sampleInterval: 0.1, warmup: 300 });
    let worst = 0;
    for (let i = 200; i < x.length - 1; i++) worst = Math.max(worst, Math.abs((x[i + 1]! - x[i - 1]!) / 0.2 - mackeyGlassRate(x[i]!, x[i - 200]!)));
    expect(worst).toBeGreaterThan(1e-2);
  });

  it('stays on its attractor: within [0.2, 1.4] for τ = 17 and τ = 30, and chaotic rather than settled', () => {
    for (const tau of [17, 30]) {
      const x = mackeyGlass({ length: 10_000, tau });
      const min = Math.min(...x);
      const max = Math.max(...x);
      expect(min).toBeGreaterThan(0.2);
      expect(max).toBeLessThan(1.4);
      expect(max - min).toBeGreaterThan(0.8);
      // aperiodic: the last stretch never repeats the first one
      const tail = Array.from(x.subarray(9000));
      expect(tail.some((v, i) => Math.abs(v - x[i]!) > 0.05)).toBe(true);
    }
  });

  it('converges at second order in dt, as documented (linear interpolation of the delayed midpoint)', () => {
    const reference = mackeyGlass({ length: 51, dt: 0.0125, warmup: 0, initial: 0.5 });
    const error = (dt: number) => {
      const x = mackeyGlass({ length: 51, dt, warmup: 0, initial: 0.5 });
      return Math.max(...x.map((v, i) => Math.abs(v - reference[i]!)));
    };
    const ratio = error(0.2) / error(0.1);
    expect(ratio).toBeGreaterThan(3.5);
    expect(error(0.1)).toBeLessThan(1e-5);
  });

  it('refuses a delay that is not a multiple of dt', () => {
    expect(() => mackeyGlass({ length: 10, tau: 17.05 })).toThrow(/tau = 17.05 must be a non-negative multiple of dt = 0.1/);
    expect(() => mackeyGlass({ length: 0 })).toThrow(/length must be a positive integer/);
  });
});
