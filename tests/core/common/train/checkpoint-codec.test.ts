// The binary checkpoint format: an exact round trip of a real session's state (float32 and float64
// arrays, RNG states, JSON extra), deterministic bytes, and readable refusals of damaged data.
import { describe, expect, it } from 'vitest';
import { parseExperimentSpec } from '../../../../core/common/spec/experiment-spec';
import { decodeCheckpoint, encodeCheckpoint } from '../../../../core/common/train/checkpoint-codec';
import { TrainingSession } from '../../../../core/common/models/training-session';
import type { SessionCheckpoint } from '../../../../core/common/train/run-session';

function trainedCheckpoint(): SessionCheckpoint {
  const parsed = parseExperimentSpec({
    seed: 5,
    task: { id: 'running-parity', params: { minLength: 4, maxLength: 6 } },
    model: { cell: 'lstm', hiddenSize: 4, numLayers: 2, bidirectional: true },
    training: { steps: 10, batchSize: 4, optimizer: { kind: 'adam' } },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const session = new TrainingSession(parsed.spec, parsed.task);
  for (let i = 0; i < 3; i++) session.next();
  return session.checkpoint();
}

describe('checkpoint codec', () => {
  it('round-trips a session checkpoint and its extra exactly', () => {
    const checkpoint = trainedCheckpoint();
    const extra = { bestValLoss: 0.25, bestStep: 3, evalsSinceBest: 0, note: 'Lösung ✓ 😀' };
    const decoded = decodeCheckpoint(encodeCheckpoint(checkpoint, extra));
    expect(decoded.extra).toEqual(extra);
    expect(decoded.checkpoint).toEqual(checkpoint);
    for (const values of Object.values(decoded.checkpoint.params)) expect(values).toBeInstanceOf(Float32Array);
  });

  it('keeps float64 optimiser buffers float64 and values bit for bit (NaN, -0, subnormals)', () => {
    const odd = Float64Array.of(Number.NaN, -0, 5e-324, 1 / 3, -Infinity);
    const checkpoint: SessionCheckpoint = {
      step: 7,
      params: { w: Float32Array.of(1.5, -2, 3e-39) },
      optimizer: { kind: 'sgd', slots: { w: { step: 7, buffers: { momentum_buffer: odd } } } },
      dataRng: [1, 2, 3, 4],
      dropoutRng: [4294967295, 0, 0, 1],
    };
    const decoded = decodeCheckpoint(encodeCheckpoint(checkpoint)).checkpoint;
    const buffer = decoded.optimizer.slots.w?.buffers.momentum_buffer;
    expect(buffer).toBeInstanceOf(Float64Array);
    expect(new Uint8Array((buffer as Float64Array).buffer)).toEqual(new Uint8Array(odd.buffer));
    expect(decoded).toEqual(checkpoint);
  });

  it('encodes the same checkpoint to the same bytes, in a buffer of its own', () => {
    const checkpoint = trainedCheckpoint();
    const a = encodeCheckpoint(checkpoint, { n: 1 });
    expect(a).toEqual(encodeCheckpoint(checkpoint, { n: 1 }));
    expect(a.byteOffset).toBe(0);
    expect(a.buffer.byteLength).toBe(a.byteLength);
  });

  it('decodes from a view into a larger buffer (as SQLite hands blobs back)', () => {
    const bytes = encodeCheckpoint(trainedCheckpoint());
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    expect(decodeCheckpoint(padded.subarray(3)).checkpoint).toEqual(decodeCheckpoint(bytes).checkpoint);
  });

  it('refuses damaged data with a message that says so', () => {
    const bytes = encodeCheckpoint(trainedCheckpoint());
    expect(() => decodeCheckpoint(Uint8Array.of(1, 2, 3))).toThrow(/not start with "SLCK".*damaged or not a SeqLab checkpoint/);
    expect(() => decodeCheckpoint(bytes.subarray(0, bytes.length - 1))).toThrow(/lies beyond the end/);
    const newer = bytes.slice();
    newer[4] = 99;
    expect(() => decodeCheckpoint(newer)).toThrow(/format version 99/);
    const garbled = bytes.slice();
    garbled[12] = 0x7d;
    expect(() => decodeCheckpoint(garbled)).toThrow(/header is not valid JSON/);
  });
});
