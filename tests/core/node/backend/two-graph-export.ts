// Shared by the API tests of the two-graph kinds (encoder–decoder, one-to-many): a run trained to the end
// through the runner, and its export checked against the two files on disk and the store's record.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import type { ApiEvent } from '../../../../core/common/api/contract';
import type { ModelExport } from '../../../../core/common/api/entities';
import { sha256Hex } from '../../../../core/node/onnx/write-model';
import { callApi, type createTestBackend } from './test-backend';

type TestBackend = ReturnType<typeof createTestBackend>;

/** Creates an experiment and a run of `spec`, and waits for the run to end; the run's id, after checking it completed. */
export async function trainedRun(env: TestBackend, experiment: string, spec: unknown): Promise<number> {
  const { id: experimentId } = await callApi<{ id: number }>(env.backend, 'experiments.create', { name: experiment });
  const finished = new Promise<string>((resolve) => {
    env.backend.events.subscribe((event, payload) => {
      const p = payload as ApiEvent<'run.status'>;
      if (event === 'run.status' && ['completed', 'failed', 'diverged'].includes(p.status)) resolve(p.status);
    });
  });
  const run = await callApi<{ id: number }>(env.backend, 'runs.create', { experimentId, spec });
  expect(await finished).toBe('completed');
  return run.id;
}

/**
 * Checks the export of run `runId`'s latest checkpoint (at `step`) to the default folder: its first graph at
 * run-<id>.onnx and its decoder step beside it, each with the SHA-256 and size of the file on disk, a passing
 * parity report, and the same in the store. Returns the two paths.
 */
export function expectTwoGraphExport(env: TestBackend, exported: ModelExport, runId: number, step: number): { firstPath: string; stepPath: string } {
  const firstPath = join(dirname(env.databasePath), 'exports', `run-${runId}.onnx`);
  const stepPath = join(dirname(env.databasePath), 'exports', `run-${runId}.step.onnx`);
  expect(exported).toMatchObject({ runId, format: 'onnx', checkpoint: { kind: 'latest', step }, path: firstPath, decoderStep: { path: stepPath } });
  expect(exported.hash).toBe(sha256Hex(readFileSync(firstPath)));
  expect(exported.decoderStep?.hash).toBe(sha256Hex(readFileSync(stepPath)));
  expect(exported.byteLength).toBe(readFileSync(firstPath).byteLength);
  expect(exported.decoderStep?.byteLength).toBe(readFileSync(stepPath).byteLength);
  expect(exported.parity?.passed).toBe(true);
  expect(env.backend.store.exports.get(exported.id)).toMatchObject({
    checkpointKind: 'latest',
    checkpointStep: step,
    path: firstPath,
    hash: exported.hash,
    decoderPath: stepPath,
    decoderHash: exported.decoderStep?.hash,
  });
  return { firstPath, stepPath };
}
