// Shared by the ONNX export tests: the reference fixtures (tests/fixtures/torch), a fixture's layer as
// an ExportableModel, sessions that must open, and max |Δ|.

import { readdirSync, readFileSync } from 'node:fs';
import type { ExportableModel } from '../../../../core/common/onnx/exportable-model';
import type { OnnxExportOptions } from '../../../../core/common/onnx/model-builder';
import { exportOnnxModel } from '../../../../core/common/onnx/model-builder';
import type { RecurrentFixture } from '../../../../core/common/nn/fixture';
import { parseFixture } from '../../../../core/common/nn/fixture';
import { OnnxSession } from '../../../../core/node/onnx/session';
import type { OnnxTensor } from '../../../../core/node/onnx/session';

import { FIXTURE_DIR } from '../../../fixtures/torch-fixtures';

/** The fixture folder (with a trailing separator), under the name the ONNX tests use. */
export const TORCH_FIXTURES = FIXTURE_DIR;

/** Every recurrent-cell JSON fixture (attention files skipped), sorted by name. */
export function loadRecurrentFixtures(): RecurrentFixture[] {
  const out: RecurrentFixture[] = [];
  for (const file of readdirSync(TORCH_FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const parsed = parseFixture(readFileSync(TORCH_FIXTURES + file, 'utf8'), file);
    if (!parsed.ok) throw new Error(parsed.message);
    if (parsed.kind === 'recurrent') out.push(parsed.fixture);
  }
  return out;
}

export function loadFixture(name: string): RecurrentFixture {
  const parsed = parseFixture(readFileSync(`${TORCH_FIXTURES}${name}.json`, 'utf8'), name);
  if (!parsed.ok || parsed.kind !== 'recurrent') throw new Error(`${name}: not a recurrent fixture`);
  return parsed.fixture;
}

/** The fixture's layer alone: float features in, no head. Its float64 params are rounded on export. */
export function fixtureModel(f: RecurrentFixture): ExportableModel {
  return {
    input: { kind: 'features', features: f.inputSize },
    recurrent: {
      cell: f.cell,
      hiddenSize: f.hiddenSize,
      numLayers: f.numLayers,
      bidirectional: f.bidirectional,
      params: Object.fromEntries([...f.params].map(([name, t]) => [name, t.data])),
    },
  };
}

export async function openSession(source: string | Uint8Array): Promise<OnnxSession> {
  const opened = await OnnxSession.create(source);
  if (!opened.ok) throw new Error(opened.message);
  return opened.session;
}

export async function exportAndOpen(model: ExportableModel, options: OnnxExportOptions = {}): Promise<OnnxSession> {
  return openSession(exportOnnxModel(model, options));
}

export function f32(data: ArrayLike<number>, dims: readonly number[]): OnnxTensor {
  return { data: Float32Array.from(data), dims };
}

export function i64(values: readonly number[]): OnnxTensor {
  return { data: BigInt64Array.from(values, (v) => BigInt(v)), dims: [values.length] };
}

/** max |a - b| over two equally long arrays (throws on a length mismatch, which would hide errors). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`maxAbsDiff: lengths ${a.length} and ${b.length} differ`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

/** A graph output as plain numbers (float outputs only). */
export function floats(t: OnnxTensor | undefined): Float32Array {
  if (t === undefined || !(t.data instanceof Float32Array)) throw new Error('expected a float32 output');
  return t.data;
}
