// The benchmark workloads of bench/README.md, built exactly as specified there
// (models, sizes, losses, optimisers, clipping), on random data from a fixed seed.
//   W1 charlm-lstm  ids V=65 → embedding 32 → LSTM 128 → linear 65 per step; B=32 T=64; CE; Adam 1e-3; clip 5
//   W2 adding-irnn  ReLU RNN 2 → 128, identity recurrent init; linear 1 on the last state; B=32 T=200; MSE; SGD 0.01; clip 1
//   W3 gru-wide     GRU 128 → 512; linear 128 per step; B=64 T=32; MSE; Adam 1e-3
//   W4 seq2seq-attn biLSTM 64/dir encoder, LSTM-cell 128 decoder with additive attention; B=32 S=T=24 (w4-seq2seq.ts)
//   I1 generation   W1's model, B=1, greedy argmax, state carried, 500 tokens one at a time
import { Rng } from '../core/common/random/rng';
import type { Kernels } from '../core/common/nn/kernels';
import type { SequenceBatch } from '../core/common/data/batch';
import { SequenceModel, type SequenceModelConfig } from '../core/common/models/sequence/sequence-model';
import { argmaxRow } from '../core/common/generate/pick';
import { StreamGenerator } from '../core/common/models/sequence/stream-generator';
import { Trainer, type TrainerOptions } from '../core/common/models/sequence/trainer';
import { Adam } from '../core/common/train/optim/adam';
import { Sgd } from '../core/common/train/optim/sgd';
import { constantLr } from '../core/common/train/schedules';
import { makeW4 } from './w4-seq2seq';
import { glorotUniform, identityRecurrentInit, initMatching, pytorchLinearInit, pytorchRecurrentInit, normalInit } from '../core/common/nn/init';

export const WORKLOADS = ['W1', 'W2', 'W3', 'W4', 'I1'] as const;
export type WorkloadId = (typeof WORKLOADS)[number];

export interface Workload {
  /** One timed unit: an optimiser step, or for I1 the generation of 500 tokens. */
  step(): void;
  /** Work per step in the metric's unit (tokens, time steps). */
  units: number;
  metric: string;
  /** Effective FLOPs per step, where the peers report GFLOP/s. */
  flops?: number;
  /** W1–W3: what the step trains, so `--threads N` can run it data-parallel instead. */
  training?: { options: TrainerOptions; batch: SequenceBatch };
}

const SEED = 1234;

function fullLengths(B: number, T: number): Int32Array {
  return new Int32Array(B).fill(T);
}

function initModel(model: SequenceModel, rng: Rng): void {
  for (const p of model.rnn.params) pytorchRecurrentInit(p, model.rnn.hiddenSize, rng);
  pytorchLinearInit(model.head.weight, model.head.bias, rng);
  if (model.embedding) normalInit(model.embedding.weight, 1, rng);
}

/** What tells the W1–W3 models apart; each is one unidirectional layer without dropout. */
type BenchModelShape = Pick<SequenceModelConfig, 'input' | 'output' | 'cell' | 'hiddenSize' | 'embeddingDim'>;

/** A W1–W3 model on the given kernels (the default ones when undefined), initialised as `initModel` says. */
function benchModel(shape: BenchModelShape, rng: Rng, kernels: Kernels | undefined): SequenceModel {
  const model = new SequenceModel({ ...shape, numLayers: 1, bidirectional: false, dropout: 0, kernels });
  initModel(model, rng);
  return model;
}

function charLmModel(rng: Rng, kernels: Kernels | undefined): SequenceModel {
  return benchModel(
    { input: { kind: 'tokens', vocab: 65 }, output: { size: 65, perStep: true }, cell: 'lstm', hiddenSize: 128, embeddingDim: 32 },
    rng,
    kernels,
  );
}

function makeW1(kernels?: Kernels): Workload {
  const B = 32,
    T = 64,
    V = 65;
  const rng = new Rng(SEED);
  const model = charLmModel(rng, kernels);
  const batch: SequenceBatch = {
    kind: 'sequence',
    steps: T,
    batchSize: B,
    input: { kind: 'tokens', vocab: V, ids: Int32Array.from({ length: T * B }, () => rng.int(V)) },
    lengths: fullLengths(B, T),
    target: {
      kind: 'step-classes',
      classes: V,
      ids: Int32Array.from({ length: T * B }, () => rng.int(V)),
      mask: new Float32Array(T * B).fill(1),
      allowed: null,
    },
  };
  const options: TrainerOptions = { model, optimizer: new Adam({}), schedule: constantLr(1e-3), clip: { kind: 'norm', max: 5 }, bptt: { mode: 'full' } };
  const trainer = new Trainer(options);
  let step = 0;
  return { step: () => void trainer.step(batch, step++), units: B * T, metric: 'train tokens/s', training: { options, batch } };
}

function makeW2(kernels?: Kernels): Workload {
  const B = 32,
    T = 200,
    H = 128;
  const rng = new Rng(SEED);
  const model = benchModel(
    { input: { kind: 'dense', features: 2 }, output: { size: 1, perStep: false }, cell: 'rnn_relu', hiddenSize: H, embeddingDim: 1 },
    rng,
    kernels,
  );
  initMatching(model.params, 'weight_hh*', (p) =>
    identityRecurrentInit(
      p,
      model.params.filter((q) => q.name.includes('bias_')),
      1,
    ),
  );
  // Adding problem data: value channel uniform, marker channel 1 at two positions; target their sum.
  const x = new Float32Array(T * B * 2);
  const y = new Float32Array(B);
  for (let b = 0; b < B; b++) {
    const i = rng.int(T);
    let j = rng.int(T - 1);
    if (j >= i) j++;
    for (let t = 0; t < T; t++) {
      const v = rng.next();
      const m = t === i || t === j ? 1 : 0;
      x[(t * B + b) * 2] = v;
      x[(t * B + b) * 2 + 1] = m;
      y[b]! += v * m;
    }
  }
  const batch: SequenceBatch = {
    kind: 'sequence',
    steps: T,
    batchSize: B,
    input: { kind: 'dense', features: 2, x },
    lengths: fullLengths(B, T),
    target: { kind: 'sequence-values', outputs: 1, values: y },
  };
  const options: TrainerOptions = { model, optimizer: new Sgd({}), schedule: constantLr(0.01), clip: { kind: 'norm', max: 1 }, bptt: { mode: 'full' } };
  const trainer = new Trainer(options);
  let step = 0;
  return { step: () => void trainer.step(batch, step++), units: B * T, metric: 'timesteps/s', training: { options, batch } };
}

function makeW3(kernels?: Kernels): Workload {
  const B = 64,
    T = 32,
    I = 128,
    H = 512,
    O = 128;
  const rng = new Rng(SEED);
  const model = benchModel(
    { input: { kind: 'dense', features: I }, output: { size: O, perStep: true }, cell: 'gru', hiddenSize: H, embeddingDim: 1 },
    rng,
    kernels,
  );
  for (const p of model.rnn.params) if (p.name.includes('weight')) glorotUniform(p, rng);
  const batch: SequenceBatch = {
    kind: 'sequence',
    steps: T,
    batchSize: B,
    input: { kind: 'dense', features: I, x: Float32Array.from({ length: T * B * I }, () => rng.normal()) },
    lengths: fullLengths(B, T),
    target: { kind: 'step-values', outputs: O, values: Float32Array.from({ length: T * B * O }, () => rng.normal()), mask: new Float32Array(T * B).fill(1) },
  };
  const options: TrainerOptions = { model, optimizer: new Adam({}), schedule: constantLr(1e-3), clip: { kind: 'none' }, bptt: { mode: 'full' } };
  const trainer = new Trainer(options);
  let step = 0;
  const flops = 3 * (2 * B * T * 3 * H * (I + H) + 2 * B * T * H * O);
  return { step: () => void trainer.step(batch, step++), units: B * T, metric: 'tokens/s', flops, training: { options, batch } };
}

function makeI1(kernels?: Kernels): Workload {
  const N = 500,
    V = 65;
  const model = charLmModel(new Rng(SEED), kernels);
  const generator = new StreamGenerator(model, 1);
  const token = new Int32Array(1);
  return {
    step() {
      generator.reset();
      token[0] = 0;
      for (let i = 0; i < N; i++) token[0] = argmaxRow(generator.step(token), 0, V);
    },
    units: N,
    metric: 'generated tokens/s (B=1)',
  };
}

/** `kernels` defaults to the layers' own default (the JavaScript kernels). */
export function makeWorkload(id: WorkloadId, kernels?: Kernels): Workload {
  switch (id) {
    case 'W1':
      return makeW1(kernels);
    case 'W2':
      return makeW2(kernels);
    case 'W3':
      return makeW3(kernels);
    case 'W4':
      return makeW4(kernels, SEED);
    case 'I1':
      return makeI1(kernels);
  }
}
