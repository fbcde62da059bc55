// A sweep trial's readable name: the varied values by their field's last name, objects spelt out, no JSON.
import { describe, expect, it } from 'vitest';
import { trialLabel } from '../../../../core/common/runs/trial-label';

describe('trialLabel', () => {
  it("names each field by its last segment, in the sweep's order, fractions to 4 significant digits", () => {
    expect(
      trialLabel(['model.cell', 'model.hiddenSize', 'training.learningRate'], {
        'model.cell': 'lstm',
        'model.hiddenSize': 64,
        'training.learningRate': 0.0031622776,
      }),
    ).toBe('cell=lstm hiddenSize=64 learningRate=0.003162');
  });

  it('keeps the whole path of fields that share a last segment', () => {
    expect(trialLabel(['model.hiddenSize', 'model.decoder.hiddenSize'], { 'model.hiddenSize': 8, 'model.decoder.hiddenSize': 16 })).toBe(
      'model.hiddenSize=8 model.decoder.hiddenSize=16',
    );
  });

  it('spells out object values field by field and lists with commas, never as JSON', () => {
    const label = trialLabel(['training.optimizer', 'model.init', 'task.params.lengths'], {
      'training.optimizer': { kind: 'sgd', momentum: 0.9 },
      'model.init': { recurrent: 'identity' },
      'task.params.lengths': [10, 20],
    });
    expect(label).toBe('optimizer.kind=sgd optimizer.momentum=0.9 init.recurrent=identity lengths=10,20');
    expect(label).not.toMatch(/[{}"]/);
  });

  it('shows a value the spec lacks as —', () => {
    expect(trialLabel(['model.attention'], { 'model.attention': null })).toBe('attention=—');
  });
});
