// A playground for every sequence-model kind in the browser: tiny runs trained and exported through the API, then
// opened from the Models view — a regression (the adding problem: the prediction beside the true value of the
// held-out example, and why an edited input with three markers has none), a classifier (probabilities as bars,
// most likely first, with the true class), a forecaster (20 steps ahead against the held-out truth) and a
// character language model (every generated token with its probability on hover).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ModelExport, PlaygroundExample, Prediction, RunDetail, RunSummary } from '../../core/common/api/entities';
import { formatNumber } from '../../renderer/src/composables/format';
import { useServedApp } from './serve-fixture';

const served = useServedApp();

/** An API call from the page, as the renderer makes it (same origin, the launch token). */
async function call<T>(page: Page, name: string, payload: unknown): Promise<T> {
  const result = await page.evaluate(
    async ([n, p, t]) => {
      const response = await fetch(`/api/call/${n}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${t}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(p),
      });
      return (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    },
    [name, payload, served.app().token] as const,
  );
  if (!result.ok) throw new Error(`${name}: ${result.error?.message}`);
  return result.value as T;
}

const SPECS: Record<string, { task: { id: string; params: Record<string, number> }; cell: string }> = {
  adding: { task: { id: 'adding-problem', params: { length: 8 } }, cell: 'gru' },
  waves: { task: { id: 'waveform-classification', params: { classes: 3, length: 9 } }, cell: 'lstm' },
  sine: { task: { id: 'sine-forecast', params: { window: 10, horizon: 2 } }, cell: 'gru' },
  lm: { task: { id: 'char-lm', params: { window: 8, corpusLength: 2000 } }, cell: 'lstm' },
};

/** Trains each tiny run to completion and exports it; the export ids by run name. */
async function trainAndExport(page: Page): Promise<Record<string, number>> {
  const experiment = await call<{ id: number }>(page, 'experiments.create', { name: 'Playgrounds' });
  const runs: Record<string, number> = {};
  for (const [name, { task, cell }] of Object.entries(SPECS)) {
    const spec = { version: 1, seed: 1, task, model: { cell, hiddenSize: 8 }, training: { steps: 20, batchSize: 8, learningRate: 0.01, evalEvery: 10 } };
    runs[name] = (await call<RunSummary>(page, 'runs.create', { experimentId: experiment.id, name, spec })).id;
  }
  const exports: Record<string, number> = {};
  for (const [name, runId] of Object.entries(runs)) {
    await expect.poll(async () => (await call<RunDetail>(page, 'runs.get', { id: runId })).status, { timeout: 60_000 }).toBe('completed');
    exports[name] = (await call<ModelExport>(page, 'models.export', { runId })).id;
  }
  return exports;
}

describe('Sequence-model playgrounds in the browser', () => {
  let opened: Awaited<ReturnType<typeof served.openPage>>;
  let exports: Record<string, number> = {};
  const page = () => opened.page;
  const playground = () => page().getByTestId('sequence-playground');
  const input = () => playground().getByTestId('sequence-input');
  const open = async (name: string) => {
    await page().getByTestId('export-card').filter({ hasText: name }).getByRole('button', { name: 'Playground' }).click();
  };

  it('trains and exports a tiny run of each kind', async () => {
    opened = await served.openPage();
    exports = await trainAndExport(page());
    await page().getByRole('button', { name: 'Models', exact: true }).click();
    await expect.poll(() => page().getByTestId('export-card').count(), { timeout: 60_000 }).toBe(4);
  }, 180_000);

  it('regresses: the held-out true value beside the prediction, and why three markers have none', async () => {
    await open('adding');
    await expect.poll(async () => (await input().inputValue()).split('\n').length, { timeout: 60_000 }).toBe(8);
    const example = await call<PlaygroundExample>(page(), 'models.example', { exportId: exports['adding'], index: 0, steps: 20 });
    const values = 'values' in example.input ? example.input.values : [];
    await playground().getByRole('button', { name: 'Predict' }).click();
    const regression = playground().getByTestId('regression-result');
    await regression.waitFor({ timeout: 60_000 });
    const truth = 'values' in example.target ? (example.target.values[0] ?? NaN) : NaN;
    expect(await regression.getByTestId('true-value').textContent()).toBe(formatNumber(truth));
    const predicted = await call<Prediction>(page(), 'models.predict', { exportId: exports['adding'], input: { values } });
    expect(await regression.getByTestId('predicted-value').textContent()).toBe(formatNumber(predicted.rows[0]?.[0] ?? NaN));
    // three markers are outside the task's definition: no true value, and why
    await input().fill(values.map(([value], t) => `${value}, ${t < 3 ? 1 : 0}`).join('\n'));
    await playground().getByRole('button', { name: 'Predict' }).click();
    await expect.poll(() => playground().getByTestId('truth-refused').textContent(), { timeout: 60_000 }).toContain('3 step(s) are marked');
    expect(await regression.getByTestId('true-value').textContent()).toBe('—');
    await playground().getByRole('button', { name: 'Close' }).click();
  }, 300_000);

  it('classifies: one bar per class, most likely first, with the true class', async () => {
    await open('waves');
    await expect.poll(() => input().inputValue(), { timeout: 60_000 }).not.toBe('');
    await playground().getByRole('button', { name: 'Predict' }).click();
    const bars = playground().getByTestId('class-bar');
    await expect.poll(() => bars.count(), { timeout: 60_000 }).toBe(3);
    const shares = (await bars.locator('.bar-value').allTextContents()).map((text) => Number.parseFloat(text));
    expect([...shares].sort((a, b) => b - a)).toEqual(shares);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
    expect(await playground().getByTestId('true-label').textContent()).toMatch(/^True answer of the held-out example: (sine|square|triangle)$/);
    await playground().getByRole('button', { name: 'Close' }).click();
  }, 300_000);

  it('forecasts 20 steps fed back, against the held-out truth of the same 20 steps', async () => {
    await open('sine');
    await expect.poll(async () => (await input().inputValue()).split('\n').length, { timeout: 60_000 }).toBe(10);
    await playground().getByLabel('Steps ahead').fill('20');
    await playground().getByRole('button', { name: 'Forecast' }).click();
    const caption = playground().getByTestId('forecast-caption');
    await expect.poll(() => caption.textContent(), { timeout: 60_000 }).toMatch(/20 steps ahead.*MSE against the held-out truth over 20 steps/s);
    await expect.poll(() => playground().getByTestId('forecast-chart').locator('canvas').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
    await playground().getByRole('button', { name: 'Close' }).click();
  }, 300_000);

  it("generates text, each token titled with its probability and the step's most likely tokens", async () => {
    await open('lm');
    const text = page().getByTestId('text-playground');
    await text.getByLabel('Prompt').fill('th');
    await text.getByLabel('Length').fill('12');
    await text.getByLabel('Temperature').fill('0');
    await text.getByRole('button', { name: 'Generate' }).click();
    const pieces = text.getByTestId('generated-piece');
    await expect.poll(() => pieces.count(), { timeout: 60_000 }).toBe(12);
    expect(await pieces.first().getAttribute('title')).toMatch(/^".*": p = \d+\.\d % · most likely: ".*" \d+\.\d %/);

    expect(await page().getByRole('alert').count()).toBe(0);
    expect(opened.pageErrors).toEqual([]);
    await page().close();
  }, 300_000);
});
