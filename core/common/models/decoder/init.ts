// Initialisation of a decoder with PyTorch's defaults, in a fixed order so one seed always gives the
// same weights: embeddings N(0, 1); recurrent weights and biases U(±1/√H); Linear layers U(±1/√fan_in)
// (nn.Linear); attention as nn.Linear(Hq, A) for W_q and b, nn.Linear(He, A, bias=False) for W_k and
// nn.Linear(A, 1, bias=False) for v.
import type { Rng } from '../../random/rng';
import type { Decoder } from './decoder';
import { normalInit, pytorchLinearInit, pytorchRecurrentInit, uniformInit } from '../../nn/init';

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
