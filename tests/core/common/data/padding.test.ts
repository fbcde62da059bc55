import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lengthMask, padFloatSequences, padIntSequences } from '../../../../core/common/data/padding';

describe('padFloatSequences', () => {
  it('transposes row-major [L, W] sequences into a time-major [T, B, W] buffer', () => {
    const a = Float32Array.of(1, 2, 3, 4); // L = 2, W = 2
    const b = Float32Array.of(5, 6, 7, 8, 9, 10); // L = 3
    const { data, lengths, steps } = padFloatSequences([a, b], 2);
    expect(steps).toBe(3);
    expect(Array.from(lengths)).toEqual([2, 3]);
    // t = 0: a0 b0 | t = 1: a1 b1 | t = 2: pad b2
    expect(Array.from(data)).toEqual([1, 2, 5, 6, 3, 4, 7, 8, 0, 0, 9, 10]);
  });

  it('refuses a ragged row and a T shorter than the longest sequence', () => {
    expect(() => padFloatSequences([Float32Array.of(1, 2, 3)], 2)).toThrow(/sequences\[0\] has 3 values/);
    expect(() => padFloatSequences([Float32Array.of(1, 2)], 1, 1)).toThrow(/steps = 1 is shorter than the longest sequence \(2\)/);
  });

  it('never puts data beyond a length and keeps every value inside it (property)', () => {
    const sequences = fc.array(fc.array(fc.float({ noNaN: true, noDefaultInfinity: true, min: 1, max: 2 }), { minLength: 1, maxLength: 12 }), {
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(sequences, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 4 }), (rows, width, extra) => {
        const inputs = rows.map((r) => Float32Array.from(r.flatMap((v) => Array.from({ length: width }, () => v))));
        const longest = Math.max(...rows.map((r) => r.length));
        const { data, lengths, steps } = padFloatSequences(inputs, width, longest + extra);
        const B = rows.length;
        expect(data.length).toBe(steps * B * width);
        for (let t = 0; t < steps; t++) {
          for (let b = 0; b < B; b++) {
            for (let k = 0; k < width; k++) {
              const v = data[(t * B + b) * width + k];
              if (t < lengths[b]!) expect(v).toBe(inputs[b]![t * width + k]);
              else expect(v).toBe(0);
            }
          }
        }
        const mask = lengthMask(lengths, steps);
        for (let t = 0; t < steps; t++) for (let b = 0; b < B; b++) expect(mask[t * B + b]).toBe(t < rows[b]!.length ? 1 : 0);
      }),
    );
  });
});

describe('padIntSequences', () => {
  it('pads ids with PAD = 0 after each length (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 10 }), { minLength: 1, maxLength: 6 }), (rows) => {
        const { data, lengths, steps } = padIntSequences(rows.map((r) => Int32Array.from(r)));
        const B = rows.length;
        for (let b = 0; b < B; b++) {
          expect(lengths[b]).toBe(rows[b]!.length);
          for (let t = 0; t < steps; t++) expect(data[t * B + b]).toBe(t < rows[b]!.length ? rows[b]![t] : 0);
        }
      }),
    );
  });
});

describe('lengthMask', () => {
  it('refuses a length beyond the steps', () => {
    expect(() => lengthMask([2, 5], 4)).toThrow(/lengths\[1\] = 5 exceeds steps = 4/);
  });
});
