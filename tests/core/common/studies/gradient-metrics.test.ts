// The gradient metrics a study reads from a run's sampled norms: the profile over t at a training stage and the
// first-to-last ratio over training, of ‖∂L/∂h_t‖ or (state 'c') of an LSTM's ‖∂L/∂c_t‖ — absent, not zero, for a
// run that logged no cell-state norms.
import { describe, expect, it } from 'vitest';
import type { StudyGradientNorms } from '../../../../core/common/studies/run-outcome';
import { studyMetricSchema } from '../../../../core/common/studies/study-definition';
import { measure } from '../../../../core/common/studies/study-metrics';
import { results } from './tiny-study';

// Two layers (l0 is read, l1 is not), T = 3, sampled at steps 1, 5 and 9; grid = [layers, T] row-major per step.
const hGrids = [
  [1e-6, 1e-3, 1, 7, 7, 7],
  [1e-4, 1e-2, 1, 7, 7, 7],
  [0.5, 0.8, 1, 7, 7, 7],
];
const cGrids = [
  [0.2, 0.5, 2, 9, 9, 9],
  [0.4, 0.6, 2, 9, 9, 9],
  [1, 1.5, 2, 9, 9, 9],
];
const lstm: StudyGradientNorms = { layers: ['l0', 'l1'], timeSteps: 3, sampledSteps: [1, 5, 9], values: hGrids, cellValues: cGrids };
const gru: StudyGradientNorms = { ...lstm, cellValues: null };
const run = (gradients: StudyGradientNorms) => ({ results: results(0.1), gradients, steps: 9, status: 'completed' });
const metric = (raw: unknown) => studyMetricSchema.parse(raw);

describe('gradient metrics of a study', () => {
  it('read ‖∂L/∂h_t‖ of the first layer by default: the profile at a stage and the ratio at every sampled step', () => {
    expect(measure(metric({ kind: 'gradientProfile', stage: 'early', label: 'h early' }), run(lstm))).toEqual([
      { x: 1, y: 1e-6 },
      { x: 2, y: 1e-3 },
      { x: 3, y: 1 },
    ]);
    expect(measure(metric({ kind: 'gradientRatio', label: 'h ratio' }), run(lstm))).toEqual([
      { x: 1, y: 1e-6 },
      { x: 5, y: 1e-4 },
      { x: 9, y: 0.5 },
    ]);
  });

  it('read an LSTM’s ‖∂L/∂c_t‖ with state c, and give no points (never zeros) for a run without cell-state norms', () => {
    expect(measure(metric({ kind: 'gradientProfile', stage: 'end', state: 'c', label: 'c end' }), run(lstm))).toEqual([
      { x: 1, y: 1 },
      { x: 2, y: 1.5 },
      { x: 3, y: 2 },
    ]);
    expect(measure(metric({ kind: 'gradientRatio', state: 'c', label: 'c ratio' }), run(lstm))).toEqual([
      { x: 1, y: 0.1 },
      { x: 5, y: 0.2 },
      { x: 9, y: 0.5 },
    ]);
    expect(measure(metric({ kind: 'gradientProfile', stage: 'end', state: 'c', label: 'c end' }), run(gru))).toEqual([]);
    expect(measure(metric({ kind: 'gradientRatio', state: 'c', label: 'c ratio' }), run(gru))).toEqual([]);
  });

  it('refuses a state that is neither h nor c', () => {
    expect(() => metric({ kind: 'gradientRatio', state: 'x', label: 'bad' })).toThrow();
  });
});
