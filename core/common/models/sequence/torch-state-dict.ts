// A SequenceModel's weights under the names of one PyTorch module, so `load_state_dict(strict=True)` takes
// a safetensors export whole:
//
//   class SeqLabModel(nn.Module):              # tests/tools/torch_reference.py builds it and checks the names
//       embedding: nn.Embedding(V, E)          # token inputs only
//       rnn:       nn.LSTM | nn.GRU | nn.RNN   # (input, H, num_layers=L, bidirectional=…), time-major
//       head:      nn.Linear(D*H, O)
//
// → `embedding.weight`, `rnn.weight_ih_l0`, `rnn.bias_hh_l1_reverse`, …, `head.weight`, `head.bias` — the
// names SeqLab's own parameters already carry. The ONNX export reads the recurrent stack without its prefix
// (recurrentParamsOf), as nn.LSTM alone names it.
//
// Shapes (PyTorch's): embedding.weight [V, E]; rnn.weight_ih_l{k} [G*H, in_k]; rnn.weight_hh_l{k} [G*H, H];
// biases [G*H]; head.weight [O, D*H]; head.bias [O]. Gate blocks in the layers' order (onnx/gate-layout.ts).

import type { FloatArray } from '../../nn/param';
import type { NamedTensor } from '../safetensors';
import type { SequenceModel } from './sequence-model';

/** Prefix of the recurrent stack's parameter names inside a SequenceModel (`rnn.weight_ih_l0`). */
export const RNN_PARAM_PREFIX = 'rnn.';

/** The recurrent parameters by the names nn.LSTM / nn.GRU / nn.RNN alone gives them (weights referenced, not copied). */
export function recurrentParamsOf(model: SequenceModel): Record<string, FloatArray> {
  return Object.fromEntries(
    model.rnn.params.map((p) => {
      if (!p.name.startsWith(RNN_PARAM_PREFIX)) throw new Error(`recurrentParamsOf: parameter ${p.name} does not start with "${RNN_PARAM_PREFIX}"`);
      return [p.name.slice(RNN_PARAM_PREFIX.length), p.data];
    }),
  );
}

/** Every parameter in the module's state_dict order — embedding, the recurrent stack layer by layer, head — under its module name. */
export function torchStateDict(model: SequenceModel): NamedTensor[] {
  return model.params.map((p) => ({ name: p.name, shape: p.shape, data: p.data }));
}
