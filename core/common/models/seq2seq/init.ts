// Initialisation of encoder–decoder and one-to-many models with PyTorch's defaults, in a fixed order so
// one seed always gives the same weights: embeddings N(0, 1); recurrent weights and biases
// U(±1/√H); Linear layers U(±1/√fan_in) (nn.Linear); attention as nn.Linear(Hq, A) for W_q and b,
// nn.Linear(He, A, bias=False) for W_k and nn.Linear(A, 1, bias=False) for v.

import type { Rng } from '../../random/rng';
import type { Decoder } from '../decoder/decoder';
import type { Encoder } from './encoder';
import type { Seq2SeqModel } from './seq2seq-model';
import type { ConditionedModel } from '../conditioned/conditioned-model';
import { normalInit, pytorchLinearInit, pytorchRecurrentInit, uniformInit } from '../../nn/init';

export function initialiseEncoder(encoder: Encoder, rng: Rng): void {
  if (encoder.embedding) normalInit(encoder.embedding.weight, 1, rng);
  for (const p of encoder.rnn.params) pytorchRecurrentInit(p, encoder.rnn.hiddenSize, rng);
}

export function initialiseDecoder(decoder: Decoder, rng: Rng): void {
  if (decoder.embedding) normalInit(decoder.embedding.weight, 1, rng);
  for (const p of decoder.cell.params) pytorchRecurrentInit(p, decoder.hiddenSize, rng);
  const a = decoder.attention;
  if (a !== null) {
    pytorchLinearInit(a.Wq, null, rng);
    pytorchLinearInit(a.Wk, null, rng);
    if (a.b !== null) uniformInit(a.b, 1 / Math.sqrt(a.querySize), rng);
    uniformInit(a.v, 1 / Math.sqrt(a.attnSize), rng);
  }
  pytorchLinearInit(decoder.head.weight, decoder.head.bias, rng);
}

export function initialiseSeq2Seq(model: Seq2SeqModel, rng: Rng): void {
  initialiseEncoder(model.encoder, rng);
  if (model.bridge.linear) pytorchLinearInit(model.bridge.linear.weight, model.bridge.linear.bias, rng);
  initialiseDecoder(model.decoder, rng);
}

export function initialiseConditioned(model: ConditionedModel, rng: Rng): void {
  pytorchLinearInit(model.conditioner.weight, model.conditioner.bias, rng);
  initialiseDecoder(model.decoder, rng);
}
