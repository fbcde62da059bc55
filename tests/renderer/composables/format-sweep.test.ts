import { describe, expect, it } from 'vitest';
import { parseSweepSpec } from '../../../core/common/spec/sweep-spec';
import { describeDivergence } from '../../../core/common/train/divergence';
import { runLabel, trialLabel } from '../../../core/common/runs/trial-label';
import { exampleSweep, formatBaseline, formatBeaten, formatResult, formatRunStatus, formatStatusCounts } from '../../../renderer/src/composables/format-sweep';

describe('trial names in the sweeps panel and Compare', () => {
  it('shows the varied values readably, objects spelt out (the old label printed params={"length":5})', () => {
    expect(trialLabel(['model.hiddenSize', 'model.decoder.hiddenSize', 'task.params'], { 'model.hiddenSize': 4, 'task.params': { length: 5 } })).toBe(
      'model.hiddenSize=4 model.decoder.hiddenSize=— params.length=5',
    );
  });

  it('names a trial run by its sweep and values, any other run by its name', () => {
    expect(
      runLabel(
        { name: 'width x lr #1: model.hiddenSize=3, training.optimizer={"kind":"adam"}' },
        { trial: { sweepId: 2, label: 'hiddenSize=3 optimizer.kind=adam' } },
      ),
    ).toBe('sweep 2: hiddenSize=3 optimizer.kind=adam');
    expect(runLabel({ name: 'gru on adding-problem' }, { trial: null })).toBe('gru on adding-problem');
    expect(runLabel({ name: 'gru on adding-problem' }, null)).toBe('gru on adding-problem');
  });
});

describe('formatBaseline and formatBeaten', () => {
  const loss = { metric: 'val/loss', value: 1 / 6, lowerIsBetter: true, final: 0.0123, beaten: true };
  it("give the baseline with its metric, and whether the run beat it by that metric's direction", () => {
    expect(formatBaseline(loss)).toBe('0.1667 val/loss');
    expect(formatBeaten(loss)).toBe('beaten (0.01230, lower is better)');
    expect(formatBeaten({ metric: 'val/accuracy', value: 0.5, lowerIsBetter: false, final: 0.45, beaten: false })).toBe(
      'not beaten (0.4500, higher is better)',
    );
  });
  it('show a dash for a run without a baseline or before its first evaluation', () => {
    expect(formatBaseline(null)).toBe('—');
    expect(formatBeaten(null)).toBe('—');
    expect(formatBeaten({ ...loss, final: null, beaten: null })).toBe('—');
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
  const explosion = {
    step: 19,
    reason: 'the gradient norm before clipping was above 1000000 for 10 steps in a row since step 10 (now 1.7e+23)',
    lastSaneLoss: 0.23841,
    lastSaneStep: 9,
  };
  it('says where a run diverged and how many explosions it trained through', () => {
    expect(formatRunStatus({ status: 'diverged', divergence: explosion, warnings: [] })).toBe('diverged at step 19');
    expect(formatRunStatus({ status: 'completed', divergence: null, warnings: [explosion, explosion] })).toBe('completed · 2 warnings');
    expect(formatRunStatus({ status: 'running', divergence: null, warnings: [explosion] })).toBe('running · 1 warning');
    expect(formatRunStatus({ status: 'completed', divergence: null, warnings: [] })).toBe('completed');
  });
  it('gives the step, the reason and the last sane loss in one line', () => {
    expect(describeDivergence(explosion)).toBe(`at step 19: ${explosion.reason}; last sane loss 0.2384 (step 9)`);
    expect(describeDivergence({ ...explosion, lastSaneLoss: null, lastSaneStep: null })).toBe(
      `at step 19: ${explosion.reason}; last sane loss none (it began at the first step)`,
    );
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
