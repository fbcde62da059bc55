// Task definitions of imported datasets: what the UI shows for each kind, and the shape, loss and metrics of
// the Task `datasetTask` builds. They are not in the built-in registry: a Task needs a registered dataset,
// so `create` refuses and points to the loader.
import { intParam } from './params';
import { defineTask, ENCODER_DECODER_CAUSALITY, type MetricName, type Task } from './task';

function needsDataset(id: string): () => Task {
  return () => {
    throw new Error(`${id}: built from a registered dataset, with loadDatasetTask (core/node/data), not from parameters alone`);
  };
}

const SEQ2SEQ_METRICS: readonly MetricName[] = ['cross-entropy', 'accuracy', 'sequence-accuracy'];

export const datasetDefinitions = {
  series: defineTask({
    id: 'dataset-series',
    title: 'Imported time series',
    description:
      'Forecast the target column H steps ahead from a window of W rows of the input columns (z-scored with statistics of the training rows). Splits are time-ordered: the first 80% of rows train, the next 10% validate, the last 10% test.',
    shape: 'many-to-one',
    causality: { causal: false, reason: 'its target is the target column in the H rows after the window, and the window holds only earlier rows' },
    loss: 'mse',
    metrics: ['mse'],
    params: {
      window: intParam({ label: 'Window W', description: 'Rows the network reads before forecasting.', default: 50, min: 1, max: 100_000 }),
      horizon: intParam({ label: 'Horizon H', description: 'Future values of the target forecast at once.', default: 1, min: 1, max: 10_000 }),
    },
    create: needsDataset('dataset-series'),
  }),
  text: defineTask({
    id: 'dataset-text',
    title: 'Imported text',
    description:
      'Language modelling on your text: read W tokens (characters or words) and predict the next one at every step. Splits are time-ordered: the first 80% of the text trains, the next 10% validates, the last 10% tests.',
    shape: 'many-to-many',
    causality: { causal: true, reason: 'its target at step t is the next token (character or word), which is the input at step t + 1' },
    loss: 'cross-entropy',
    metrics: ['cross-entropy', 'perplexity', 'accuracy'],
    params: {
      window: intParam({ label: 'Window T', description: 'Tokens per training sequence.', default: 64, min: 1, max: 100_000 }),
    },
    create: needsDataset('dataset-text'),
  }),
  pairs: defineTask({
    id: 'dataset-pairs',
    title: 'Imported source → target pairs',
    description:
      "Sequence to sequence: read the source, write the target token by token (teacher forcing in training). Pairs are split 80/10/10 at random with the dataset's seed.",
    shape: 'seq2seq',
    causality: ENCODER_DECODER_CAUSALITY,
    loss: 'cross-entropy',
    metrics: SEQ2SEQ_METRICS,
    params: {},
    create: needsDataset('dataset-pairs'),
  }),
  labelled: defineTask({
    id: 'dataset-labelled',
    title: 'Imported labelled sequences',
    description: "Sequence classification: read the whole sequence and name its class. Examples are split 80/10/10 at random with the dataset's seed.",
    shape: 'many-to-one',
    causality: { causal: false, reason: "its target, the sequence's label, is due once the whole sequence has been read" },
    loss: 'cross-entropy',
    metrics: ['cross-entropy', 'accuracy'],
    params: {},
    create: needsDataset('dataset-labelled'),
  }),
};

/** The Task id a run on a dataset of this kind trains (`dataset-series`, …), or null for a kind with none. */
export function taskIdOfKind(kind: string): string | null {
  return Object.hasOwn(datasetDefinitions, kind) ? datasetDefinitions[kind as keyof typeof datasetDefinitions].id : null;
}
