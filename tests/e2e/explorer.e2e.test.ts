// The hidden-state explorer in the browser: a tiny LSTM char-LM trained through the API, opened from its run's
// detail; a typed text's unit view colours each character with exactly the activation the API computes, the
// heatmap draws, and a pattern search ranks units. A GRU encoder–decoder shows its decoder and attention.
import { describe, expect, it } from 'vitest';
import type { ExplorerTrace } from '../../core/common/api/explorer-entities';
import { useServedApp } from './serve-fixture';

const served = useServedApp();

/** One API call to the served app, as a script would make it (with the launch token). */
async function call<T>(name: string, payload: unknown): Promise<T> {
  const { origin, token } = served.app();
  const response = await fetch(`${origin}/api/call/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(payload),
  });
  const body = (await response.json()) as { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!body.ok) throw new Error(`${name}: ${body.error.message}`);
  return body.value;
}

async function trainedRun(experimentId: number, spec: unknown): Promise<number> {
  const run = await call<{ id: number }>('runs.create', { experimentId, spec });
  await expect.poll(async () => (await call<{ status: string }>('runs.get', { id: run.id })).status, { timeout: 120_000, interval: 500 }).toBe('completed');
  return run.id;
}

describe('Explorer in the browser', () => {
  it('an LSTM char-LM: a unit coloured over a typed text, the heatmap, ranked units', async () => {
    const experiment = await call<{ id: number }>('experiments.create', { name: 'Explorer' });
    const runId = await trainedRun(experiment.id, {
      seed: 1,
      task: { id: 'char-lm', params: { window: 16, corpusLength: 2000 } },
      model: { cell: 'lstm', hiddenSize: 6, embeddingDim: 4 },
      training: { steps: 6, batchSize: 4, evalEvery: 6, evalBatches: 1, checkpointEvery: 6 },
    });
    const { page, pageErrors } = await served.openPage();
    await page.evaluate((id) => (location.hash = `#/runs/${id}`), runId);
    await page.getByTestId('explore-run').click();
    const explorer = page.getByRole('region', { name: 'Explorer' });
    await explorer.waitFor();

    const text = 'the cat sat on the mat';
    await explorer.locator('select[name="explorer-input"]').selectOption('text');
    await explorer.locator('textarea[name="explorer-text"]').fill(text);
    await explorer.getByRole('button', { name: 'Explore' }).click();
    const characters = explorer.getByTestId('unit-text').locator('.character');
    await expect.poll(() => characters.count(), { timeout: 60_000 }).toBe(text.length);
    await explorer.locator('input[name="explorer-unit"]').fill('2');
    await explorer.locator('input[name="explorer-unit"]').dispatchEvent('change');
    await expect.poll(() => explorer.getByTestId('unit-text').textContent(), { timeout: 60_000 }).toContain('h of unit 2');

    // The same unit from the API: each character's value is exactly the one the worker computed.
    const trace = await call<ExplorerTrace>('explorer.trace', { runId, input: { kind: 'text', text }, layer: 0, signal: 'h', unit: 2 });
    const shown = await characters.evaluateAll((spans) => spans.map((s) => Number(s.getAttribute('data-value'))));
    expect(shown).toEqual(trace.unit?.values);
    expect(await characters.allTextContents()).toEqual(Array.from(text.replace(/ /g, '␣')));
    const colours = await characters.evaluateAll((spans) => spans.map((s) => (s as HTMLElement).style.background));
    expect(new Set(colours).size).toBeGreaterThan(1);
    await expect.poll(() => explorer.getByTestId('explorer-heatmap').locator('canvas').count()).toBeGreaterThan(0);

    await explorer.locator('select[name="explorer-signal"]').selectOption('f');
    await expect.poll(() => explorer.getByTestId('unit-text').textContent(), { timeout: 60_000 }).toContain('f of unit 2');

    await explorer.getByRole('button', { name: 'Rank units' }).click();
    const ranked = explorer.getByTestId('ranked-units').locator('tbody tr');
    await expect.poll(() => ranked.count(), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 240_000);

  it('a GRU encoder–decoder: encoder and decoder layers, the attention of each written token', async () => {
    const experiment = await call<{ id: number }>('experiments.create', { name: 'Explorer seq2seq' });
    const runId = await trainedRun(experiment.id, {
      seed: 3,
      task: { id: 'reverse-string', params: { alphabet: 5, minLength: 3, maxLength: 6 } },
      model: { kind: 'seq2seq', cell: 'gru', hiddenSize: 6, embeddingDim: 4, attention: { size: 5 } },
      training: { steps: 6, batchSize: 8, evalEvery: 6, evalBatches: 1, checkpointEvery: 6 },
    });
    const { page, pageErrors } = await served.openPage();
    await page.evaluate((id) => (location.hash = `#/runs/${id}/explore`), runId);
    const explorer = page.getByRole('region', { name: 'Explorer' });
    const layers = explorer.locator('select[name="explorer-layer"] option');
    await expect.poll(() => layers.allTextContents(), { timeout: 60_000 }).toEqual(['encoder layer 0 (gru, 6 units)', 'decoder (gru, 6 units)']);
    await expect.poll(() => explorer.getByRole('region', { name: 'Attention' }).locator('canvas').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await explorer.locator('select[name="explorer-layer"]').selectOption({ label: 'decoder (gru, 6 units)' });
    await expect.poll(() => explorer.locator('select[name="explorer-signal"] option').allTextContents(), { timeout: 60_000 }).toEqual(['h', 'r', 'z', 'n']);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 240_000);
});
