// Which charts a run shows, from the metric vocabulary and its task's metrics.
import { describe, expect, it } from 'vitest';
import { runChartGroups } from '../../../renderer/src/charts/run-chart-groups';
import { findTask } from '../../../core/common/tasks/registry';

const charLm = findTask('char-lm')?.metrics ?? [];

describe('runChartGroups', () => {
  it('shows a language model its perplexity and bits per character, not the sequence accuracy it logs but does not score', () => {
    const logged = [
      'train/loss',
      'val/loss',
      'baseline/val/loss',
      'train/accuracy',
      'val/accuracy',
      'val/sequence_accuracy',
      'val/perplexity',
      'val/bits_per_char',
      'train/lr',
      'train/grad_norm',
    ];
    const groups = runChartGroups(logged, charLm);
    expect(groups.map((g) => g.key)).toEqual(['loss', 'accuracy', 'perplexity', 'bits-per-char', 'grad-norm', 'learning-rate']);
    expect(groups.find((g) => g.key === 'accuracy')?.names).toEqual(['train/accuracy', 'val/accuracy']);
    expect(groups.find((g) => g.key === 'loss')).toMatchObject({ names: ['train/loss', 'val/loss'], baseline: 'baseline/val/loss', logScale: true });
  });

  it('draws the baseline on the chart of the series it scores', () => {
    const groups = runChartGroups(['train/loss', 'val/loss', 'val/accuracy', 'baseline/val/accuracy'], ['cross-entropy', 'accuracy']);
    expect(groups.find((g) => g.key === 'accuracy')?.baseline).toBe('baseline/val/accuracy');
    expect(groups.find((g) => g.key === 'loss')?.baseline).toBeNull();
  });

  it('shows every logged series when the task is not known here (a dataset)', () => {
    expect(runChartGroups(['val/loss', 'val/sequence_accuracy'], null).find((g) => g.key === 'accuracy')?.names).toEqual(['val/sequence_accuracy']);
  });

  it('leaves out charts with nothing logged', () => {
    expect(runChartGroups(['train/loss'], ['mse']).map((g) => g.key)).toEqual(['loss']);
  });
});
