// Models in the browser: a small character-level LSTM trained to completion, exported to ONNX from the Models
// view with its parity report (every element within 1e-5 + 1e-4·|SeqLab|, the worst one shown), exported again
// over the same file only once the person says to replace it, its gate layout in PyTorch and ONNX order, and
// text generated in the playground — a prompt character the model does not know named as read as <unk>.
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
    await expect.poll(() => row.textContent(), { timeout: 60_000 }).toContain('completed');

    await page.getByRole('button', { name: 'Models', exact: true }).click();
    const runRow = page.getByTestId('exportable-run');
    await runRow.getByRole('button', { name: 'Export to ONNX (latest)' }).click();
    const card = page.getByTestId('export-card');
    const parity = card.getByTestId('parity-table');
    await parity.waitFor({ timeout: 60_000 });
    expect(await parity.locator('caption').textContent()).toMatch(
      /pass\s+at \|Δ\| ≤ 1e-5 \+ 1e-4·\|SeqLab\| per element \(numpy\.allclose, atol 1e-5, rtol 1e-4\)/,
    );
    // the "max |Δ|" of every case: 0 or a value like 3.14e-7 (3 significant digits), never ∞
    const deltas = await parity.getByTestId('case-max').allTextContents();
    expect(deltas.length).toBe(8);
    for (const delta of deltas) expect(delta).toMatch(/^(0|\d\.\d\de-\d+)$/);
    // each case's worst element: its index, both values to 7 digits, |Δ| within its bound
    const worst = await parity.getByTestId('case-worst').allTextContents();
    for (const line of worst)
      expect(line).toMatch(/^(y|Y_h|Y_c)\[\d+, \d+, \d+\]: SeqLab -?[\d.e-]+, onnxruntime -?[\d.e-]+, \|Δ\| (0|\d\.\d\de-\d+) ≤ \d\.\d\de-\d+ allowed$/);

    // the same export again would overwrite run-1.onnx: refused, named, and done only once the person says so
    await runRow.getByRole('button', { name: 'Export to ONNX (latest)' }).click();
    const prompt = runRow.getByTestId('overwrite-prompt');
    await prompt.waitFor({ timeout: 60_000 });
    expect(await prompt.textContent()).toMatch(/run-1\.onnx already exists, so nothing was written/);
    expect(await card.count()).toBe(1);
    await prompt.getByRole('button', { name: 'Replace the file' }).click();
    await expect.poll(() => card.count(), { timeout: 60_000 }).toBe(2);
    expect(await prompt.count()).toBe(0);

    await card.first().getByRole('button', { name: 'Gate layout' }).click();
    const gates = page.getByTestId('gate-layout');
    await gates.waitFor({ timeout: 60_000 });
    expect(await gates.getByTestId('gate-orders').textContent()).toBe('i f g o → i o f c');
    const layer = gates.getByTestId('gate-layer-0:0');
    const firstRow = await layer.locator('tbody').first().locator('tr').first().locator('td').allInnerTexts();
    expect(firstRow.map((cell) => cell.replace(/\s+/g, ' ').trim())).toEqual([
      'weight_ih_l0 [24, 4] → l0.W [1, 24, 4]',
      'rows 0–5',
      'i input gate',
      'l0.W[0, 0–5]',
      'i input gate',
      'rows 0–5',
    ]);
    // ONNX block 1 (o) is filled from PyTorch rows 18–23, where the layers keep o
    const secondRow = await layer.locator('tbody').first().locator('tr').nth(1).locator('td').allTextContents();
    expect(secondRow.map((cell) => cell.trim())).toEqual(['rows 6–11', 'f forget gate', 'l0.W[0, 6–11]', 'o output gate', 'rows 18–23']);
    await gates.getByRole('button', { name: 'Close' }).click();

    await card.first().getByRole('button', { name: 'Playground' }).click();
    const playground = page.getByTestId('text-playground');
    await playground.waitFor({ timeout: 60_000 });
    await playground.getByLabel('Prompt').fill('the');
    await playground.getByLabel('Length').fill('12');
    await playground.getByLabel('Temperature').fill('0');
    await playground.getByRole('button', { name: 'Generate' }).click();
    const output = playground.getByTestId('generated-text');
    await expect.poll(() => output.locator('.generated').count(), { timeout: 60_000 }).toBe(1);
    expect(await output.locator('.from-prompt').textContent()).toBe('the');
    expect((await output.locator('.generated').textContent())?.length).toBeGreaterThan(0);
    expect(await page.getByTestId('unknown-tokens').count()).toBe(0);

    // a character the corpus never had: generated all the same, and said
    await playground.getByLabel('Prompt').fill('th\u00e9');
    await playground.getByRole('button', { name: 'Generate' }).click();
    const unknown = page.getByTestId('unknown-tokens');
    await unknown.waitFor({ timeout: 60_000 });
    expect(await unknown.textContent()).toContain(
      '1 input token is not in the model\'s vocabulary and was read as <unk>, which the model may never have seen in training: "\u00e9".',
    );
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 300_000);
});
