// Initialisation of an encoder–decoder with PyTorch's defaults, in a fixed order so one seed always
// gives the same weights: encoder, bridge, decoder (decoder/init.ts for the defaults).

import type { Rng } from '../../random/rng';
import type { Encoder } from './encoder';
import type { Seq2SeqModel } from './seq2seq-model';
import { normalInit, pytorchLinearInit, pytorchRecurrentInit } from '../../nn/init';
import { initialiseDecoder } from '../decoder/init';

export function initialiseEncoder(encoder: Encoder, rng: Rng): void {
  if (encoder.embedding) normalInit(encoder.embedding.weight, 1, rng);
  for (const p of encoder.rnn.params) pytorchRecurrentInit(p, encoder.rnn.hiddenSize, rng);
}

export function initialiseSeq2Seq(model: Seq2SeqModel, rng: Rng): void {
  initialiseEncoder(model.encoder, rng);
  if (model.bridge.linear) pytorchLinearInit(model.bridge.linear.weight, model.bridge.linear.bias, rng);
  initialiseDecoder(model.decoder, rng);
}
