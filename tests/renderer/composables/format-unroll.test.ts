import { describe, expect, it } from 'vitest';
import type { ModelInfo, Unroll } from '../../../core/common/api/entities';
import { curveChartOption } from '../../../renderer/src/charts/chart-options';
import {
  DEFAULT_UNROLL_LENGTH,
  conditionedSummary,
  parseFeatures,
  unrollCaption,
  unrollCurves,
  unrollLength,
} from '../../../renderer/src/composables/format-unroll';

const info = (input: Partial<ModelInfo['input']>): ModelInfo => ({
  exportId: 1,
  runId: 2,
  seqlabVersion: '0.1.0',
  task: { id: 'waveform-generation', shape: 'one-to-many' },
  cell: 'gru',
  hiddenSize: 12,
  numLayers: 1,
  bidirectional: false,
  input: { kind: 'classes', tokenization: null, size: 4, symbols: ['sine', 'square', 'triangle', 'rising sawtooth'], ...input },
  output: { kind: 'dense', readout: 'every-step', values: 'values', size: 1, symbols: ['y(t)'] },
  canGenerate: false,
  canForecast: false,
  requests: ['unroll'],
  datasetCodec: null,
});

const values: Unroll = {
  condition: { kind: 'class', label: 'square', id: 1 },
  outputNames: ['a', 'b'],
  values: [
    [0.1, 1],
    [0.2, 2],
    [0.3, 3],
  ],
  tokens: null,
  text: null,
  finished: true,
};
const tokens: Unroll = { condition: { kind: 'dense', values: [0.5, -1] }, outputNames: [], values: null, tokens: ['h', 'i'], text: 'hi', finished: false };

describe('one-to-many playground formatting', () => {
  it('sums the model up in one line: cell, size, what it is conditioned on, task', () => {
    expect(conditionedSummary(info({}))).toBe('GRU decoder × 12, conditioned on one of 4 classes · task waveform-generation');
    expect(conditionedSummary(info({ kind: 'dense', size: 1, symbols: ['x'] }))).toBe('GRU decoder × 12, conditioned on 1 feature · task waveform-generation');
  });

  it('makes the length field valid: rounded into 1..10000, the default when empty', () => {
    expect(unrollLength(40)).toBe(40);
    expect(unrollLength(2.6)).toBe(3);
    expect(unrollLength(0)).toBe(1);
    expect(unrollLength(1e9)).toBe(10_000);
    expect(unrollLength('')).toBe(DEFAULT_UNROLL_LENGTH);
    expect(unrollLength(null)).toBe(DEFAULT_UNROLL_LENGTH);
  });

  it('reads feature values separated by commas or spaces, and says what is wrong', () => {
    expect(parseFeatures('0.5, -1', 2)).toEqual({ ok: true, values: [0.5, -1] });
    expect(parseFeatures(' 1e-2  3 ', 2)).toEqual({ ok: true, values: [0.01, 3] });
    expect(parseFeatures('1, x', 2)).toEqual({ ok: false, message: '"x" is not a number.' });
    expect(parseFeatures('1', 2)).toEqual({ ok: false, message: 'Give 2 numbers, separated by commas or spaces (1 given).' });
    expect(parseFeatures('', 1)).toEqual({ ok: false, message: 'Give 1 number, separated by commas or spaces (0 given).' });
  });

  it('draws one curve per output column over steps 1..T, through the curve chart builder', () => {
    const curves = unrollCurves(values);
    expect(curves).toEqual([
      { label: 'a', steps: [1, 2, 3], values: [0.1, 0.2, 0.3] },
      { label: 'b', steps: [1, 2, 3], values: [1, 2, 3] },
    ]);
    const option = curveChartOption(curves, { yName: 'value', colors: { text: '#000', grid: '#ccc' } });
    expect(option.series.map((s) => s.data)).toEqual([
      [
        [1, 0.1],
        [2, 0.2],
        [3, 0.3],
      ],
      [
        [1, 1],
        [2, 2],
        [3, 3],
      ],
    ]);
    expect(unrollCurves(tokens)).toEqual([]);
  });

  it('refuses a step with fewer values than outputs rather than drawing a gap where a value is missing', () => {
    expect(() => unrollCurves({ ...values, values: [[0.1, 1], [0.2]] })).toThrow('unrollCurves: step 2 has 1 value(s) for the 2 outputs (a, b)');
  });

  it('captions the sequence with its condition and length', () => {
    expect(unrollCaption(values)).toBe('square · 3 steps');
    expect(unrollCaption(tokens)).toBe('features (0.5, -1) · 2 tokens, stopped before the end token');
    expect(unrollCaption({ ...tokens, tokens: ['x'], finished: true })).toBe('features (0.5, -1) · 1 token');
  });
});
