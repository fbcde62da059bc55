// Initialisation of a one-to-many model with PyTorch's defaults, in a fixed order so one seed always
// gives the same weights: the conditioner as nn.Linear, then the decoder (decoder/init.ts).
import type { Rng } from '../../random/rng';
import type { ConditionedModel } from './conditioned-model';
import { pytorchLinearInit } from '../../nn/init';
import { initialiseDecoder } from '../decoder/init';

export function initialiseConditioned(model: ConditionedModel, rng: Rng): void {
  pytorchLinearInit(model.conditioner.weight, model.conditioner.bias, rng);
  initialiseDecoder(model.decoder, rng);
}
