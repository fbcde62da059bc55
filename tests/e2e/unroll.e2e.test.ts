// A one-to-many model from training to a generated curve in the browser: a small conditioned GRU trained on
// waveform-generation from the New run form (which names its cell "Decoder cell"), exported to ONNX from the
// Models view (a condition graph and a decoder-step graph, parity passed), then unrolled in the playground from
// a class, its sequence drawn as a line chart.
import { describe, expect, it } from 'vitest';
import { openNewRunForm, useServedApp } from './serve-fixture';

const served = useServedApp();

describe('One-to-many playground in the browser', () => {
  it('trains a waveform generator, exports it, and draws the sequence it generates from a class', async () => {
    const { page, pageErrors } = await served.openPage();
    await openNewRunForm(page, 'Waveform playground');
    await page.getByLabel('Task').selectOption('waveform-generation');
    await page.getByLabel('Decoder cell').selectOption('gru');
    await page.getByLabel('Hidden size', { exact: true }).fill('12');
    await page.getByLabel('Learning rate').fill('0.01');
    await page.getByLabel('Steps').fill('30');
    await page.getByLabel('Batch size').fill('8');
    await page.getByRole('button', { name: 'Start run' }).click();
    const row = page.getByTestId('run-row');
    await expect.poll(() => row.textContent(), { timeout: 60_000 }).toContain('completed');

    await page.getByRole('button', { name: 'Models', exact: true }).click();
    await page.getByTestId('exportable-run').getByRole('button', { name: 'Export to ONNX (latest)' }).click();
    const card = page.getByTestId('export-card');
    const parity = card.getByTestId('parity-table');
    await parity.waitFor({ timeout: 60_000 });
    expect(await parity.locator('caption').textContent()).toMatch(/pass\s+at \|Δ\| ≤ 1e-5 \+ 1e-4·\|SeqLab\| per element/);
    expect(await card.textContent()).toMatch(/Decoder step.*run once per step after the condition graph above/s);

    await card.getByRole('button', { name: 'Playground' }).click();
    const playground = page.getByTestId('unroll-playground');
    await playground.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('translate-playground').count()).toBe(0);
    expect(await playground.textContent()).toContain('GRU decoder × 12, conditioned on one of 4 classes · task waveform-generation');
    // the classes come from models.describe: the condition graph's labels
    expect(await playground.getByLabel('Class').locator('option').allTextContents()).toEqual(['sine', 'square', 'triangle', 'rising sawtooth']);

    await playground.getByLabel('Class').selectOption('square');
    await playground.getByLabel('Length').fill('30');
    await playground.getByRole('button', { name: 'Generate' }).click();
    const result = playground.getByRole('region', { name: 'Generated sequence' });
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getByTestId('unroll-caption').textContent()).toBe('square · 30 steps');
    await expect.poll(() => result.getByTestId('unroll-chart').locator('canvas').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);

    // another class: a new sequence in place of the old one
    await playground.getByLabel('Class').selectOption('sine');
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/call/models.unroll')), playground.getByRole('button', { name: 'Generate' }).click()]);
    await expect.poll(() => result.getByTestId('unroll-caption').textContent()).toBe('sine · 30 steps');
    expect(await playground.getByRole('alert').count()).toBe(0);

    expect(pageErrors).toEqual([]);
    await page.close();
  }, 300_000);
});
