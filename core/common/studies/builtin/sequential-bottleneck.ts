// Study 7: an RNN cannot parallelise over time — step t needs h_{t−1} — so a training step costs time in proportion to
// the sequence length T, measured on this machine (the time per step of each run: its active training time, its
// evaluations included, over its steps). Against that, the two ways a step CAN be parallel: within a time step (the
// matrix products grow with the hidden size H, and a core does them in one go) and over the batch (data-parallel
// threads split every batch, so two threads take less time per step at the same T).
import type { StudyDefinitionInput } from '../study-definition';

export const sequentialBottleneckStudy: StudyDefinitionInput = {
  id: 'sequential-bottleneck',
  version: 1,
  title: 'The sequential bottleneck',
  question:
    'Does the time of a training step grow in proportion to the sequence length, because each step of the recurrence waits for the one before — while splitting the batch over two threads still shortens it?',
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
    {
      name: 'H',
      label: 'H (hidden units)',
      values: [
        { label: '32', x: 32, set: { 'model.hiddenSize': 32 } },
        { label: '64', x: 64, set: { 'model.hiddenSize': 64 } },
        { label: '128', x: 128, set: { 'model.hiddenSize': 128 } },
      ],
    },
    {
      name: 'threads',
      label: 'data-parallel threads',
      values: [
        { label: '1', x: 1, set: { 'training.threads': 1 } },
        { label: '2', x: 2, set: { 'training.threads': 2 } },
      ],
    },
  ],
  budgets: {
    // One run at a time: runs training side by side would share the cores and each other's time.
    quick: {
      description: 'LSTM of 32 and 128 units, batch 32, 100 steps per setting, 1 and 2 threads, 2 seeds, one run at a time: about 10 minutes.',
      seeds: [1, 2],
      set: { 'training.steps': 100, 'training.evalEvery': 100 },
      axes: { H: ['32', '128'] },
      concurrency: 1,
    },
    full: {
      description: 'LSTM of 32, 64 and 128 units, batch 32, 500 steps per setting, 1 and 2 threads, 3 seeds, one run at a time: about 2 hours.',
      seeds: [1, 2, 3],
      set: { 'training.steps': 500, 'training.evalEvery': 500 },
      concurrency: 1,
    },
  },
  metrics: { msPerStep: { kind: 'timePerStep', label: 'ms per training step' } },
  figures: [
    {
      id: 'time-vs-length',
      title: 'Time per training step against T, per hidden size (one panel per thread count)',
      metric: 'msPerStep',
      x: { from: 'axis', axis: 'T' },
      series: 'H',
      panel: 'threads',
      xLog: true,
      yLog: true,
      noBaseline: 'A time has no trivial baseline; on log axes a time proportional to T is a line of slope 1.',
    },
    {
      id: 'time-vs-threads',
      title: 'Time per training step with 1 and 2 data-parallel threads, per T (one panel per hidden size)',
      metric: 'msPerStep',
      x: { from: 'axis', axis: 'threads' },
      series: 'T',
      panel: 'H',
      yLog: true,
      noBaseline: 'A time has no trivial baseline; two threads sharing every batch would at best halve the time of a step.',
    },
  ],
  criterion: {
    checks: [
      {
        metric: 'msPerStep',
        where: { T: '200', H: '$last', threads: '1' },
        test: 'above',
        threshold: { times: 4, where: { T: '25', H: '$last', threads: '1' } },
        claim: 'A step at T = 200 takes more than half of the 8 × the time of a step at T = 25 that proportionality predicts',
      },
      {
        metric: 'msPerStep',
        where: { T: '200', H: '$last', threads: '2' },
        test: 'below',
        threshold: { times: 0.8, where: { T: '200', H: '$last', threads: '1' } },
        claim: 'Two data-parallel threads take less than 0.8 × the time of one per step at T = 200 (the batch parallelises where time cannot)',
      },
    ],
    explanation:
      'Reproduced when, at the largest hidden size and on every seed, a training step at T = 200 takes more than 4 × the mean time of a step at T = 25 with one thread (proportional to T would be 8 ×; fixed costs per step — the optimiser update, the loss — keep it below), and two threads take less than 0.8 × the mean time of one at T = 200 (a perfect split would be 0.5 ×; the threads also add and apply the gradients). The largest H is judged because its steps are long enough for the recurrence to dominate the fixed costs. Measured on a shared machine the times are noisy: a seed whose runs overlapped other work can make the study inconclusive.',
  },
};
