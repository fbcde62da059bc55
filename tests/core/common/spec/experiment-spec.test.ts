// Spec validation: defaults fill everything, and every mistake is reported with the field it is in.
import { describe, expect, it } from 'vitest';
import { formatSpecIssues, parseExperimentSpec, parseSpecFields } from '../../../../core/common/spec/experiment-spec';

function issuesOf(raw: unknown) {
  const result = parseExperimentSpec(raw);
  if (result.ok) throw new Error('expected the spec to be refused');
  return result.issues;
}

describe('parseExperimentSpec', () => {
  it('resolves a minimal spec to a complete one, task parameters included', () => {
    const result = parseExperimentSpec({ task: { id: 'adding-problem' } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.spec.seed).toBe(1);
    expect(result.spec.model).toMatchObject({ kind: 'sequence', cell: 'lstm', hiddenSize: 128, numLayers: 1 });
    expect(result.spec.training).toMatchObject({ steps: 1000, optimizer: { kind: 'adam' }, clip: { kind: 'norm', max: 5 }, bptt: { mode: 'full' } });
    expect(result.spec.task.params.length).toBe(100);
    expect(result.task.shape).toBe('many-to-one');
  });

  it('names the field and the allowed range of an impossible hyperparameter', () => {
    const issues = issuesOf({ task: { id: 'adding-problem' }, model: { hiddenSize: 0, dropout: 1.5 }, training: { learningRate: -1 } });
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'model.hiddenSize', message: 'hiddenSize must be at least 1' },
        { path: 'model.dropout', message: 'dropout must be below 1' },
        { path: 'training.learningRate', message: 'learningRate must be greater than 0' },
      ]),
    );
  });

  it('reports unknown fields instead of ignoring them (a typo must not silently fall back to a default)', () => {
    const issues = issuesOf({ task: { id: 'adding-problem' }, model: { hiddenSise: 64 } });
    expect(issues[0]?.path).toBe('model');
    expect(issues[0]?.message).toContain('hiddenSise');
  });

  it('checks the task exists and validates its parameters under task.params', () => {
    expect(issuesOf({ task: { id: 'no-such-task' } })[0]?.path).toBe('task.id');
    const params = issuesOf({ task: { id: 'adding-problem', params: { length: 1 } } });
    expect(params[0]?.path).toBe('task.params.length');
  });

  it('enforces rules across fields', () => {
    expect(issuesOf({ task: { id: 'adding-problem' }, training: { optimizer: { kind: 'sgd', nesterov: true } } })[0]).toMatchObject({
      path: 'training.optimizer.nesterov',
    });
    expect(issuesOf({ task: { id: 'char-lm' }, training: { bptt: { mode: 'truncated', k1: 20, k2: 10 } } })[0]).toMatchObject({ path: 'training.bptt.k2' });
    expect(issuesOf({ task: { id: 'adding-problem' }, model: { cell: 'lstm', init: { recurrent: 'identity' } } })[0]).toMatchObject({
      path: 'model.init.recurrent',
    });
  });

  it('resolves encoder–decoder and conditioned models for seq2seq and one-to-many tasks, filling their defaults', () => {
    const seq2seq = parseExperimentSpec({ task: { id: 'reverse-string' }, model: { kind: 'seq2seq', cell: 'gru', decoder: { hiddenSize: 48 } } });
    expect(seq2seq.ok && seq2seq.spec.model).toEqual({
      kind: 'seq2seq',
      cell: 'gru',
      hiddenSize: 64,
      numLayers: 1,
      bidirectional: false,
      dropout: 0,
      embeddingDim: 32,
      decoder: { hiddenSize: 48 },
      attention: { size: 64 },
      bridge: 'auto',
    });
    expect(seq2seq.ok && seq2seq.spec.training.teacherForcing).toEqual({ kind: 'constant', ratio: 1 });
    const conditioned = parseExperimentSpec({ task: { id: 'waveform-generation' }, model: { kind: 'conditioned', hiddenSize: 16 } });
    expect(conditioned.ok && conditioned.spec.model).toEqual({ kind: 'conditioned', cell: 'lstm', hiddenSize: 16, embeddingDim: 32 });
    const noAttention = parseExperimentSpec({ task: { id: 'reverse-string' }, model: { kind: 'seq2seq', attention: null } });
    expect(noAttention.ok && noAttention.spec.model).toMatchObject({ attention: null });
  });

  it('names the model kind a task needs, and the rules only sequence models may break', () => {
    expect(issuesOf({ task: { id: 'reverse-string' } })).toEqual([{ path: 'model.kind', message: expect.stringContaining('trains a "seq2seq" model') }]);
    expect(issuesOf({ task: { id: 'waveform-generation' }, model: { kind: 'seq2seq' } })[0]).toMatchObject({
      path: 'model.kind',
      message: expect.stringContaining('"conditioned"'),
    });
    expect(issuesOf({ task: { id: 'adding-problem' }, model: { kind: 'seq2seq' } })[0]).toMatchObject({
      path: 'model.kind',
      message: expect.stringContaining('"sequence"'),
    });
    const decoderRules = issuesOf({
      task: { id: 'reverse-string' },
      model: { kind: 'seq2seq' },
      training: { bptt: { mode: 'truncated', k1: 5, k2: 5 }, threads: 2 },
    });
    expect(decoderRules.map((i) => i.path)).toEqual(['training.bptt.mode', 'training.threads']);
    expect(issuesOf({ task: { id: 'adding-problem' }, training: { teacherForcing: { kind: 'linear', slope: 0.01 } } })[0]).toMatchObject({
      path: 'training.teacherForcing',
    });
  });

  it('reports mistakes inside a seq2seq model with their field, and an unknown kind with the choices', () => {
    const issues = issuesOf({
      task: { id: 'reverse-string' },
      model: { kind: 'seq2seq', attention: { size: 0 }, decoder: { cell: 'lstn' } },
      training: { teacherForcing: { kind: 'linear', start: 2, slope: 1 } },
    });
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['model.attention.size', 'model.decoder.cell', 'training.teacherForcing.start']));
    expect(issuesOf({ task: { id: 'reverse-string' }, model: { kind: 'transformer' } })).toEqual([
      { path: 'model.kind', message: 'model.kind must be one of sequence, seq2seq, conditioned' },
    ]);
  });

  it('formats issues one per line for the CLI', () => {
    expect(
      formatSpecIssues([
        { path: 'a.b', message: 'bad' },
        { path: 'c', message: 'worse' },
      ]),
    ).toBe('  a.b: bad\n  c: worse');
  });
});

describe('specs on a registered dataset', () => {
  it('checks the fields of a dataset spec, but leaves resolving it to the backend', () => {
    const fields = parseSpecFields({ task: { dataset: 3, params: { window: 20 } }, model: { cell: 'gru' } });
    expect(fields.ok && fields.spec.task).toEqual({ dataset: 3, params: { window: 20 } });
    expect(issuesOf({ task: { dataset: 3 } })).toEqual([{ path: 'task.dataset', message: expect.stringContaining('only the backend can resolve') }]);
    const bad = parseSpecFields({ task: { dataset: 0 }, model: { hiddenSize: 0 } });
    expect(!bad.ok && bad.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['task.dataset', 'model.hiddenSize']));
  });

  it('asks for a task id or a dataset', () => {
    expect(issuesOf({ task: {} })).toEqual([{ path: 'task.id', message: 'task.id is required (a built-in task), or task.dataset (a registered dataset)' }]);
  });
});
