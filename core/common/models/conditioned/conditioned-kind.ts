// The conditioned decoder as a model kind (model-kind.ts): one class or feature vector sets the
// decoder's initial state, and the decoder writes a sequence from it, for one-to-many tasks; trained
// with teacher forcing (or scheduled sampling).
import type { ConditionedBatch } from '../../data/batch';
import type { ModelKind } from '../model-kind';
import type { ConditionedModel } from './conditioned-model';
import { decoderGradient } from '../decoder/decoder-gradient';
import { expectBatch, parameterCount } from '../model-kind';
import { buildConditionedModel } from './build-conditioned';
import { evaluateConditioned } from './evaluate';

const accept = (batch: Parameters<typeof expectBatch>[0]): ConditionedBatch => expectBatch(batch, 'conditioned', 'a conditioned decoder');

export const CONDITIONED_KIND: ModelKind<'conditioned', ConditionedModel> = {
  kind: 'conditioned',
  description: 'a conditioned decoder: one class or feature vector sets the initial state, the decoder writes the sequence step by step',

  build: (spec, task, rng, options = {}) => buildConditionedModel(task, spec, rng, options),

  gradient: (model, training) => decoderGradient(model, training, accept),

  evaluate: (model, _task, batches) => ({ ...evaluateConditioned(model, batches.map(accept)), perplexity: null, bitsPerChar: null, byLength: null }),

  describe(model) {
    const { condition, cell, hiddenSize, outputSize } = model.config;
    const on = condition.kind === 'class' ? `${condition.classes} classes` : `${condition.features} features`;
    return `conditioned decoder: ${cell} ${hiddenSize} conditioned on ${on} → ${outputSize} per step, ${parameterCount(model.params)}`;
  },
};
