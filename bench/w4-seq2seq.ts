// W4 seq2seq-attn of bench/README.md, built as the PyTorch peer's Seq2SeqAttn:
//   src/tgt vocab 40, embedding 32; encoder biLSTM 64 per direction; decoder LSTM cell 128 with
//   h0 = tanh(Linear([h_fwd; h_bwd])), c0 = 0; additive attention v^T tanh(W_q h_{t-1} + W_k enc_s)
//   (dim 128, no score bias); decoder input [emb; ctx] (32 + 128); output linear 128 → 40 on h only;
//   teacher forcing; B=32, S=T=24; softmax CE over B*T; Adam lr 1e-3, no clipping.
// Random data from a fixed seed: source ids in [0, 40), targets in [1, 40), decoder input BOS=0 then
// the target shifted (as the PyTorch script).
import { Rng } from '../core/common/random/rng';
import type { Kernels } from '../core/common/nn/kernels';
import type { Seq2SeqBatch } from '../core/common/data/batch';
import { Seq2SeqModel } from '../core/common/models/seq2seq/seq2seq-model';
import { initialiseSeq2Seq } from '../core/common/models/seq2seq/init';
import { DecoderTrainer } from '../core/common/models/decoder/decoder-trainer';
import { Adam } from '../core/common/train/optim/adam';
import { constantLr } from '../core/common/train/schedules';

export function makeW4Model(kernels: Kernels | undefined, rng: Rng): Seq2SeqModel {
  const model = new Seq2SeqModel({
    source: { kind: 'tokens', vocab: 40 },
    targetVocab: 40,
    encoder: { cell: 'lstm', hiddenSize: 64, bidirectional: true, embeddingDim: 32 },
    decoder: { cell: 'lstm', hiddenSize: 128, embeddingDim: 32 },
    attention: { size: 128, bias: false, contextToOutput: false },
    bridge: 'linear',
    ...(kernels === undefined ? {} : { kernels }),
  });
  initialiseSeq2Seq(model, rng);
  return model;
}

export function makeW4(kernels: Kernels | undefined, seed: number): { step(): void; units: number; metric: string } {
  const B = 32,
    S = 24,
    T = 24,
    V = 40;
  const rng = new Rng(seed);
  const model = makeW4Model(kernels, rng);
  const target = Int32Array.from({ length: T * B }, () => 1 + rng.int(V - 1));
  const decoderInput = new Int32Array(T * B);
  decoderInput.set(target.subarray(0, (T - 1) * B), B); // row 0 stays BOS = 0
  const batch: Seq2SeqBatch = {
    kind: 'seq2seq',
    sourceSteps: S,
    targetSteps: T,
    batchSize: B,
    source: { kind: 'tokens', vocab: V, ids: Int32Array.from({ length: S * B }, () => rng.int(V)) },
    sourceLengths: new Int32Array(B).fill(S),
    targetVocab: V,
    decoderInput,
    target,
    targetLengths: new Int32Array(B).fill(T),
    targetMask: new Float32Array(T * B).fill(1),
  };
  const trainer = new DecoderTrainer({ model, optimizer: new Adam({}), schedule: constantLr(1e-3), clip: { kind: 'none' } });
  let step = 0;
  return { step: () => void trainer.step(batch, step++), units: B * T, metric: 'target tokens/s' };
}
