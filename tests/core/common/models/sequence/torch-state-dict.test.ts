// The safetensors names against the reference PyTorch module: for every model shape in
// torch-state-dict-keys.json (written by `tests/tools/torch_reference.py keys` from SeqLabModel's own
// state_dict()), SeqLab writes exactly those keys with those shapes, in that order — so
// `SeqLabModel(...).load_state_dict(tensors, strict=True)` takes the file whole.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../../../core/common/models/sequence/build-model';
import { decodeSafetensors, encodeSafetensors } from '../../../../../core/common/models/safetensors';
import { recurrentParamsOf, torchStateDict } from '../../../../../core/common/models/sequence/torch-state-dict';
import { Rng } from '../../../../../core/common/random/rng';
import { sequenceModelSpecSchema } from '../../../../../core/common/spec/model-spec';
import { task } from '../../onnx/model-fixtures';

interface ReferenceShape {
  readonly name: string;
  readonly seqlab: { readonly task: { readonly id: string; readonly params: Record<string, unknown> }; readonly model: unknown };
  readonly stateDict: readonly (readonly [string, readonly number[]])[];
}

const reference = JSON.parse(readFileSync(join(import.meta.dirname, 'torch-state-dict-keys.json'), 'utf8')) as { shapes: ReferenceShape[] };

describe('safetensors names', () => {
  it('covers at least a token model with an embedding and a dense regression model', () => {
    expect(reference.shapes.map((s) => s.stateDict.some(([key]) => key === 'embedding.weight'))).toEqual([true, false]);
  });

  for (const shape of reference.shapes) {
    it(`are the reference module's state_dict keys and shapes: ${shape.name}`, () => {
      const model = buildModel(task(shape.seqlab.task.id, shape.seqlab.task.params), sequenceModelSpecSchema.parse(shape.seqlab.model), new Rng(1));
      const written = decodeSafetensors(encodeSafetensors(torchStateDict(model)));
      expect([...written.tensors].map(([name, t]) => [name, [...t.shape]])).toEqual(shape.stateDict);
    });
  }

  it('keeps the bare nn.LSTM names for the ONNX export of the recurrent stack', () => {
    const [first] = reference.shapes;
    if (first === undefined) throw new Error('no reference shape');
    const model = buildModel(task(first.seqlab.task.id, first.seqlab.task.params), sequenceModelSpecSchema.parse(first.seqlab.model), new Rng(1));
    const names = Object.keys(recurrentParamsOf(model));
    expect(names).toEqual(first.stateDict.filter(([key]) => key.startsWith('rnn.')).map(([key]) => key.slice('rnn.'.length)));
  });
});
