// OnnxSession's edges: bytes that are not a model come back as a result; a feed that does not
// fill its shape is a caller bug and throws. (Running real models is covered by the parity tests.)

import { describe, expect, it } from 'vitest';
import { ONNX_IO, exportOnnxModel } from '../../../../core/common/onnx/model-builder';
import { OnnxSession } from '../../../../core/node/onnx/session';
import { fixtureModel, loadFixture, openSession } from '../../common/onnx/onnx-test-helpers';

describe('OnnxSession', () => {
  it('reports bytes that are not a model', async () => {
    const opened = await OnnxSession.create(Uint8Array.from([1, 2, 3, 4]));
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.message).toMatch(/could not open the model bytes \(4 bytes\)/);
  });

  it('refuses a feed whose data does not fill its shape', async () => {
    const f = loadFixture('rnn_tanh_I3_H4_L1_uni_T5_B2');
    const session = await openSession(exportOnnxModel(fixtureModel(f), { carriedState: false }));
    await expect(session.run({ [ONNX_IO.x]: { data: new Float32Array(5), dims: [2, 1, 3] } })).rejects.toThrow(/"x" has shape \[2, 1, 3\]/);
    await session.close();
  });
});
