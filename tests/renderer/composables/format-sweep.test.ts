import { describe, expect, it } from 'vitest';
import { parseSweepSpec } from '../../../core/common/spec/sweep-spec';
import { describeDivergence } from '../../../core/common/train/divergence';
import { exampleSweep, formatResult, formatRunStatus, formatStatusCounts, formatVariedValues } from '../../../renderer/src/composables/format-sweep';

describe('formatVariedValues', () => {
  it('names each field by its last segment, in the sweep order, rounding fractions to 4 digits', () => {
    const fields = ['model.hiddenSize', 'training.learningRate', 'model.cell'];
    expect(formatVariedValues(fields, { 'training.learningRate': 0.0031622776, 'model.hiddenSize': 16, 'model.cell': 'gru' })).toBe('hiddenSize=16, learningRate=0.003162, cell=gru');
  });

  it('keeps the whole path where two fields end alike, and shows a dash for a missing value', () => {
    expect(formatVariedValues(['model.hiddenSize', 'model.decoder.hiddenSize', 'task.params'], { 'model.hiddenSize': 4, 'task.params': { length: 5 } })).toBe(
      'model.hiddenSize=4, model.decoder.hiddenSize=—, params={"length":5}',
    );
  });
});

describe('formatStatusCounts', () => {
  it('lists the non-zero statuses, completed first', () => {
    expect(formatStatusCounts({ queued: 1, running: 2, completed: 3, failed: 0, stopped: 0 })).toBe('3 completed · 2 running · 1 queued');
    expect(formatStatusCounts({ failed: 1, diverged: 1 })).toBe('1 failed · 1 diverged');
    expect(formatStatusCounts({})).toBe('no runs');
  });
});

describe('formatRunStatus and describeDivergence', () => {
  const explosion = { step: 19, reason: 'the gradient norm before clipping was above 1000000 for 10 steps in a row since step 10 (now 1.7e+23)', lastSaneLoss: 0.23841, lastSaneStep: 9 };
  it('says where a run diverged and how many explosions it trained through', () => {
    expect(formatRunStatus({ status: 'diverged', divergence: explosion, warnings: [] })).toBe('diverged at step 19');
    expect(formatRunStatus({ status: 'completed', divergence: null, warnings: [explosion, explosion] })).toBe('completed · 2 warnings');
    expect(formatRunStatus({ status: 'running', divergence: null, warnings: [explosion] })).toBe('running · 1 warning');
    expect(formatRunStatus({ status: 'completed', divergence: null, warnings: [] })).toBe('completed');
  });
  it('gives the step, the reason and the last sane loss in one line', () => {
    expect(describeDivergence(explosion)).toBe(`at step 19: ${explosion.reason}; last sane loss 0.2384 (step 9)`);
    expect(describeDivergence({ ...explosion, lastSaneLoss: null, lastSaneStep: null })).toBe(`at step 19: ${explosion.reason}; last sane loss none (it began at the first step)`);
  });
});

describe('formatResult', () => {
  it('shows a loss to 4 significant digits, an accuracy as a percentage, and a dash when missing', () => {
    expect(formatResult(0.0123456, 'loss')).toBe('0.01235');
    expect(formatResult(0.8772, 'accuracy')).toBe('87.7 %');
    expect(formatResult(null, 'loss')).toBe('—');
  });
});

describe('exampleSweep', () => {
  it('is a valid 2 × 2 grid named after the experiment', () => {
    const parsed = parseSweepSpec(exampleSweep('IRNN vs LSTM'));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.trials).toHaveLength(4);
    expect(exampleSweep('IRNN vs LSTM').name).toContain('IRNN vs LSTM');
  });
});
