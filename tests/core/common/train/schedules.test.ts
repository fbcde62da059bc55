import { describe, expect, it } from 'vitest';
import { constantLr, cosineAnnealing, createSchedule, stepDecay, withWarmup } from '../../../../core/common/train/schedules';

describe('schedules', () => {
  it('constant', () => {
    const s = constantLr(0.1);
    expect([s(0), s(1000)]).toEqual([0.1, 0.1]);
  });

  it('step decay multiplies by γ every stepSize steps (StepLR)', () => {
    const s = stepDecay(1, 10, 0.5);
    expect([s(0), s(9), s(10), s(19), s(20), s(35)]).toEqual([1, 1, 0.5, 0.5, 0.25, 0.125]);
  });

  it('cosine annealing starts at lr, halves at N/2, reaches and holds minLr at N', () => {
    const s = cosineAnnealing(0.1, 100, 0.01);
    expect(s(0)).toBe(0.1);
    expect(s(50)).toBeCloseTo(0.055, 15);
    expect(s(25)).toBeCloseTo(0.01 + (0.09 * (1 + Math.SQRT1_2)) / 2, 15);
    expect(s(100)).toBeCloseTo(0.01, 15);
    expect(s(500)).toBeCloseTo(0.01, 15);
    for (let t = 1; t <= 100; t++) expect(s(t)).toBeLessThan(s(t - 1));
  });

  it('warm-up rises linearly to the wrapped schedule, which then starts from its own step 0', () => {
    const s = withWarmup(cosineAnnealing(1, 10), 4);
    expect([s(0), s(1), s(2), s(3)]).toEqual([0.25, 0.5, 0.75, 1]);
    expect(s(4)).toBe(1);
    expect(s(9)).toBeCloseTo(0.5, 15);
    expect(s(14)).toBeCloseTo(0, 15);
    expect(withWarmup(constantLr(0.3), 0)(0)).toBe(0.3);
  });

  it('builds the same schedules from a config', () => {
    const s = createSchedule({ kind: 'step', lr: 0.2, stepSize: 5, gamma: 0.1, warmupSteps: 2 });
    expect(s(0)).toBe(0.1);
    expect(s(2)).toBe(0.2);
    expect(s(7)).toBeCloseTo(0.02, 15);
    expect(createSchedule({ kind: 'cosine', lr: 1, totalSteps: 4 })(2)).toBeCloseTo(0.5, 15);
    expect(createSchedule({ kind: 'constant', lr: 0.5 })(9)).toBe(0.5);
  });

  it('refuses bad arguments and steps, naming the schedule', () => {
    expect(() => stepDecay(0.1, 0, 0.5)).toThrow(/stepDecay: stepSize/);
    expect(() => cosineAnnealing(0.1, 10, -1)).toThrow(/minLr/);
    expect(() => withWarmup(constantLr(1), -2)).toThrow(/warmupSteps/);
    expect(() => constantLr(0.1)(-1)).toThrow(/constantLr: step/);
    expect(() => cosineAnnealing(0.1, 10)(1.5)).toThrow(/cosineAnnealing: step/);
    expect(() => createSchedule({ kind: 'constant', lr: 1, warmupSteps: -1 })).toThrow(/warmupSteps/);
  });
});
