// A study small enough to run end to end in seconds on real runs: two cells × two seeds on a 5-step adding problem,
// 12 training steps, gradient norms sampled at steps 1, 6 and 12; checks any trained network passes.
import type { StudyDefinitionInput } from '../../../../core/common/studies/study-definition';

export const tinyStudy: StudyDefinitionInput = {
  id: 'tiny',
  version: 1,
  title: 'Tiny study',
  question: 'Do two small cells train on a short adding problem?',
  citation: 'A test (2026).',
  base: {
    task: { id: 'adding-problem', params: { length: 5 } },
    model: { cell: 'gru', hiddenSize: 4 },
    training: { steps: 12, batchSize: 4, evalEvery: 6, evalBatches: 1, gradNormsEvery: 6, checkpointEvery: 6 },
  },
  axes: [
    {
      name: 'cell',
      label: 'cell',
      values: [
        { label: 'tanh', set: { 'model.cell': 'rnn_tanh' } },
        { label: 'GRU', set: { 'model.cell': 'gru', 'training.learningRate': 0.01 } },
      ],
    },
  ],
  budgets: { quick: { description: 'seconds', seeds: [1, 2] }, full: { description: 'longer', seeds: [1, 2, 3], set: { 'training.steps': 50 } } },
  metrics: { loss: { kind: 'final', field: 'finalValLoss', label: 'final val MSE' }, ratio: { kind: 'gradientRatio', label: 'gradient ratio' } },
  figures: [
    {
      id: 'ratio',
      title: 'ratio over training',
      metric: 'ratio',
      x: { from: 'metric', label: 'step' },
      series: 'cell',
      yLog: true,
      noBaseline: 'no baseline for gradients',
    },
  ],
  criterion: {
    checks: [
      { metric: 'loss', where: { cell: 'GRU' }, test: 'below', threshold: { baselineFraction: 100 }, claim: 'GRU below 100 × baseline' },
      { metric: 'ratio', where: { cell: 'tanh' }, at: 'last', test: 'above', threshold: { value: 0 }, claim: 'some gradient reaches t = 1' },
    ],
    explanation: 'A check of the machinery, not of a claim.',
  },
};
