// The sequence playground's formatting: bars most likely first with the predicted one marked, the regression truth
// taken from the task definition before the example's target, forecast curves on one time axis past the window and
// their error against the truth, and typed rows read or refused by line.
import { describe, expect, it } from 'vitest';
import type { Forecast, Prediction } from '../../../core/common/api/entities';
import { classBars, forecastCurves, forecastError, parseRows, pieceTitle, regressionRows } from '../../../renderer/src/composables/format-playground';

const prediction = (rows: number[][], names: string[], truth: Prediction['truth'] = null): Prediction => ({
  readout: 'final-state',
  outputNames: names,
  rows,
  predicted: null,
  unknown: { count: 0, tokens: [] },
  truth,
});

describe('format-playground', () => {
  it('orders class bars by probability and marks the most likely', () => {
    const bars = classBars(prediction([[0.2, 0.7, 0.1]], ['sine', 'square', 'triangle']));
    expect(bars.map((b) => [b.label, b.predicted])).toEqual([
      ['square', true],
      ['sine', false],
      ['triangle', false],
    ]);
  });

  it("prefers the task definition's truth of the input, else the unedited example's target", () => {
    expect(regressionRows(prediction([[0.9]], ['sum'], { values: [1] }), [0.5])).toEqual([{ name: 'sum', predicted: 0.9, truth: 1 }]);
    expect(regressionRows(prediction([[0.9]], ['sum'], { refused: 'No true value' }), null)).toEqual([{ name: 'sum', predicted: 0.9, truth: null }]);
    expect(regressionRows(prediction([[0.9]], ['sum']), [0.5])).toEqual([{ name: 'sum', predicted: 0.9, truth: 0.5 }]);
  });

  it('draws the forecast and the truth after the window, and scores it on the steps both have', () => {
    const forecast: Forecast = { featureNames: ['x'], values: [[1], [2], [4]] };
    const curves = forecastCurves([[0], [0.5]], forecast, [1, 3]);
    expect(curves.map((c) => [c.label, c.steps])).toEqual([
      ['input window', [1, 2]],
      ['forecast', [3, 4, 5]],
      ['held-out truth', [3, 4]],
    ]);
    expect(forecastError(forecast, [1, 3])).toEqual({ mse: 0.5, steps: 2 });
    expect(forecastError(forecast, null)).toBeNull();
  });

  it('reads typed rows and names the line of a bad one', () => {
    expect(parseRows('0.5, 1\n\n0.25 0', 2)).toEqual({
      ok: true,
      rows: [
        [0.5, 1],
        [0.25, 0],
      ],
    });
    expect(parseRows('0.5, 1\n0.25', 2)).toEqual({ ok: false, message: 'Line 2 has 1 number(s); the model reads 2 per step.' });
    expect(parseRows('0.5, x', 2)).toEqual({ ok: false, message: 'Line 1: "x" is not a number.' });
  });

  it("titles a generated token with its probability and the step's most likely tokens", () => {
    expect(
      pieceTitle({
        text: 'e',
        probability: 0.5,
        alternatives: [
          { text: 'e', probability: 0.5 },
          { text: ' ', probability: 0.25 },
        ],
      }),
    ).toBe('"e": p = 50.0 % · most likely: "e" 50.0 %, " " 25.0 %');
  });
});
