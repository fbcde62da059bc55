// One validation, browser and backend: the browser's issues are the schema's, and every issue (either side's) is
// placed at its field by its path, or kept in a list of its own.
import { describe, expect, it } from 'vitest';
import { browserIssues, placeIssues, specPath } from '../../../renderer/src/composables/field-issues';

describe('browserIssues', () => {
  it("gives the schema's issue for a bad learning rate and the task's for a bad parameter, by path", () => {
    const issues = browserIssues({ task: { id: 'adding-problem', params: { length: 0 } }, training: { learningRate: -1 } });
    expect(issues.map((i) => i.path).sort()).toEqual(['task.params.length', 'training.learningRate']);
    expect(issues.find((i) => i.path === 'training.learningRate')?.message).toBe('learningRate must be greater than 0');
  });

  it('finds nothing wrong with a valid spec', () => {
    expect(browserIssues({ task: { id: 'adding-problem' } })).toEqual([]);
  });
});

describe('placeIssues', () => {
  const fields = new Set(['training.learningRate', 'training.optimizer.betas.0', 'model.hiddenSize']);

  it('places a backend issue at the field its path names once the request prefix is off, and keeps the rest', () => {
    const placed = placeIssues(
      [
        { path: specPath('spec.training.learningRate', 'spec'), message: 'too large' },
        { path: '(spec)', message: 'this run would need 2 TiB' },
        { path: 'training.kernels', message: 'not shown here' },
      ],
      fields,
    );
    expect(placed.byField.get('training.learningRate')).toEqual([{ path: 'training.learningRate', message: 'too large' }]);
    expect(placed.unplaced.map((i) => i.path)).toEqual(['(spec)', 'training.kernels']);
  });

  it("places a part's issue at its field and shows an issue two sources report once", () => {
    const twice = { path: 'model.hiddenSize', message: 'hiddenSize must be at least 1' };
    const placed = placeIssues([twice, { ...twice }, { path: 'training.learningRate.x', message: 'deep' }], fields);
    expect(placed.byField.get('model.hiddenSize')).toHaveLength(1);
    expect(placed.byField.get('training.learningRate')?.[0]?.message).toBe('deep');
    expect(placed.unplaced).toEqual([]);
  });
});
