// The gate layout of a whole model, by its kind: a sequence model's one recurrent stack; an encoder–decoder's
// encoder stack and its decoder cell (which reads [embedding; attention context]); a conditioned model's
// decoder cell (which reads its previous output). Sized from the spec and the task's encodings.
//
// Shapes: E embedding size, F dense features, H hidden, D directions; the decoder cell of an encoder–decoder
// with attention reads E + D·H_enc (the context is the encoder's output), without attention E.
import type { GateStack } from '../api/entities';
import type { ModelSpec } from '../spec/model-spec';
import { resolvedDecoder } from '../spec/model-spec';
import { gateLayoutTable } from './gate-layout-table';

/** What a task feeds the model and asks of it: dense feature counts, or null for tokens / classes. */
export interface LayerSizes {
  readonly inputFeatures: number | null;
  readonly outputFeatures: number | null;
}

/** @param sizes the task's encodings; null when unknown (the first layer's input size is then left unset) */
export function modelGateLayout(model: ModelSpec, sizes: LayerSizes | null): GateStack[] {
  const firstInput = (embeddingDim: number, features: number | null | undefined): number | null => (sizes === null ? null : (features ?? embeddingDim));
  switch (model.kind) {
    case 'sequence':
      return [{ name: 'stack', graph: 'model', ...gateLayoutTable(model, firstInput(model.embeddingDim, sizes?.inputFeatures)) }];
    case 'seq2seq': {
      const decoder = resolvedDecoder(model);
      const context = model.attention === null ? 0 : (model.bidirectional ? 2 : 1) * model.hiddenSize;
      return [
        {
          name: 'encoder',
          graph: 'encoder',
          ...gateLayoutTable(model, firstInput(model.embeddingDim, sizes?.inputFeatures), { parameterPrefix: 'encoder.rnn.' }),
        },
        {
          name: 'decoder',
          graph: 'step',
          ...gateLayoutTable({ cell: decoder.cell, hiddenSize: decoder.hiddenSize, numLayers: 1, bidirectional: false }, decoder.embeddingDim + context, {
            cellPrefix: 'decoder.cell.',
          }),
        },
      ];
    }
    case 'conditioned':
      return [
        {
          name: 'decoder',
          graph: 'step',
          ...gateLayoutTable(
            { cell: model.cell, hiddenSize: model.hiddenSize, numLayers: 1, bidirectional: false },
            firstInput(model.embeddingDim, sizes?.outputFeatures),
            { cellPrefix: 'decoder.cell.' },
          ),
        },
      ];
  }
}
