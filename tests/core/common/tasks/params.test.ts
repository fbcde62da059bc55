import { describe, expect, it } from 'vitest';
import { booleanParam, choiceParam, defaultParams, describeRange, intParam, numberParam, parseParams } from '../../../../core/common/tasks/params';

const specs = {
  length: intParam({ label: 'Length', description: 'Steps.', default: 100, min: 2, max: 5000 }),
  noise: numberParam({ label: 'Noise', description: 'σ.', default: 0.1, min: 0, max: 1 }),
  classes: choiceParam({ label: 'Classes', description: 'K.', default: 4, options: [4, 8] }),
  running: booleanParam({ label: 'Running', description: 'Per step.', default: false }),
};

describe('parseParams', () => {
  it('fills defaults and keeps given values, typed', () => {
    const parsed = parseParams(specs, { length: 7, classes: 8 });
    expect(parsed).toEqual({ ok: true, value: { length: 7, noise: 0.1, classes: 8, running: false } });
    expect(parseParams(specs, undefined)).toEqual({ ok: true, value: defaultParams(specs) });
  });

  it('names the parameter, its range and the bad value', () => {
    const check = (raw: unknown) => {
      const parsed = parseParams(specs, raw);
      if (parsed.ok) throw new Error('expected issues');
      return parsed.issues;
    };
    expect(check({ length: 1 })).toEqual([{ param: 'length', message: 'length must be an integer in [2, 5000]; got 1' }]);
    expect(check({ length: 2.5 })[0]!.message).toBe('length must be an integer in [2, 5000]; got 2.5');
    expect(check({ noise: '0.3' })[0]!.message).toBe('noise must be a number in [0, 1]; got "0.3"');
    expect(check({ classes: 5 })[0]!.message).toBe('classes must be one of 4, 8; got 5');
    expect(check({ running: 1 })[0]!.message).toBe('running must be true or false; got 1');
    expect(check({ lenght: 3 })).toEqual([{ param: '(params)', message: 'unknown parameter(s) lenght; known: length, noise, classes, running' }]);
    expect(check([])[0]!.param).toBe('(params)');
    expect(check({ length: 0, noise: 2 }).map((i) => i.param)).toEqual(['length', 'noise']);
  });

  it('accepts both ends of each range', () => {
    expect(parseParams(specs, { length: 2, noise: 0 }).ok).toBe(true);
    expect(parseParams(specs, { length: 5000, noise: 1 }).ok).toBe(true);
    expect(describeRange(specs.noise)).toBe('a number in [0, 1]');
  });
});
