// A run's spec in one line, read from the typed resolved spec of each model kind.
import { describe, expect, it } from 'vitest';
import { parseExperimentSpec, type ExperimentSpec } from '../../../core/common/spec/experiment-spec';
import { runSpecSummary } from '../../../renderer/src/composables/format-run-spec';

const resolved = (raw: unknown): ExperimentSpec => {
  const parsed = parseExperimentSpec(raw);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return parsed.spec;
};

describe('runSpecSummary', () => {
  it('names the task, the model of each kind, the optimiser, learning rate and batch', () => {
    expect(
      runSpecSummary(
        resolved({
          task: { id: 'adding-problem' },
          model: { cell: 'gru', hiddenSize: 24, bidirectional: true },
          training: { learningRate: 0.01, batchSize: 16 },
        }),
      ),
    ).toBe('adding-problem · gru 24×1 bidirectional · adam lr 0.01 · batch 16');
    expect(
      runSpecSummary(
        resolved({
          task: { id: 'reverse-string' },
          model: { kind: 'seq2seq', cell: 'gru', hiddenSize: 24, decoder: { hiddenSize: 48 }, attention: { size: 16 } },
          training: { optimizer: { kind: 'sgd' } },
        }),
      ),
    ).toBe('reverse-string · encoder gru 24×1 → decoder gru 48, attention 16 · sgd lr 0.001 · batch 32');
    expect(runSpecSummary(resolved({ task: { id: 'waveform-generation' }, model: { kind: 'conditioned', cell: 'lstm', hiddenSize: 32 } }))).toBe(
      'waveform-generation · conditioned decoder lstm 32 · adam lr 0.001 · batch 32',
    );
  });
});
