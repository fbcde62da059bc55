// Models in the browser: a small character-level LSTM trained to completion, exported to ONNX from the Models
// view with its parity report (max |Δ| within 1e-5), its gate layout in PyTorch and ONNX order, and text
// generated once in the playground.
import { describe, expect, it } from 'vitest';
import { openNewRunForm, useServedApp } from './serve-fixture';

const served = useServedApp();

const spec = {
  seed: 4,
  task: { id: 'char-lm', params: { window: 8, corpusLength: 1000 } },
  model: { cell: 'lstm', hiddenSize: 6, embeddingDim: 4 },
  training: { steps: 20, batchSize: 4, learningRate: 0.01, evalEvery: 10, evalBatches: 1, checkpointEvery: 10, gradNormsEvery: 0 },
};

describe('Models in the browser', () => {
  it('exports a trained run with a passing parity table, shows its gate layout, and generates text', async () => {
    const { page, pageErrors } = await served.openPage();
    await openNewRunForm(page, 'Tiny LM');
    await page.getByRole('checkbox', { name: 'Edit the spec as JSON' }).check();
    await page.getByLabel('Spec JSON').fill(JSON.stringify(spec));
    await page.getByRole('button', { name: 'Start run' }).click();
    const row = page.getByTestId('run-row');
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain('completed');

    await page.getByRole('button', { name: 'Models', exact: true }).click();
    const runRow = page.getByTestId('exportable-run');
    await runRow.getByRole('button', { name: 'Export to ONNX (latest)' }).click();
    const card = page.getByTestId('export-card');
    const parity = card.getByTestId('parity-table');
    await parity.waitFor({ timeout: 20_000 });
    expect(await parity.locator('caption').textContent()).toMatch(/pass\s+at max \|Δ\| ≤ 1\.0e-5/);
    // the "max |Δ|" column of every case: 0 or a value like 3.1e-7, never ∞
    const deltas = await parity.locator('tbody tr td:nth-child(6)').allTextContents();
    expect(deltas.length).toBeGreaterThan(0);
    for (const delta of deltas) {
      expect(delta).not.toBe('∞');
      expect(Number(delta)).toBeLessThanOrEqual(1e-5);
    }

    await card.getByRole('button', { name: 'Gate layout' }).click();
    const gates = page.getByTestId('gate-layout');
    await gates.waitFor({ timeout: 10_000 });
    expect(await gates.getByTestId('gate-orders').textContent()).toBe('i f g o → i o f c');
    const layer = gates.getByTestId('gate-layer-0:0');
    const firstRow = await layer.locator('tbody').first().locator('tr').first().locator('td').allInnerTexts();
    expect(firstRow.map((cell) => cell.replace(/\s+/g, ' ').trim())).toEqual(['weight_ih_l0 [24, 4] → l0.W [1, 24, 4]', 'rows 0–5', 'i input gate', 'l0.W[0, 0–5]', 'i input gate', 'rows 0–5']);
    // ONNX block 1 (o) is filled from PyTorch rows 18–23, where the layers keep o
    const secondRow = await layer.locator('tbody').first().locator('tr').nth(1).locator('td').allTextContents();
    expect(secondRow.map((cell) => cell.trim())).toEqual(['rows 6–11', 'f forget gate', 'l0.W[0, 6–11]', 'o output gate', 'rows 18–23']);
    await gates.getByRole('button', { name: 'Close' }).click();

    await card.getByRole('button', { name: 'Playground' }).click();
    const playground = page.getByTestId('text-playground');
    await playground.waitFor({ timeout: 15_000 });
    await playground.getByLabel('Prompt').fill('the');
    await playground.getByLabel('Length').fill('12');
    await playground.getByLabel('Temperature').fill('0');
    await playground.getByRole('button', { name: 'Generate' }).click();
    const output = playground.getByTestId('generated-text');
    await expect.poll(() => output.locator('.generated').count(), { timeout: 10_000 }).toBe(1);
    expect(await output.locator('.from-prompt').textContent()).toBe('the');
    expect((await output.locator('.generated').textContent())?.length).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 60_000);
});
