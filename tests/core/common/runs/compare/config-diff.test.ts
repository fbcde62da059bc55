// Config diff: fields by dotted path, differing ones marked, a field one spec lacks is "absent" and differs.
import { describe, expect, it } from 'vitest';
import { configDiff } from '../../../../../core/common/runs/compare/config-diff';
import { flattenSpec, formatFieldValue } from '../../../../../core/common/runs/compare/spec-fields';

describe('flattenSpec', () => {
  it('gives dotted paths, keeps a list of plain values whole, indexes a list of objects, keeps {} and []', () => {
    const fields = flattenSpec({
      model: { cell: 'lstm', layers: [{ size: 4 }, { size: 8 }] },
      training: { milestones: [10, 20], extra: {}, none: [], unset: undefined },
    });
    expect([...fields.entries()]).toEqual([
      ['model.cell', 'lstm'],
      ['model.layers.0.size', 4],
      ['model.layers.1.size', 8],
      ['training.milestones', [10, 20]],
      ['training.extra', {}],
      ['training.none', []],
    ]);
  });
});

describe('configDiff', () => {
  it('marks a differing field, keeps identical ones apart, and treats an absent field as different from any value', () => {
    const diff = configDiff([
      { model: { cell: 'lstm', hiddenSize: 4 }, training: { seed: 1, lr: 0.01 } },
      { model: { cell: 'gru', hiddenSize: 4 }, training: { seed: 1, lr: 0.01, clip: 1 } },
    ]);
    expect(diff.differing.map((row) => row.path)).toEqual(['model.cell', 'training.clip']);
    expect(diff.identical.map((row) => row.path)).toEqual(['model.hiddenSize', 'training.seed', 'training.lr']);
    const clip = diff.rows.find((row) => row.path === 'training.clip');
    expect(clip?.values.map(formatFieldValue)).toEqual(['absent', '1']);
  });

  it('tells a number from the same digits as text, and null from absent', () => {
    const diff = configDiff([{ a: 1, b: null }, { a: '1' }]);
    expect(diff.differing.map((row) => row.path)).toEqual(['a', 'b']);
    expect(diff.rows.find((row) => row.path === 'b')?.values.map(formatFieldValue)).toEqual(['null', 'absent']);
  });

  it('compares lists element by element and three specs at once', () => {
    const diff = configDiff([{ m: [1, 2] }, { m: [1, 2] }, { m: [1, 3] }]);
    expect(diff.differing.map((row) => row.path)).toEqual(['m']);
    expect(configDiff([{ m: [1, 2] }, { m: [1, 2] }]).identical.map((row) => row.path)).toEqual(['m']);
  });
});
