// safetensors round trip: the header read back names every parameter with its PyTorch name, shape,
// dtype F32 and contiguous byte offsets; the values and the metadata come back exactly.

import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors, readSafetensorsHeader } from '../../../../core/common/models/safetensors';
import { torchStateDict } from '../../../../core/common/models/sequence/torch-state-dict';
import { smallModel, task } from '../onnx/model-fixtures';

describe('safetensors', () => {
  const t = task('char-lm', { window: 7, corpusLength: 1000 });
  const model = smallModel(t, { cell: 'lstm', numLayers: 2, bidirectional: true, hiddenSize: 3 });
  const tensors = torchStateDict(model);

  it('names the weights as one PyTorch module with submodules embedding, rnn and head does (torch-state-dict.test.ts checks them against it)', () => {
    expect(tensors.map((x) => x.name)).toEqual([
      'embedding.weight',
      ...['l0', 'l0_reverse', 'l1', 'l1_reverse'].flatMap((s) => [`rnn.weight_ih_${s}`, `rnn.weight_hh_${s}`, `rnn.bias_ih_${s}`, `rnn.bias_hh_${s}`]),
      'head.weight',
      'head.bias',
    ]);
    expect(tensors.find((x) => x.name === 'rnn.weight_ih_l1')?.shape).toEqual([12, 6]);
  });

  it('writes a header with F32 entries, contiguous offsets and 8-aligned data, and reads it all back', () => {
    const bytes = encodeSafetensors(tensors, { format: 'pt', note: 'héllo ✓ 𝄞' });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    expect(bytes[8]).toBe('{'.charCodeAt(0));
    const header = readSafetensorsHeader(bytes);
    expect(header.dataStart).toBe(8 + n);
    expect([...header.tensors.keys()]).toEqual(tensors.map((x) => x.name));
    let offset = 0;
    for (const x of tensors) {
      const entry = header.tensors.get(x.name);
      expect(entry).toEqual({ dtype: 'F32', shape: [...x.shape], dataOffsets: [offset, offset + 4 * x.data.length] });
      offset += 4 * x.data.length;
    }
    expect(bytes.byteLength).toBe(8 + n + offset);
    const decoded = decodeSafetensors(bytes);
    expect(decoded.metadata).toEqual({ format: 'pt', note: 'héllo ✓ 𝄞' });
    for (const x of tensors) expect(decoded.tensors.get(x.name)?.data).toEqual(Float32Array.from(x.data));
  });

  it('refuses a header that claims more bytes than the file has', () => {
    const bytes = encodeSafetensors(tensors.slice(0, 1));
    new DataView(bytes.buffer).setBigUint64(0, BigInt(bytes.byteLength), true);
    expect(() => readSafetensorsHeader(bytes)).toThrow(/claims/);
  });

  it('refuses a tensor whose shape is not a list of non-negative integers, naming the tensor and the shape', () => {
    const json = JSON.stringify({ w: { dtype: 'F32', shape: [2, '3'], data_offsets: [0, 24] } });
    const bytes = new Uint8Array(8 + json.length + 24);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(json.length), true);
    for (let i = 0; i < json.length; i++) bytes[8 + i] = json.charCodeAt(i);
    expect(() => readSafetensorsHeader(bytes)).toThrow('tensor "w" has shape [2,"3"]; every dimension must be a non-negative integer');
  });
});
