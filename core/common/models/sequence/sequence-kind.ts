// The sequence model as a model kind (model-kind.ts): one recurrent stack and an output layer for
// one-to-one, many-to-one and many-to-many tasks, trained with full or truncated BPTT.
import type { Batch } from '../../data/batch';
import type { BpttSpec } from '../../spec/training-spec';
import type { BatchOutcome } from '../../train/update-step';
import type { GradientOptions, KindGradient, ModelKind } from '../model-kind';
import type { SequenceModel } from './sequence-model';
import { languageModelMetrics } from '../../train/metrics';
import { expectBatch, parameterCount } from '../model-kind';
import { BatchGradient } from './batch-gradient';
import { buildModel } from './build-model';
import { evaluateSequence } from './evaluate';
import { batchOutcome } from './trainer';

/** The kind's gradient facet: BatchGradient (full or truncated BPTT) on sequence batches. */
class SequenceGradient implements KindGradient {
  /** Its buffers are the backward pass's workspace (a property, so the resource estimate's test can weigh them). */
  private readonly batchGradient: BatchGradient;

  constructor(model: SequenceModel, bptt: BpttSpec) {
    this.batchGradient = new BatchGradient(model, bptt);
  }

  compute(batch: Batch, _step: number, opts: GradientOptions): BatchOutcome {
    const sequence = expectBatch(batch, 'sequence', 'a sequence model');
    return batchOutcome(this.batchGradient.compute(sequence, { rng: opts.rng, hGradNorms: opts.gradNorms }));
  }
}

export const SEQUENCE_KIND: ModelKind<'sequence', SequenceModel> = {
  kind: 'sequence',
  description: 'a recurrent stack and an output layer, reading every step (many-to-many) or the final state (many-to-one, one-to-one)',

  build: (spec, task, rng, options = {}) => buildModel(task, spec, rng, options),

  gradient: (model, training) => new SequenceGradient(model, training.bptt),

  /** The perplexity and bits per character a language-model task declares come from the token-weighted mean cross-entropy (the loss). */
  evaluate(model, task, batches) {
    const stats = evaluateSequence(
      model,
      batches.map((b) => expectBatch(b, 'sequence', 'a sequence model')),
    );
    const languageModel = task.loss === 'cross-entropy' ? languageModelMetrics(task.metrics, stats.loss) : { perplexity: null, bitsPerChar: null };
    return { ...stats, ...languageModel, byLength: null };
  },

  describe(model) {
    const { cell, hiddenSize, numLayers, bidirectional, output } = model.config;
    const stack = `${cell} ${numLayers}×${hiddenSize}${bidirectional ? ' bidirectional' : ''}`;
    return `sequence model: ${stack} → ${output.size} ${output.perStep ? 'per step' : 'from the final state'}, ${parameterCount(model.params)}`;
  },
};
