// The sweep builder: values and ranges (linear, log, whole numbers) into a grid or a random search the sweep schema
// accepts, the trial count it gives, and back from the sweep's JSON without losing anything.
import { describe, expect, it } from 'vitest';
import { parseSweepSpec } from '../../../core/common/spec/sweep-spec';
import {
  designFromSweep,
  designTrialCount,
  formatValues,
  newAxis,
  parseValues,
  rangeValues,
  sweepFromDesign,
  type SweepDesign,
} from '../../../renderer/src/composables/sweep-builder';

const base = { task: { id: 'adding-problem', params: { length: 5 } }, model: { cell: 'gru', hiddenSize: 4 }, training: { steps: 20, batchSize: 4 } };
const design = (over: Partial<SweepDesign>): SweepDesign => ({ name: 'b', base, strategy: 'grid', axes: [], trials: 8, seed: 1, concurrency: 2, ...over });

describe('rangeValues', () => {
  it('spaces values evenly (linear) or by a constant ratio (log), ends included', () => {
    expect(rangeValues({ min: 0, max: 1, count: 5, scale: 'linear', int: false })).toEqual({ ok: true, values: [0, 0.25, 0.5, 0.75, 1] });
    expect(rangeValues({ min: 0.0001, max: 0.1, count: 4, scale: 'log', int: false })).toEqual({ ok: true, values: [0.0001, 0.001, 0.01, 0.1] });
    expect(rangeValues({ min: 8, max: 64, count: 4, scale: 'log', int: true })).toEqual({ ok: true, values: [8, 16, 32, 64] });
  });

  it('refuses a log range from 0 and whole numbers that would repeat', () => {
    expect(rangeValues({ min: 0, max: 1, count: 3, scale: 'log', int: false })).toMatchObject({ ok: false, message: 'a log range needs min > 0' });
    expect(rangeValues({ min: 1, max: 2, count: 5, scale: 'linear', int: true })).toMatchObject({ ok: false, message: expect.stringContaining('repeat') });
  });
});

describe('sweepFromDesign', () => {
  it('gives a grid of values × a log range that the sweep schema expands to the counted trials', () => {
    const d = design({
      axes: [
        { ...newAxis('model.cell', 'other', 'gru'), values: 'lstm, gru' },
        { ...newAxis('training.learningRate', 'number', 0.01), mode: 'range', min: 0.001, max: 0.1, count: 3, scale: 'log' },
      ],
    });
    expect(designTrialCount(d)).toBe(6);
    const built = sweepFromDesign(d);
    expect(built.ok && built.sweep.grid).toEqual({ 'model.cell': ['lstm', 'gru'], 'training.learningRate': [0.001, 0.01, 0.1] });
    const parsed = parseSweepSpec(built.ok ? built.sweep : null);
    expect(parsed.ok && parsed.trials.length).toBe(6);
  });

  it('gives a seeded random search with a range drawn as such', () => {
    const d = design({
      strategy: 'random',
      trials: 5,
      seed: 7,
      axes: [{ ...newAxis('model.hiddenSize', 'int', 4), mode: 'range', min: 2, max: 16, scale: 'log' }],
    });
    expect(designTrialCount(d)).toBe(5);
    const built = sweepFromDesign(d);
    expect(built.ok && built.sweep.random).toEqual({ trials: 5, seed: 7, fields: { 'model.hiddenSize': { min: 2, max: 16, log: true, int: true } } });
    const parsed = parseSweepSpec(built.ok ? built.sweep : null);
    expect(parsed.ok && parsed.trials.length).toBe(5);
  });

  it('names the field of each problem, and refuses a sweep with no field', () => {
    const built = sweepFromDesign(design({ axes: [{ ...newAxis('model.hiddenSize', 'int', 4), values: '4,,8' }] }));
    expect(built).toMatchObject({ ok: false, issues: [{ path: 'model.hiddenSize', message: expect.stringContaining('none empty') }] });
    expect(sweepFromDesign(design({}))).toMatchObject({ ok: false, issues: [{ path: 'sweep' }] });
  });
});

describe('designFromSweep', () => {
  it('shows a grid and a random search and gives each back unchanged', () => {
    const grid = { name: 'g', base, grid: { 'model.hiddenSize': [3, 4], 'model.cell': ['lstm', '8'] }, concurrency: 2 };
    const shown = designFromSweep(grid);
    expect(shown.ok && shown.design.axes.map((a) => a.values)).toEqual(['3, 4', 'lstm, "8"']);
    const back = shown.ok ? sweepFromDesign(shown.design) : null;
    expect(back?.ok && back.sweep).toEqual({ ...grid });
    const random = { base, random: { trials: 3, seed: 2, fields: { 'training.learningRate': { min: 0.001, max: 0.1, log: true } } } };
    const shownRandom = designFromSweep(random);
    expect(shownRandom.ok && shownRandom.design.axes[0]).toMatchObject({ mode: 'range', scale: 'log', min: 0.001, max: 0.1 });
  });

  it('refuses, saying why, a list of trials and an invalid sweep', () => {
    expect(designFromSweep({ base, list: [{ 'model.hiddenSize': 3 }] })).toMatchObject({ ok: false, message: expect.stringContaining('list of trials') });
    expect(designFromSweep({ base, grid: { 'model.hiddenSize': [] } })).toMatchObject({ ok: false, message: expect.stringContaining('grid.model.hiddenSize') });
  });
});

describe('values as typed', () => {
  it('reads numbers, booleans and words, and writes back what reads the same', () => {
    expect(parseValues('1, 0.5, true, lstm, "8"')).toEqual({ ok: true, values: [1, 0.5, true, 'lstm', '8'] });
    expect(formatValues([1, true, 'lstm', '8'])).toBe('1, true, lstm, "8"');
  });
});
