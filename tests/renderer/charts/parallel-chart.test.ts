// A sweep's parallel coordinates: an axis per varied field (value or category) and the metric; the best trial apart.
import { describe, expect, it } from 'vitest';
import { parallelOption } from '../../../renderer/src/charts/parallel-chart';

const colors = { text: '#000', grid: '#ccc' };

describe('parallelOption', () => {
  const trials = [
    { runId: 1, params: { 'model.hiddenSize': 4, 'model.cell': 'lstm', 'training.learningRate': 0.0001 }, value: 0.5 },
    { runId: 2, params: { 'model.hiddenSize': 8, 'model.cell': 'gru', 'training.learningRate': 0.1 }, value: 0.2 },
  ];
  const fields = ['model.hiddenSize', 'model.cell', 'training.learningRate'];

  it('has a value axis for numbers (log over a wide positive range), a category axis otherwise, then the metric', () => {
    const option = parallelOption(trials, fields, 'Validation loss', 2, colors);
    expect(option.parallelAxis).toEqual([
      { dim: 0, name: 'hiddenSize', type: 'value', scale: true },
      { dim: 1, name: 'cell', type: 'category', data: ['lstm', 'gru'] },
      { dim: 2, name: 'learningRate', type: 'log', scale: true },
      { dim: 3, name: 'Validation loss', type: 'value', scale: true },
    ]);
  });

  it('draws the best trial as its own series, the others in the first', () => {
    const option = parallelOption(trials, fields, 'Validation loss', 2, colors);
    expect(option.series[0]?.data).toEqual([[4, 'lstm', 0.0001, 0.5]]);
    expect(option.series[1]?.name).toBe('best trial');
    expect(option.series[1]?.data).toEqual([[8, 'gru', 0.1, 0.2]]);
    expect(parallelOption(trials, fields, 'Validation loss', null, colors).series[1]?.data).toEqual([]);
  });
});
