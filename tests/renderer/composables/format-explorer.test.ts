// The explorer's colour ranges follow each signal's activation (σ 0…1, tanh −1…1, unbounded from the values),
// a character's colour is red above the middle and blue below, and typed values are read or refused by line.
import { describe, expect, it } from 'vitest';
import { activationColor, parseValueRows, signalRange, stepPages, visibleToken } from '../../../renderer/src/composables/format-explorer';

describe('signalRange', () => {
  it('is the activation range of a gate or h, and ±the largest magnitude of c and pre-activations', () => {
    expect(signalRange('lstm', 'f', [0.2])).toEqual({ min: 0, max: 1, fixed: true });
    expect(signalRange('lstm', 'g', [0.2])).toEqual({ min: -1, max: 1, fixed: true });
    expect(signalRange('gru', 'n', [])).toEqual({ min: -1, max: 1, fixed: true });
    expect(signalRange('gru', 'h', [])).toEqual({ min: -1, max: 1, fixed: true });
    expect(signalRange('lstm', 'c', [0.5, -3, 2])).toEqual({ min: -3, max: 3, fixed: false });
    expect(signalRange('rnn_relu', 'h', [0, 4, 1])).toEqual({ min: 0, max: 4, fixed: false });
    expect(signalRange('rnn_tanh', 'pre', [0, 0])).toEqual({ min: -1, max: 1, fixed: false });
  });
});

describe('activationColor', () => {
  it('red above the middle of the range, blue below, transparent at the middle', () => {
    const sigmoid = { min: 0, max: 1, fixed: true };
    expect(activationColor(1, sigmoid)).toBe('rgba(220, 38, 38, 1)');
    expect(activationColor(0, sigmoid)).toBe('rgba(37, 99, 235, 1)');
    expect(activationColor(0.5, sigmoid)).toBe('rgba(220, 38, 38, 0)');
    expect(activationColor(-0.5, { min: -1, max: 1, fixed: true })).toBe('rgba(37, 99, 235, 0.5)');
    expect(activationColor(Number.NaN, sigmoid)).toBe('transparent');
  });
});

describe('parseValueRows and pages', () => {
  it('reads one step per line and refuses a non-number naming its line', () => {
    expect(parseValueRows('1 2\n\n3,4\n')).toEqual({
      ok: true,
      rows: [
        [1, 2],
        [3, 4],
      ],
    });
    expect(parseValueRows('1 2\n3 x')).toEqual({ ok: false, message: 'Line 2: "x" is not a number.' });
    expect(parseValueRows('  ')).toMatchObject({ ok: false });
  });

  it('pages steps and makes whitespace visible', () => {
    expect(stepPages(5, 2)).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 4 },
      { start: 4, end: 5 },
    ]);
    expect(visibleToken(' \n')).toBe('␣⏎');
  });
});
