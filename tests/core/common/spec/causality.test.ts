// Target leakage: every task declares whether a model may read the inputs after step t to answer for step t, and a
// bidirectional encoder on a task whose later inputs reveal the target (next-step prediction) is refused with the
// reason, wherever the spec is checked; so is a bidirectional model with truncated BPTT.
import { describe, expect, it } from 'vitest';
import { datasetDefinitions } from '../../../../core/common/tasks/dataset-definitions';
import { resolveDatasetSpec } from '../../../../core/common/spec/dataset-spec';
import { parseExperimentSpec, parseSpecFields, type SpecIssue } from '../../../../core/common/spec/experiment-spec';
import { parseSweepSpec } from '../../../../core/common/spec/sweep-spec';
import { createTask, TASKS } from '../../../../core/common/tasks/registry';
import { taskFromText } from '../data/import/run-plan';

function issuesOf(raw: unknown): readonly SpecIssue[] {
  const parsed = parseExperimentSpec(raw);
  if (parsed.ok) throw new Error('expected the spec to be refused');
  return parsed.issues;
}

const LEAK = /reverse direction reads the inputs after step t, so it would read the very input the model must predict/;

describe('every task declares its causality', () => {
  const definitions = [...TASKS, ...Object.values(datasetDefinitions)];

  it('with a reason, on the definition, and the Task carries it', () => {
    for (const definition of definitions) {
      expect(typeof definition.causality.causal, definition.id).toBe('boolean');
      expect(definition.causality.reason.length, definition.id).toBeGreaterThan(20);
    }
    const task = createTask('char-lm', {});
    expect(task.ok && task.value.causality).toBe(TASKS.find((t) => t.id === 'char-lm')?.causality);
  });

  it('causal exactly where the target at step t is a later input: next-character, next-symbol and next-token prediction', () => {
    const causal = definitions.filter((d) => d.causality.causal).map((d) => d.id);
    expect(causal.sort()).toEqual(['char-lm', 'dataset-text', 'embedded-reber']);
  });
});

describe('a bidirectional model on a causal task', () => {
  it('is refused on char-lm and embedded-reber, naming model.bidirectional and saying why', () => {
    for (const id of ['char-lm', 'embedded-reber']) {
      const issues = issuesOf({ task: { id }, model: { cell: 'lstm', bidirectional: true } });
      expect(issues).toHaveLength(1);
      expect(issues[0]?.path).toBe('model.bidirectional');
      expect(issues[0]?.message).toMatch(LEAK);
      expect(issues[0]?.message).toContain(`task "${id}"`);
      expect(issues[0]?.message).toContain('which is the input at step t + 1');
    }
    expect(parseExperimentSpec({ task: { id: 'char-lm' }, model: { cell: 'lstm', bidirectional: false } }).ok).toBe(true);
  });

  it('is refused on imported text, which predicts the next token', () => {
    const text = 'the quick brown fox jumps over the lazy dog. '.repeat(40);
    const { output, data } = taskFromText(text, { kind: 'text', window: 8 }, 'story.txt');
    const fields = parseSpecFields({ task: { dataset: 3 }, model: { bidirectional: true } });
    if (!fields.ok) throw new Error('fields');
    const resolved = resolveDatasetSpec(fields.spec, output.encoder, data, 'story.txt');
    expect(resolved.ok).toBe(false);
    expect(!resolved.ok && resolved.issues).toEqual([{ path: 'model.bidirectional', message: expect.stringMatching(LEAK) }]);
    const plain = parseSpecFields({ task: { dataset: 3 }, model: { bidirectional: false } });
    expect(plain.ok && resolveDatasetSpec(plain.spec, output.encoder, data, 'story.txt').ok).toBe(true);
  });

  it('is allowed where the target lies outside what the model reads ahead: forecasts past the window, classes, prefix parity, seq2seq sources', () => {
    for (const id of [
      'sine-forecast',
      'mackey-glass-forecast',
      'adding-problem',
      'temporal-order',
      'parity',
      'running-parity',
      'copy-memory',
      'waveform-classification',
    ]) {
      expect(parseExperimentSpec({ task: { id }, model: { cell: 'gru', hiddenSize: 4, bidirectional: true } }).ok, id).toBe(true);
    }
    expect(parseExperimentSpec({ task: { id: 'reverse-string' }, model: { kind: 'seq2seq', bidirectional: true } }).ok).toBe(true);
  });

  it('refuses a sweep that would create such a trial, whole, naming the trial and the field', () => {
    const result = parseSweepSpec({ base: { task: { id: 'char-lm' }, model: { hiddenSize: 8 } }, grid: { 'model.bidirectional': [false, true] } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => i.path)).toEqual(['trials.2.model.bidirectional']);
    expect(!result.ok && result.issues[0]?.message).toMatch(LEAK);
    expect(!result.ok && result.issues[0]?.message).toContain('(trial 2 of 2: model.bidirectional=true)');
  });
});

describe('a bidirectional model with truncated BPTT', () => {
  it('is refused, naming training.bptt.mode and saying why', () => {
    const issues = issuesOf({ task: { id: 'running-parity' }, model: { bidirectional: true }, training: { bptt: { mode: 'truncated', k1: 5, k2: 5 } } });
    expect(issues).toEqual([{ path: 'training.bptt.mode', message: expect.stringContaining("reverse direction ends at the window's first step") }]);
    expect(
      parseExperimentSpec({ task: { id: 'running-parity' }, model: { bidirectional: false }, training: { bptt: { mode: 'truncated', k1: 5, k2: 5 } } }).ok,
    ).toBe(true);
    expect(parseExperimentSpec({ task: { id: 'running-parity' }, model: { bidirectional: true }, training: { bptt: { mode: 'full' } } }).ok).toBe(true);
  });
});
