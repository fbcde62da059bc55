// The built-in studies: every definition valid, and every spec each budget creates valid as a sweep trial (the same
// resolution `seqlab validate` and sweeps.create apply), so a study is never refused halfway through its grid.
import { describe, expect, it } from 'vitest';
import { builtinStudies } from '../../../../core/common/studies/builtin-studies';
import { planStudy } from '../../../../core/common/studies/study-plan';
import { parseSweepSpec } from '../../../../core/common/spec/sweep-spec';
import { parseExperimentSpec } from '../../../../core/common/spec/experiment-spec';

describe('built-in studies', () => {
  const studies = builtinStudies();

  it('lists the built-in studies in the order of the issue, each with a quick and a full budget', () => {
    expect(studies.map((s) => s.id)).toEqual([
      'vanishing-gradients',
      'gradient-flow',
      'exploding-gradients',
      'bidirectional-future',
      'attention-length',
      'truncated-bptt',
      'sequential-bottleneck',
    ]);
    for (const study of studies) expect(Object.keys(study.budgets)).toEqual(expect.arrayContaining(['quick', 'full']));
  });

  for (const study of builtinStudies()) {
    for (const budget of Object.keys(study.budgets)) {
      it(`${study.id} (${budget}): every trial's spec resolves, with its cell's own settings`, () => {
        const plan = planStudy(study, budget);
        const parsed = parseSweepSpec(plan.sweep);
        if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
        expect(parsed.trials).toHaveLength(plan.trials.length);
        expect(plan.trials.length).toBe(plan.settings.length * (study.budgets[budget]?.seeds.length ?? 0));
        parsed.trials.forEach((trial, i) => expect(trial.spec.seed).toBe(plan.trials[i]?.seed));
      });
    }
  }

  it('bidirectional-future quotes the refusal a bidirectional model gets on a next-step task, word for word', () => {
    const study = studies.find((s) => s.id === 'bidirectional-future');
    const refused = parseExperimentSpec({ task: { id: 'char-lm' }, model: { cell: 'gru', bidirectional: true } });
    if (!study || refused.ok) throw new Error('expected the study and a refusal');
    expect(refused.issues[0]?.message).toBeDefined();
    expect(study.criterion.explanation).toContain(`“${refused.issues[0]?.message ?? ''}”`);
  });

  it('links each cell to its own optimiser and learning rate instead of crossing them', () => {
    const study = studies.find((s) => s.id === 'vanishing-gradients');
    if (!study) throw new Error('missing');
    const parsed = parseSweepSpec(planStudy(study, 'quick').sweep);
    if (!parsed.ok) throw new Error('invalid');
    const irnn = parsed.trials.filter((t) => t.spec.model.kind === 'sequence' && t.spec.model.init.recurrent === 'identity');
    expect(irnn).toHaveLength(4); // T 30 and 60 × seeds 1 and 2
    for (const trial of irnn)
      expect([
        trial.spec.model.cell,
        trial.spec.training.optimizer.kind,
        trial.spec.training.learningRate,
        trial.spec.model.hiddenSize,
        trial.spec.training.steps,
      ]).toEqual(['rnn_relu', 'adam', 0.001, 32, 2000]);
    expect(new Set(parsed.trials.map((t) => t.spec.task.params['length']))).toEqual(new Set([30, 60]));
  });
});
