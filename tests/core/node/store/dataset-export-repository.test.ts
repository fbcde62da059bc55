// Datasets, exports and sweeps: insert, get, list, and the lookups the importer and exporter need.

import { beforeEach, describe, expect, test } from 'vitest';
import type { Store } from '../../../../core/node/store/store';
import { useStoreFixture } from './store-fixture';

const fx = useStoreFixture();
let store: Store;
let experimentId: number;

beforeEach(() => {
  store = fx.open();
  const experiment = store.experiments.create({ name: 'e' });
  if (!experiment.ok) throw new Error(experiment.message);
  experimentId = experiment.value.id;
});

describe('DatasetRepository', () => {
  const shakespeare = {
    kind: 'text',
    name: 'tiny shakespeare',
    sourcePath: '/data/input.txt',
    contentHash: 'sha256:abc',
    sizeBytes: 1_115_394,
    stats: { characters: 1_115_394, vocabulary: 65 },
    encoder: { type: 'char', vocabulary: ['\n', ' ', '!'] },
  };

  test('insert, get and findByHash return the whole dataset; list leaves out encoders', () => {
    const dataset = store.datasets.insert(shakespeare);
    expect(dataset).toEqual({ ...shakespeare, id: dataset.id, createdAt: fx.clock.now });
    expect(store.datasets.get(dataset.id)).toEqual(dataset);
    expect(store.datasets.findByHash('sha256:abc')).toEqual(dataset);
    expect(store.datasets.findByHash('sha256:other')).toBeUndefined();
    const { encoder: _encoder, ...summary } = dataset;
    expect(store.datasets.list()).toEqual([summary]);
  });

  test('sourcePath and encoder are optional', () => {
    const generated = store.datasets.insert({ kind: 'synthetic', name: 'adding', contentHash: 'h', sizeBytes: 0, stats: {} });
    expect(generated).toMatchObject({ sourcePath: null, encoder: null });
  });
});

describe('ExportRepository', () => {
  test('insert and get; list all or one run’s, newest first', () => {
    const runA = store.runs.create({ experimentId, name: 'a', spec: {} }).id;
    const runB = store.runs.create({ experimentId, name: 'b', spec: {} }).id;
    const parity = { maxAbsDiff: 3e-7, samples: 16, passed: true };
    const onnx = store.exports.insert({ runId: runA, path: '/out/a.onnx', format: 'onnx', hash: 'h1', parity });
    expect(onnx).toEqual({
      id: onnx.id,
      runId: runA,
      path: '/out/a.onnx',
      format: 'onnx',
      hash: 'h1',
      parity,
      checkpointKind: null,
      checkpointStep: null,
      decoderPath: null,
      decoderHash: null,
      createdAt: fx.clock.now,
    });
    fx.clock.now += 1;
    const weights = store.exports.insert({ runId: runB, path: '/out/b.safetensors', format: 'safetensors', hash: 'h2' });
    expect(weights.parity).toBeNull();
    expect(store.exports.get(onnx.id)).toEqual(onnx);
    expect(store.exports.list().map((e) => e.id)).toEqual([weights.id, onnx.id]);
    expect(store.exports.list(runA)).toEqual([onnx]);
  });
});

describe('SweepRepository', () => {
  test('create, get, and list by experiment', () => {
    const spec = { base: { lr: 0.01 }, grid: { hidden: [16, 32] } };
    const sweep = store.sweeps.create({ experimentId, spec });
    expect(store.sweeps.get(sweep.id)).toEqual({ id: sweep.id, experimentId, spec, createdAt: fx.clock.now });
    expect(store.sweeps.list(experimentId)).toEqual([sweep]);
    expect(store.sweeps.list(experimentId + 1)).toEqual([]);
  });
});
