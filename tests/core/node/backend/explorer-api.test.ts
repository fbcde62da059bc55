// explorer.* through the dispatcher: runs trained by the real runner, explored in a real worker from the
// stored checkpoint. A typed text's page, unit and ranking; a seq2seq trace whose attention is exactly
// runs.attention's; saturation; and each refusal (too long, a constant pattern, no checkpoint) saying why.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExplorerSaturation, ExplorerSearch, ExplorerTrace } from '../../../../core/common/api/explorer-entities';
import type { RunAttention } from '../../../../core/common/api/entities';
import { EXPLORER_LIMITS } from '../../../../core/common/api/explorer-entities';
import { callApi, createTestBackend, refusalOf, runsEnded } from './test-backend';

let env: ReturnType<typeof createTestBackend>;
beforeEach(() => {
  env = createTestBackend();
});
afterEach(() => env.dispose());

/** A hang guard only (a run trains and each call starts a worker through tsx; the shared machine is often loaded), never a verdict. */
const LIMIT_MS = 300_000;

const call = <T = Record<string, unknown>>(name: string, payload: unknown): Promise<T> => callApi<T>(env.backend, name, payload);

async function trained(spec: unknown): Promise<number> {
  const experiment = await call<{ id: number }>('experiments.create', { name: 'explore' });
  const run = await call<{ id: number }>('runs.create', { experimentId: experiment.id, spec });
  await runsEnded(env.backend, [run.id]);
  return run.id;
}

const charLm = {
  seed: 1,
  task: { id: 'char-lm', params: { window: 16, corpusLength: 2000 } },
  model: { cell: 'lstm', hiddenSize: 5, embeddingDim: 4, numLayers: 2 },
  training: { steps: 4, batchSize: 4, evalEvery: 4, evalBatches: 1, checkpointEvery: 4 },
};

describe('explorer on an LSTM char-LM', () => {
  it(
    'traces a typed text: pages of a layer signal, one unit at every step, ranked units, saturation; refusals name the problem',
    async () => {
      const runId = await trained(charLm);
      const text = 'the cat sat on the mat. the end';
      const trace = await call<ExplorerTrace>('explorer.trace', { runId, input: { kind: 'text', text }, layer: 1, signal: 'f', start: 4, length: 10, unit: 3 });
      expect(trace).toMatchObject({ checkpoint: 'latest', step: 4, modelKind: 'sequence', generated: null, attention: null });
      expect(trace.tokens.join('')).toBe(text);
      expect(trace.layers.map((l) => [l.name, l.steps, l.signals])).toEqual([
        ['layer 0', text.length, ['h', 'c', 'i', 'f', 'g', 'o']],
        ['layer 1', text.length, ['h', 'c', 'i', 'f', 'g', 'o']],
      ]);
      expect(trace.page).toMatchObject({ layer: 1, signal: 'f', start: 4 });
      expect(trace.page.values).toHaveLength(5);
      expect(trace.page.values.every((row) => row.length === 10 && row.every((v) => v > 0 && v < 1))).toBe(true);
      expect(trace.unit?.values).toHaveLength(text.length);
      expect(trace.unit?.values.slice(4, 14)).toEqual(trace.page.values[3]);

      const search = await call<ExplorerSearch>('explorer.search', { runId, input: { kind: 'text', text }, pattern: { kind: 'regex', source: 'the' } });
      expect(search).toMatchObject({ steps: text.length, ones: 9, searched: 10 });
      expect(search.ranked.length).toBeGreaterThan(0);
      const rs = search.ranked.map((u) => Math.abs(u.r));
      expect([...rs].sort((a, b) => b - a)).toEqual(rs);

      const saturation = await call<ExplorerSaturation>('explorer.saturation', { runId, count: 4 });
      expect(saturation).toMatchObject({ examples: 4, margin: 0.05 });
      expect(saturation.layers.map((l) => [l.name, l.gates.map((g) => g.gate)])).toEqual([
        ['layer 0', ['i', 'f', 'g', 'o']],
        ['layer 1', ['i', 'f', 'g', 'o']],
      ]);

      const constant = await refusalOf(env.backend, 'explorer.search', { runId, input: { kind: 'text', text }, pattern: { kind: 'regex', source: 'z' } });
      expect(constant).toMatchObject({ code: 'conflict', message: expect.stringContaining('a constant has no correlation') });
      const long = await refusalOf(env.backend, 'explorer.trace', { runId, input: { kind: 'text', text: 'a'.repeat(EXPLORER_LIMITS.maxSteps + 1) } });
      expect(long.code).toBe('invalid-request');
      expect(long.message).toContain(`at most ${EXPLORER_LIMITS.maxSteps} steps`);
      const values = await refusalOf(env.backend, 'explorer.trace', { runId, input: { kind: 'values', values: [[1]] } });
      expect(values.message).toContain('reads text');
      expect((await refusalOf(env.backend, 'explorer.trace', { runId: 999, input: { kind: 'text', text } })).code).toBe('not-found');
    },
    LIMIT_MS,
  );
});

describe('explorer on an encoder–decoder', () => {
  it(
    'traces a validation example: encoder states, decoder states, and attention weights equal to runs.attention',
    async () => {
      const runId = await trained({
        seed: 3,
        task: { id: 'reverse-string', params: { alphabet: 5, minLength: 3, maxLength: 6 } },
        model: { kind: 'seq2seq', cell: 'gru', hiddenSize: 6, embeddingDim: 4, attention: { size: 5 } },
        training: { steps: 4, batchSize: 8, evalEvery: 4, evalBatches: 1, checkpointEvery: 4 },
      });
      const attention = await call<RunAttention>('runs.attention', { id: runId, count: 1 });
      const example = attention.examples[0];
      if (example === undefined) throw new Error('one example expected');
      const decoderLayer = 1;
      const trace = await call<ExplorerTrace>('explorer.trace', { runId, input: { kind: 'validation', index: 0 }, layer: decoderLayer, signal: 'z' });
      expect(trace.layers.map((l) => l.name)).toEqual(['encoder layer 0', 'decoder']);
      expect(trace.tokens).toEqual(example.source);
      expect(trace.generated).toEqual(example.generated);
      expect(trace.attention).toEqual({ start: 0, weights: example.weights });
      expect(trace.page.values).toHaveLength(6);
      expect(trace.page.values[0]).toHaveLength(example.generated.length);
    },
    LIMIT_MS,
  );
});
