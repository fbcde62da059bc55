// Study 7: an RNN cannot parallelise over time — step t needs h_{t−1} — so a training step costs time in proportion to
// the sequence length T, measured on this machine (the time per step of each run: its active training time, its
// evaluations included, over its steps). Hidden size and data-parallel threads are not varied yet.
import type { StudyDefinitionInput } from '../study-definition';

export const sequentialBottleneckStudy: StudyDefinitionInput = {
  id: 'sequential-bottleneck',
  version: 1,
  title: 'The sequential bottleneck',
  question: 'Does the time of a training step grow in proportion to the sequence length, because each step of the recurrence waits for the one before?',
  citation:
    'A. Vaswani et al. (2017). Attention Is All You Need. NeurIPS (section 4: recurrent layers need O(n) sequential operations). — J. Bradbury, S. Merity, C. Xiong, R. Socher (2017). Quasi-Recurrent Neural Networks. ICLR.',
  base: {
    version: 1,
    task: { id: 'adding-problem', params: { length: 50 } },
    model: { cell: 'lstm', hiddenSize: 64 },
    training: { steps: 200, batchSize: 32, learningRate: 0.001, optimizer: { kind: 'adam' }, evalEvery: 200, evalBatches: 1, gradNormsEvery: 0, threads: 1 },
  },
  axes: [
    {
      name: 'T',
      label: 'T (sequence length)',
      values: [
        { label: '25', x: 25, set: { 'task.params.length': 25 } },
        { label: '50', x: 50, set: { 'task.params.length': 50 } },
        { label: '100', x: 100, set: { 'task.params.length': 100 } },
        { label: '200', x: 200, set: { 'task.params.length': 200 } },
      ],
    },
  ],
  budgets: {
    // One run at a time: runs training side by side would share the cores and each other's time.
    quick: {
      description: 'LSTM of 64 units, batch 32, 100 steps per T, 2 seeds, one run at a time: a few minutes.',
      seeds: [1, 2],
      set: { 'training.steps': 100, 'training.evalEvery': 100 },
      concurrency: 1,
    },
    full: {
      description: 'LSTM of 64 units, batch 32, 500 steps per T, 3 seeds, one run at a time: about 15 minutes.',
      seeds: [1, 2, 3],
      set: { 'training.steps': 500, 'training.evalEvery': 500 },
      concurrency: 1,
    },
  },
  metrics: { msPerStep: { kind: 'timePerStep', label: 'ms per training step' } },
  figures: [
    {
      id: 'time-vs-length',
      title: 'Time per training step against T',
      metric: 'msPerStep',
      x: { from: 'axis', axis: 'T' },
      xLog: true,
      yLog: true,
      noBaseline: 'A time has no trivial baseline; on log axes a time proportional to T is a line of slope 1.',
    },
  ],
  criterion: {
    checks: [
      {
        metric: 'msPerStep',
        where: { T: '200' },
        test: 'above',
        threshold: { times: 4, where: { T: '25' } },
        claim: 'A step at T = 200 takes more than half of the 8 × the time of a step at T = 25 that proportionality predicts',
      },
    ],
    explanation:
      'Reproduced when, on every seed, a training step at T = 200 takes more than 4 × the mean time of a step at T = 25 (proportional to T would be 8 ×; fixed costs per step — the optimiser update, the loss — keep it below). Measured on a shared machine the times are noisy: a seed whose runs overlapped other work can make the study inconclusive.',
  },
};
