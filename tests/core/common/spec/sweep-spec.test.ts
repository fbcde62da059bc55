// Sweep specs: deterministic grid and random expansion, and every problem named by trial and field.
import { describe, expect, it } from 'vitest';
import { writeFieldPath } from '../../../../core/common/spec/field-path';
import {
  expandSweep,
  parseSweepSpec,
  sweepFields,
  sweepSpecSchema,
  sweepStrategy,
  sweepTrialCount,
  type SweepSpecInput,
} from '../../../../core/common/spec/sweep-spec';

const base = { task: { id: 'adding-problem', params: { length: 10 } }, model: { cell: 'gru', hiddenSize: 8 }, training: { steps: 20 } };

function issuesOf(raw: unknown) {
  const result = parseSweepSpec(raw);
  if (result.ok) throw new Error('expected the sweep to be refused');
  return result.issues;
}

function trialsOf(raw: SweepSpecInput) {
  const result = parseSweepSpec(raw);
  if (!result.ok) throw new Error(`expected a valid sweep, got ${JSON.stringify(result.issues)}`);
  return result.trials;
}

describe('grid sweeps', () => {
  it('expands every combination in nested-loop order, each a fully resolved spec', () => {
    const trials = trialsOf({ base, grid: { 'model.cell': ['gru', 'lstm'], 'task.params.length': [5, 10, 20] } });
    expect(trials.map((t) => t.assignments)).toEqual([
      { 'model.cell': 'gru', 'task.params.length': 5 },
      { 'model.cell': 'gru', 'task.params.length': 10 },
      { 'model.cell': 'gru', 'task.params.length': 20 },
      { 'model.cell': 'lstm', 'task.params.length': 5 },
      { 'model.cell': 'lstm', 'task.params.length': 10 },
      { 'model.cell': 'lstm', 'task.params.length': 20 },
    ]);
    expect(trials[4]?.spec).toMatchObject({ model: { cell: 'lstm', hiddenSize: 8 }, task: { params: { length: 10 } }, training: { steps: 20, batchSize: 32 } });
  });

  it('writes fields the base leaves out, and lets a trial switch a variant with its own fields', () => {
    const trials = trialsOf({
      base: { ...base, training: { steps: 20, optimizer: { kind: 'sgd' } } },
      grid: { 'training.optimizer.momentum': [0, 0.9], 'model.init.forgetBias': [0, 1] },
    });
    expect(trials).toHaveLength(4);
    expect(trials[3]?.spec.training.optimizer).toMatchObject({ kind: 'sgd', momentum: 0.9 });
    expect(trials[3]?.spec.model).toMatchObject({ kind: 'sequence', init: { forgetBias: 1 } });
  });

  it('sweeps an encoder–decoder: attention on or off and its size, and the teacher-forcing ratio', () => {
    const seq2seq = { task: { id: 'reverse-string' }, model: { kind: 'seq2seq', hiddenSize: 8 }, training: { steps: 10 } };
    const trials = trialsOf({ base: seq2seq, grid: { 'model.attention': [null, { size: 4 }, { size: 8 }], 'training.teacherForcing.ratio': [0.5, 1] } });
    expect(trials).toHaveLength(6);
    expect(trials.map((t) => t.spec.model)).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'seq2seq', attention: null }), expect.objectContaining({ attention: { size: 8 } })]),
    );
    expect(trials[0]?.spec.training.teacherForcing).toEqual({ kind: 'constant', ratio: 0.5 });
  });

  it('sweeps a field the base must have, such as the task itself', () => {
    const { task: _task, ...withoutTask } = base;
    const trials = trialsOf({ base: withoutTask, grid: { task: [{ id: 'adding-problem' }, { id: 'running-parity' }] } });
    expect(trials.map((t) => t.spec.task.id)).toEqual(['adding-problem', 'running-parity']);
  });
});

describe('random sweeps', () => {
  const random = {
    base,
    random: {
      trials: 50,
      seed: 42,
      fields: {
        'training.learningRate': { min: 1e-4, max: 1e-1, log: true },
        'model.hiddenSize': { min: 2, max: 6, int: true },
        'model.cell': ['gru', 'lstm', 'rnn_tanh'],
      },
    },
  };

  it('draws the same trials from the same seed, within the ranges', () => {
    const first = trialsOf(random).map((t) => t.assignments);
    expect(trialsOf(random).map((t) => t.assignments)).toEqual(first);
    expect(trialsOf({ ...random, random: { ...random.random, seed: 43 } }).map((t) => t.assignments)).not.toEqual(first);
    const rates = first.map((a) => a['training.learningRate'] as number);
    expect(Math.min(...rates)).toBeGreaterThanOrEqual(1e-4);
    expect(Math.max(...rates)).toBeLessThanOrEqual(1e-1);
    // Log-uniform: about as many draws below 1e-2.5 as above.
    expect(rates.filter((r) => r < 10 ** -2.5).length).toBeGreaterThan(15);
    const widths = new Set(first.map((a) => a['model.hiddenSize']));
    expect([...widths].every((w) => Number.isInteger(w) && (w as number) >= 2 && (w as number) <= 6)).toBe(true);
    expect(widths.size).toBe(5);
    expect(new Set(first.map((a) => a['model.cell']))).toEqual(new Set(['gru', 'lstm', 'rnn_tanh']));
  });

  it('expands without validating (for previews) the same way', () => {
    const sweep = sweepSpecSchema.parse(random);
    expect(expandSweep(sweep)).toEqual(trialsOf(random).map((t) => t.assignments));
  });
});

describe('sweep validation', () => {
  it('names the trial and the field of a value the spec refuses', () => {
    expect(issuesOf({ base, grid: { 'model.hiddenSize': [4, 0], 'training.learningRate': [0.1] } })).toEqual([
      { path: 'trials.2.model.hiddenSize', message: 'hiddenSize must be at least 1 (trial 2 of 2: model.hiddenSize=0, training.learningRate=0.1)' },
    ]);
  });

  it('refuses an unknown field path and says what is there', () => {
    const issues = issuesOf({ base, grid: { 'model.hiddenSise': [4, 8] } });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('grid.model.hiddenSise');
    expect(issues[0]?.message).toMatch(/"model\.hiddenSise" is not a field of the experiment spec; model has: kind, cell, hiddenSize/);
    expect(issuesOf({ base, grid: { 'model..x': [1] } })[0]?.message).toMatch(/not a field path/);
  });

  it('reports a broken base once, under base.', () => {
    expect(issuesOf({ base: { ...base, training: { steps: -1 } }, grid: { 'model.hiddenSize': [4, 8] } })).toEqual([
      { path: 'base.training.steps', message: 'steps must be at least 1' },
    ]);
  });

  it('checks the sweep itself: one strategy, ranges, concurrency, size', () => {
    expect(issuesOf({ base }).map((i) => i.path)).toEqual(['grid']);
    expect(issuesOf({ base, grid: { 'model.hiddenSize': [4] }, random: { trials: 2, fields: {} } })[0]?.message).toMatch(
      /exactly one of "grid", "random" or "list"/,
    );
    expect(issuesOf({ base, grid: { 'model.hiddenSize': [] } })).toEqual([{ path: 'grid.model.hiddenSize', message: 'needs at least one value' }]);
    expect(issuesOf({ base, random: { trials: 2, fields: { 'training.learningRate': { min: 0, max: 1, log: true } } } })[0]?.path).toBe(
      'random.fields.training.learningRate.min',
    );
    expect(issuesOf({ base, grid: { 'model.hiddenSize': [4] }, concurrency: 0 })[0]).toEqual({
      path: 'concurrency',
      message: 'concurrency must be at least 1',
    });
    const big = Array.from({ length: 40 }, (_, i) => i + 1);
    expect(issuesOf({ base, grid: { 'model.hiddenSize': big, 'task.params.length': big } })[0]?.message).toMatch(/1600 combinations; at most 1000/);
  });
});

describe('field paths through the prototype', () => {
  // JSON.parse, as every transport does, makes "__proto__" an ordinary own key of the parsed object
  const sweeps = [
    '{"base":{"task":{"id":"parity"}},"grid":{"__proto__.polluted":[1,2]}}',
    '{"base":{"task":{"id":"parity"}},"grid":{"model.constructor.prototype.polluted":[1]}}',
    '{"base":{"task":{"id":"parity"}},"random":{"trials":2,"fields":{"training.__proto__.polluted":[3]}}}',
    '{"base":{"task":{"id":"parity"}},"grid":{"__proto__":[{"polluted":4}]}}',
  ];

  it.each(sweeps)('refuses %s, naming the field, and leaves Object.prototype clean', (json) => {
    const result = parseSweepSpec(JSON.parse(json));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(result.ok).toBe(false);
    const [issue] = result.ok ? [] : result.issues;
    expect(issue?.path).toMatch(/^(grid|random\.fields)\.(.*)(__proto__|constructor)/);
    expect(issue?.message).toMatch(/is not a field of the experiment spec: "(__proto__|constructor)" names the prototype machinery/);
  });

  it('writeFieldPath refuses the segment itself, whoever calls it', () => {
    expect(writeFieldPath({}, '__proto__.polluted', 1)).toEqual({ ok: false, message: expect.stringContaining('"__proto__" is not a field name') });
    expect(writeFieldPath({ model: {} }, 'model.constructor.prototype.polluted', 1).ok).toBe(false);
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(writeFieldPath({}, 'model.hiddenSize', 8)).toEqual({ ok: true, value: { model: { hiddenSize: 8 } } });
  });
});

describe('list sweeps', () => {
  it('runs the listed trials as given: linked fields (a learning rate per cell) without a cross product', () => {
    const raw = {
      base,
      list: [
        { 'model.cell': 'gru', 'training.learningRate': 0.003 },
        { 'model.cell': 'lstm', 'training.learningRate': 0.01, seed: 2 },
      ],
    };
    const trials = trialsOf(raw);
    expect(trials.map((t) => [t.spec.model.cell, t.spec.training.learningRate, t.spec.seed])).toEqual([
      ['gru', 0.003, 1],
      ['lstm', 0.01, 2],
    ]);
    const sweep = sweepSpecSchema.parse(raw);
    expect([sweepStrategy(sweep), sweepTrialCount(sweep), sweepFields(sweep)]).toEqual(['list', 2, ['model.cell', 'training.learningRate', 'seed']]);
  });

  it('names the listed trial and field a problem is in, and refuses a prototype field', () => {
    const issues = issuesOf({ base, list: [{ 'model.hiddenSize': 8 }, { 'model.hiddenSize': 0 }] });
    expect(issues).toEqual([
      expect.objectContaining({ path: 'trials.2.model.hiddenSize', message: expect.stringMatching(/trial 2 of 2: model.hiddenSize=0/) }),
    ]);
    expect(issuesOf({ base, list: [{ '__proto__.x': 1 }] })[0]?.path).toBe('list.__proto__.x');
    expect(issuesOf({ base, list: [] })[0]?.message).toMatch(/at least one trial/);
  });
});
