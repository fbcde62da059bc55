import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../core/common/random/rng';
import { DATE_FORMATS, formatDate, isoDate, isValidDate, normaliseDate, parseDate, randomDate } from '../../../../core/common/tasks/dates';

describe('dates', () => {
  it('formats one date in every format', () => {
    const d = { year: 2026, month: 11, day: 27 };
    expect(DATE_FORMATS.map((f) => formatDate(d, f))).toEqual([
      '27 Nov 2026',
      '27 November 2026',
      'November 27, 2026',
      'Nov 27, 2026',
      '27/11/2026',
      '27.11.2026',
      '2026/11/27',
      'Friday, 27 November 2026',
    ]);
    expect(normaliseDate('27 Nov 2026')).toBe('2026-11-27');
  });

  it('round-trips: every format of a random date normalises back to its ISO form (property)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom(...DATE_FORMATS), (seed, format) => {
        const date = randomDate(new Rng(seed), 1000, 9999);
        const iso = isoDate(date);
        expect(normaliseDate(formatDate(date, format))).toBe(iso);
        expect(parseDate(iso)).toEqual(date);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses impossible dates, a wrong weekday and unknown formats', () => {
    expect(normaliseDate('29 Feb 2024')).toBe('2024-02-29');
    expect(normaliseDate('29 Feb 2023')).toBeNull();
    expect(normaliseDate('29 Feb 1900')).toBeNull(); // not a leap year: divisible by 100, not by 400
    expect(normaliseDate('29/02/2000')).toBe('2000-02-29');
    expect(normaliseDate('31 April 2026')).toBeNull();
    expect(normaliseDate('Thursday, 27 November 2026')).toBeNull();
    expect(normaliseDate('27 Novembre 2026')).toBeNull();
    expect(normaliseDate('27/11.2026')).toBeNull();
    expect(normaliseDate('11/27/2026')).toBeNull(); // month 27: US order is not one of the formats
    expect(isValidDate({ year: 2026, month: 13, day: 1 })).toBe(false);
  });

  it('draws dates uniformly over the days of the range', () => {
    const rng = new Rng(7);
    const months = new Array<number>(12).fill(0);
    let leapDays = 0;
    for (let i = 0; i < 12_000; i++) {
      const d = randomDate(rng, 1900, 2099);
      expect(d.year >= 1900 && d.year <= 2099 && isValidDate(d)).toBe(true);
      months[d.month - 1]!++;
      if (d.month === 2 && d.day === 29) leapDays++;
    }
    // month frequencies follow month lengths: 31/365.24 ≈ 8.5%, February 28.24/365.24 ≈ 7.7%
    expect(Math.abs(months[0]! / 12_000 - 31 / 365.24)).toBeLessThan(0.01);
    expect(Math.abs(months[1]! / 12_000 - 28.24 / 365.24)).toBeLessThan(0.01);
    expect(leapDays).toBeGreaterThan(0);
    const ends = new Rng(8);
    const seen = new Set(Array.from({ length: 3000 }, () => isoDate(randomDate(ends, 2000, 2000))));
    expect(seen.has('2000-01-01') && seen.has('2000-12-31')).toBe(true);
    expect(seen.size).toBeLessThanOrEqual(366);
  });
});
