// Writing an exported model to disk with its SHA-256 and opening it again by path; an unwritable
// path comes back as a result, not a throw, and leaves no partial file.

import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ONNX_IO, exportOnnxModel } from '../../../../core/common/onnx/model-builder';
import { writeOnnxModel } from '../../../../core/node/onnx/write-model';
import { f32, fixtureModel, floats, loadFixture, maxAbsDiff, openSession } from '../../common/onnx/onnx-test-helpers';

const dir = mkdtempSync(join(tmpdir(), 'seqlab-onnx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeOnnxModel', () => {
  const f = loadFixture('gru_I3_H4_L1_uni_T5_B2');
  const bytes = exportOnnxModel(fixtureModel(f));

  it('writes the bytes, hashes them, and the file opens and runs', async () => {
    const path = join(dir, 'gru.onnx');
    const written = await writeOnnxModel(path, bytes);
    if (!written.ok) throw new Error(written.message);
    const onDisk = readFileSync(path);
    expect(written.model.byteLength).toBe(bytes.byteLength);
    expect(written.model.sha256).toBe(createHash('sha256').update(onDisk).digest('hex'));
    expect(readdirSync(dir)).toEqual(['gru.onnx']);

    const session = await openSession(path);
    const out = await session.run({ [ONNX_IO.x]: f32(f.x.data, f.x.shape), [ONNX_IO.initialH]: f32(f.h0.data, f.h0.shape) });
    await session.close();
    expect(maxAbsDiff(floats(out[ONNX_IO.y]), f.y.data)).toBeLessThanOrEqual(1e-5);
  });

  it('reports a path it cannot write, leaving nothing behind', async () => {
    const result = await writeOnnxModel(join(dir, 'missing', 'model.onnx'), bytes);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/Could not write the model to .*missing.*model\.onnx/);
    expect(readdirSync(dir)).toEqual(['gru.onnx']);
  });
});
