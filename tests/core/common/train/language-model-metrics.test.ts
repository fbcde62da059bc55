// Perplexity and bits per character as a language-model run evaluates them: exp and / ln 2 of the token-weighted
// mean cross-entropy in nats, only for the tasks that declare them.
import { describe, expect, it } from 'vitest';
import { parseExperimentSpec, type ExperimentSpecInput } from '../../../../core/common/spec/experiment-spec';
import { TrainingSession } from '../../../../core/common/models/training-session';
import { bitsPerCharacter, languageModelMetrics } from '../../../../core/common/train/metrics';
import { METRIC, beats, lowerIsBetter } from '../../../../core/common/train/metric-names';

function session(input: ExperimentSpecInput): TrainingSession {
  const parsed = parseExperimentSpec(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return new TrainingSession(parsed.spec, parsed.task);
}

const charLm: ExperimentSpecInput = {
  seed: 2,
  task: { id: 'char-lm', params: { window: 16, corpusLength: 4000 } },
  model: { cell: 'lstm', hiddenSize: 8 },
  training: { steps: 20, batchSize: 4, evalBatches: 2 },
};

describe('bitsPerCharacter', () => {
  it('is the cross-entropy in bits: log2 V for uniform predictions over V characters', () => {
    expect(bitsPerCharacter(Math.log(32))).toBeCloseTo(5, 12);
    expect(bitsPerCharacter(3 * Math.LN2)).toBeCloseTo(3, 12);
    expect(bitsPerCharacter(0)).toBe(0);
  });

  it('is computed only for the metrics a task declares', () => {
    expect(languageModelMetrics(['cross-entropy', 'perplexity'], Math.log(4))).toEqual({ perplexity: 4, bitsPerChar: null });
    expect(languageModelMetrics(['cross-entropy'], 1)).toEqual({ perplexity: null, bitsPerChar: null });
  });
});

describe('a character language model evaluation', () => {
  it('gives perplexity V and log2 V bits per character for a model that predicts uniformly (every parameter 0)', () => {
    const s = session(charLm);
    for (const p of s.params) p.data.fill(0);
    const V = s.task.output.kind === 'tokens' ? s.task.output.vocabulary.size : 0;
    expect(V).toBeGreaterThan(4);
    const result = s.evaluate();
    expect(result.loss).toBeCloseTo(Math.log(V), 5); // float32 logits of 0: exactly uniform
    expect(result.perplexity).toBeCloseTo(V, 4);
    expect(result.bitsPerChar).toBeCloseTo(Math.log2(V), 5);
  });

  it('gives exp(mean CE) and mean CE / ln 2 of the same evaluation after training', () => {
    const s = session(charLm);
    while (!s.finished) s.next();
    const result = s.evaluate();
    expect(result.perplexity).toBe(Math.exp(result.loss));
    expect(result.bitsPerChar).toBe(result.loss / Math.LN2);
    expect(result.byLength).toBeNull();
  });

  it('is absent from a task that does not declare it (the adding problem)', () => {
    const result = session({
      seed: 1,
      task: { id: 'adding-problem', params: { length: 5 } },
      model: { cell: 'gru', hiddenSize: 4 },
      training: { steps: 2, batchSize: 4, evalBatches: 1 },
    }).evaluate();
    expect(result).toMatchObject({ perplexity: null, bitsPerChar: null });
  });
});

describe('metric directions', () => {
  it('come from the task metric each stored series holds', () => {
    expect(lowerIsBetter(METRIC.valPerplexity)).toBe(true);
    expect(lowerIsBetter(METRIC.valBitsPerChar)).toBe(true);
    expect(lowerIsBetter(METRIC.valLoss)).toBe(true);
    expect(lowerIsBetter(METRIC.valAccuracy)).toBe(false);
    expect(lowerIsBetter('val/sequence_accuracy@len=12')).toBe(false);
    expect(lowerIsBetter('baseline/val/perplexity')).toBe(true);
    expect(lowerIsBetter(METRIC.learningRate)).toBeNull();
  });

  it('decide whether a value beats a baseline', () => {
    expect(beats(METRIC.valLoss, 0.01, 0.167)).toBe(true);
    expect(beats(METRIC.valLoss, 0.2, 0.167)).toBe(false);
    expect(beats(METRIC.valAccuracy, 0.9, 0.5)).toBe(true);
    expect(beats(METRIC.valAccuracy, 0.5, 0.5)).toBe(false);
    expect(beats(METRIC.valAccuracy, null, 0.5)).toBeNull();
    expect(beats(METRIC.learningRate, 1, 2)).toBeNull();
  });
});
