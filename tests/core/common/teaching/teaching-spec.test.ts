// Every toy task of the teaching playground makes a spec the normal rules resolve, at its limits too; the rules'
// refusals (identity initialisation of a tanh RNN) and the limits that keep the worker small are kept.
import { describe, expect, it } from 'vitest';
import { TEACHING_LIMITS, TEACHING_TASKS, teachingSettingsSchema, type TeachingTask } from '../../../../core/common/api/teaching-entities';
import { teachingSpec } from '../../../../core/common/teaching/teaching-spec';

describe('teachingSpec', () => {
  it.each(Object.keys(TEACHING_TASKS) as TeachingTask[])('resolves the %s task at the shortest and longest length', (task) => {
    for (const length of [TEACHING_LIMITS.length.min, TEACHING_LIMITS.length.max]) {
      const resolved = teachingSpec(teachingSettingsSchema.parse({ task, length, hiddenSize: TEACHING_LIMITS.hiddenSize.max }));
      expect(resolved.ok ? resolved.spec.model.kind : resolved.issues).toBe(TEACHING_TASKS[task].kind);
    }
  });

  it('sets the cell from cell and activation, and refuses what the spec rules refuse', () => {
    const irnn = teachingSpec(teachingSettingsSchema.parse({ cell: 'rnn', activation: 'relu', init: 'identity' }));
    expect(irnn.ok && irnn.spec.model).toMatchObject({ cell: 'rnn_relu', init: { recurrent: 'identity' } });
    expect(teachingSpec(teachingSettingsSchema.parse({ cell: 'rnn', activation: 'tanh', init: 'identity' }))).toMatchObject({
      ok: false,
      issues: [{ path: 'model.init.recurrent' }],
    });
    expect(teachingSpec(teachingSettingsSchema.parse({ task: 'reversal', init: 'orthogonal' }))).toMatchObject({ ok: false, issues: [{ path: 'init' }] });
  });

  it('keeps the model within the teaching limits', () => {
    expect(teachingSettingsSchema.safeParse({ hiddenSize: TEACHING_LIMITS.hiddenSize.max + 1 }).success).toBe(false);
    expect(teachingSettingsSchema.safeParse({ length: TEACHING_LIMITS.length.max + 1 }).success).toBe(false);
  });
});
