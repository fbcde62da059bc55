// The string-reversal learning recipe of issue 4, shared by the two learning tests (with and without
// attention) so vitest can run them side by side on two cores.
//
// Task: reverse strings of exactly 20 letters from an alphabet of 10.
// Budget: 300 Adam steps of 32 strings (9,600 training strings), lr 8e-3 for 240 steps then 8e-4
// (step decay), gradient norm clipped at 1.
// Model: letters → embedding 12 → biGRU 24 per direction → learned bridge tanh(Linear) → GRU 48
// decoder, optionally with additive attention of size 16 (context into the cell input and the output
// layer). Held out: 200 fresh strings from the test split, scored by free-running greedy decoding.

import type { Seq2SeqBatch } from '../../../../../core/common/data/batch';
import type { Seq2SeqEvaluation } from '../../../../../core/common/models/seq2seq/evaluate';
import { Seq2SeqModel } from '../../../../../core/common/models/seq2seq/seq2seq-model';
import { DecoderTrainer } from '../../../../../core/common/models/decoder/decoder-trainer';
import { evaluateSeq2Seq } from '../../../../../core/common/models/seq2seq/evaluate';
import { initialiseSeq2Seq } from '../../../../../core/common/models/seq2seq/init';
import { createTask } from '../../../../../core/common/tasks/registry';
import { Adam } from '../../../../../core/common/train/optim/adam';
import { stepDecay } from '../../../../../core/common/train/schedules';
import { Rng } from '../../../../../core/common/random/rng';

export const LENGTH = 20;
const ALPHABET = 10;
const STEPS = 300;
const BATCH = 32;

export function trainReversal(attention: boolean): Seq2SeqEvaluation {
  const task = createTask('reverse-string', { alphabet: ALPHABET, minLength: LENGTH, maxLength: LENGTH });
  if (!task.ok) throw new Error(task.issues.map((i) => i.message).join('; '));
  const V = 4 + ALPHABET; // PAD, BOS, EOS, UNK and the letters
  const model = new Seq2SeqModel({
    source: { kind: 'tokens', vocab: V },
    targetVocab: V,
    encoder: { cell: 'gru', hiddenSize: 24, bidirectional: true, embeddingDim: 12 },
    decoder: { cell: 'gru', hiddenSize: 48, embeddingDim: 12 },
    attention: attention ? { size: 16 } : null,
  });
  initialiseSeq2Seq(model, new Rng(1));
  const trainer = new DecoderTrainer({ model, optimizer: new Adam({}), schedule: stepDecay(8e-3, 240, 0.1), clip: { kind: 'norm', max: 1 } });
  const data = new Rng(7);
  for (let step = 0; step < STEPS; step++) trainer.step(task.value.batch(data, BATCH, 'train') as Seq2SeqBatch, step);
  const held = new Rng(99);
  const test = [0, 1].map(() => task.value.batch(held, 100, 'test') as Seq2SeqBatch);
  return evaluateSeq2Seq(model, test);
}
