// A SequenceModel's weights under the names PyTorch modules give them: the recurrent stack as
// nn.LSTM / nn.GRU / nn.RNN names its own parameters (`weight_ih_l0`, `bias_hh_l1_reverse`, … — no
// prefix, so `torch.nn.LSTM(...).load_state_dict(...)` takes them once the other keys are dropped),
// plus `embedding.weight` (nn.Embedding) and `head.weight`, `head.bias` (nn.Linear). Read by the
// safetensors export and the ONNX export alike.
//
// Shapes (PyTorch's): embedding.weight [V, E]; weight_ih_l{k} [G*H, in_k]; weight_hh_l{k} [G*H, H];
// biases [G*H]; head.weight [O, D*H]; head.bias [O]. Gate blocks in the layers' order (onnx/gate-layout.ts).

import type { FloatArray } from '../nn/param';
import type { NamedTensor } from './safetensors';
import type { SequenceModel } from './sequence-model';

/** Prefix of the recurrent stack's parameter names inside a SequenceModel (`rnn.weight_ih_l0`). */
export const RNN_PARAM_PREFIX = 'rnn.';

/** The recurrent parameters in PyTorch order, under the names the PyTorch module gives them. */
export function recurrentStateDict(model: SequenceModel): NamedTensor[] {
  return model.rnn.params.map((p) => {
    if (!p.name.startsWith(RNN_PARAM_PREFIX)) throw new Error(`recurrentStateDict: parameter ${p.name} does not start with "${RNN_PARAM_PREFIX}"`);
    return { name: p.name.slice(RNN_PARAM_PREFIX.length), shape: p.shape, data: p.data };
  });
}

/** The recurrent parameters by PyTorch name (weights referenced, not copied). */
export function recurrentParamsOf(model: SequenceModel): Record<string, FloatArray> {
  return Object.fromEntries(recurrentStateDict(model).map((t) => [t.name, t.data]));
}

/** Every parameter: the embedding, then the recurrent stack layer by layer, then the head. */
export function torchStateDict(model: SequenceModel): NamedTensor[] {
  const named = (params: readonly { name: string; shape: readonly number[]; data: FloatArray }[]): NamedTensor[] =>
    params.map((p) => ({ name: p.name, shape: p.shape, data: p.data }));
  return [...named(model.embedding?.params ?? []), ...recurrentStateDict(model), ...named(model.head.params)];
}
