// The renderer's one number format: three significant digits, SI or scientific, one style per axis.
import { describe, expect, it } from 'vitest';
import { axisNumberFormatter, axisNumberStyle, formatNumber } from '../../../renderer/src/composables/format';

describe('formatNumber', () => {
  it('writes three significant digits without trailing zeros', () => {
    expect(formatNumber(230)).toBe('230');
    expect(formatNumber(0.5)).toBe('0.5');
    expect(formatNumber(1 / 3)).toBe('0.333');
    expect(formatNumber(2 / 3)).toBe('0.667');
    expect(formatNumber(1.23456)).toBe('1.23');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(2000)).toBe('2000');
    expect(formatNumber(-0.04567)).toBe('-0.0457');
  });

  it('uses SI suffixes from 10⁴ up, carrying a rounding into the next one', () => {
    expect(formatNumber(12_345)).toBe('12.3k');
    expect(formatNumber(999_951)).toBe('1M');
    expect(formatNumber(2.5e9)).toBe('2.5G');
    expect(formatNumber(-45_600)).toBe('-45.6k');
    expect(formatNumber(9999.7)).toBe('10k');
  });

  it('uses scientific notation below 10⁻³ and beyond the SI suffixes', () => {
    expect(formatNumber(0.000123456)).toBe('1.23e-4');
    expect(formatNumber(1e-7)).toBe('1e-7');
    expect(formatNumber(1.2e-5)).toBe('1.2e-5');
    expect(formatNumber(3.456e18)).toBe('3.46e18');
  });

  it('names zero and the non-finite values', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(Number.NaN)).toBe('NaN');
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(-Infinity)).toBe('-∞');
  });

  it('writes a value in a style it is given', () => {
    expect(formatNumber(0.1, 'scientific')).toBe('1e-1');
    expect(formatNumber(1, 'scientific')).toBe('1e0');
    expect(formatNumber(500, 'si')).toBe('500');
    expect(formatNumber(1500, 'si')).toBe('1.5k');
  });
});

describe('axis number format', () => {
  it('gives every tick of a log axis spanning 10⁻⁵…1 the same (scientific) style', () => {
    const ticks = [1e-5, 1e-4, 1e-3, 0.01, 0.1, 1];
    expect(axisNumberStyle(ticks)).toBe('scientific');
    expect(ticks.map(axisNumberFormatter(ticks))).toEqual(['1e-5', '1e-4', '1e-3', '1e-2', '1e-1', '1e0']);
  });

  it('writes steps up to 20 000 with SI suffixes throughout, and a loss between 0.05 and 2 plainly', () => {
    const steps = [0, 5000, 10_000, 15_000, 20_000];
    expect(steps.map(axisNumberFormatter(steps))).toEqual(['0', '5k', '10k', '15k', '20k']);
    const losses = [0.05, 0.5, 1, 1.5, 2];
    expect(losses.map(axisNumberFormatter(losses))).toEqual(['0.05', '0.5', '1', '1.5', '2']);
  });

  it('ignores zeros and non-finite values when choosing the style', () => {
    expect(axisNumberStyle([0, Number.NaN, Infinity, 0.5])).toBe('plain');
    expect(axisNumberStyle([])).toBe('plain');
  });
});
