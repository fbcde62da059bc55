// The protobuf helpers: UTF-8 attribute strings and little-endian int64 initializers.

import { describe, expect, it } from 'vitest';
import { DataType, int64Tensor, utf8 } from '../../../../core/common/onnx/proto';

describe('proto helpers', () => {
  it('encodes UTF-8 like Node', () => {
    const s = 'Tanh é € 😀';
    expect([...utf8(s)]).toEqual([...Buffer.from(s, 'utf8')]);
  });

  it('writes int64 tensors little-endian and checks counts', () => {
    const t = int64Tensor('shape', [3], [0, 0, -1]);
    expect(t.dataType).toBe(DataType.int64);
    expect([...new BigInt64Array((t.rawData as Uint8Array).slice().buffer)]).toEqual([0n, 0n, -1n]);
    expect(() => int64Tensor('bad', [2], [1])).toThrow(/shape \[2\]/);
  });
});
