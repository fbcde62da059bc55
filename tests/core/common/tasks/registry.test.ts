import { describe, expect, it } from 'vitest';
import type { Batch } from '../../../../core/common/data/batch';
import { validateBatch } from '../data/validate-batch';
import { Rng } from '../../../../core/common/random/rng';
import { parseParams } from '../../../../core/common/tasks/params';
import { createTask, findTask, TASKS } from '../../../../core/common/tasks/registry';
import type { Encoding, Task } from '../../../../core/common/tasks/task';

function defaults(id: string): Task {
  const result = createTask(id);
  if (!result.ok) throw new Error(`${id}: ${JSON.stringify(result.issues)}`);
  return result.value;
}

function width(encoding: Encoding): number {
  return encoding.kind === 'dense' ? encoding.features : encoding.kind === 'classes' ? encoding.labels.length : encoding.vocabulary.size;
}

/** Checks that the batch kind, target kind, widths and loss agree with what the task declares. */
function expectConsistent(task: Task, batch: Batch): void {
  switch (batch.kind) {
    case 'seq2seq':
      expect(task.shape).toBe('seq2seq');
      expect(batch.source.kind === 'tokens' ? batch.source.vocab : batch.source.features).toBe(width(task.input));
      expect(batch.targetVocab).toBe(width(task.output));
      expect(task.loss).toBe('cross-entropy');
      return;
    case 'conditioned':
      expect(task.shape).toBe('one-to-many');
      expect(batch.condition.kind === 'class' ? batch.condition.classes : batch.condition.features).toBe(width(task.input));
      break;
    case 'sequence':
      expect(batch.input.kind === 'tokens' ? batch.input.vocab : batch.input.features).toBe(width(task.input));
      expect(task.shape).toBe(batch.target.kind.startsWith('sequence') ? (batch.steps === 1 ? 'one-to-one' : 'many-to-one') : 'many-to-many');
  }
  const target = batch.target;
  const isValues = target.kind === 'step-values' || target.kind === 'sequence-values';
  expect(task.loss).toBe(isValues ? 'mse' : 'cross-entropy');
  expect(isValues ? target.outputs : target.classes).toBe(width(task.output));
}

describe('task registry', () => {
  it('lists unique kebab-case ids, each with a paragraph citing its source', () => {
    const ids = TASKS.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of TASKS) {
      expect(t.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(t.description.length).toBeGreaterThan(150);
      expect(t.description).toMatch(/\((19|20)\d\d\)/);
      expect(t.metrics.length).toBeGreaterThan(0);
      expect(findTask(t.id)).toBe(t);
    }
    expect(TASKS.length).toBeGreaterThanOrEqual(16);
  });

  it.each(TASKS.map((t) => t.id))('%s: default batches are valid, match the declared shape and are deterministic per seed', (id) => {
    const task = defaults(id);
    const batch = validateBatch(task.batch(new Rng(11), 6));
    expectConsistent(task, batch);
    expect(task.batch(new Rng(11), 6)).toEqual(batch);
    expect(task.batch(new Rng(12), 6)).not.toEqual(batch);
    expect(validateBatch(task.batch(new Rng(11), 3, 'test')).batchSize).toBe(3);
    expect(Number.isFinite(task.baseline.value)).toBe(true);
    expect(task.metrics).toContain(task.baseline.metric);
    expect(task.baseline.description.length).toBeGreaterThan(20);
  });

  it.each(TASKS.map((t) => t.id))('%s: every range end parses, and one past it is refused by name', (id) => {
    const definition = findTask(id);
    if (definition === undefined) throw new Error(id);
    for (const [name, spec] of Object.entries(definition.params)) {
      if (spec.kind !== 'int' && spec.kind !== 'number') continue;
      expect(parseParams(definition.params, { [name]: spec.min }).ok).toBe(true);
      expect(parseParams(definition.params, { [name]: spec.max }).ok).toBe(true);
      const below = parseParams(definition.params, { [name]: spec.min - 1 });
      expect(below.ok ? [] : below.issues.map((i) => i.param)).toEqual([name]);
    }
  });

  it('turns an unknown task, a bad parameter and a broken rule into issues, not throws', () => {
    expect(createTask('no-such-task')).toMatchObject({ ok: false, issues: [{ param: '(task)' }] });
    expect(createTask('adding-problem', { length: 1 })).toMatchObject({
      ok: false,
      issues: [{ param: 'length', message: 'length must be an integer in [2, 10000]; got 1' }],
    });
    expect(createTask('parity', { minLength: 9, maxLength: 3 })).toMatchObject({
      ok: false,
      issues: [{ param: 'minLength', message: 'minLength (9) must not exceed maxLength (3)' }],
    });
    expect(createTask('mackey-glass-forecast', { window: 2000 })).toMatchObject({ ok: false, issues: [{ param: 'window' }] });
    expect(createTask('char-lm', { window: 200, corpusLength: 1000 })).toMatchObject({ ok: false, issues: [{ param: 'window' }] });
  });

  it('builds the smallest configuration of every task', () => {
    for (const definition of TASKS) {
      const smallest = Object.fromEntries(
        Object.entries(definition.params).flatMap(([name, spec]) => (spec.kind === 'int' || spec.kind === 'number' ? [[name, spec.min]] : [])),
      );
      const result = createTask(definition.id, smallest);
      if (!result.ok) throw new Error(`${definition.id}: ${JSON.stringify(result.issues)}`);
      validateBatch(result.value.batch(new Rng(1), 4));
    }
  });
});
