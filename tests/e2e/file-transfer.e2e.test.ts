// Files in browser mode: a CSV of this computer picked in the Data view is uploaded, previewed and imported, and is
// listed as a dataset; an export downloads from the Models view with the exact bytes it was recorded with.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ModelExport, RunDetail } from '../../core/common/api/entities';
import { useServedApp, type ServedApp } from './serve-fixture';

const { app, openPage } = useServedApp();

/** One API call to the served app, as a script would make it (with the launch token). */
async function call<T>(served: ServedApp, name: string, payload: unknown): Promise<T> {
  const response = await fetch(`${served.origin}/api/call/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(payload),
  });
  const body = (await response.json()) as { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!body.ok) throw new Error(`${name}: ${body.error.message}`);
  return body.value;
}

const csv = 'hour,load\n' + Array.from({ length: 300 }, (_, t) => `${t},${(50 + 10 * Math.sin(t / 5)).toFixed(3)}`).join('\n') + '\n';

describe('Files in the browser', () => {
  it('uploads a CSV picked on this computer, previews it from its place on the server, and imports it', async () => {
    const { page, pageErrors } = await openPage();
    await page.getByRole('button', { name: 'Data' }).click();
    const form = page.getByRole('form', { name: 'Import data' });
    await form.getByLabel('File from this computer').setInputFiles({ name: 'hourly-load.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });

    const sha256 = createHash('sha256').update(csv).digest('hex');
    await expect.poll(() => page.getByTestId('upload-done').textContent(), { timeout: 60_000 }).toContain(`SHA-256 ${sha256.slice(0, 12)}`);
    // the typed-path field holds where the file now is on the server, and the preview read it from there
    expect(await form.getByLabel('File path').inputValue()).toMatch(new RegExp(`uploads[/\\\\]${sha256}[/\\\\]hourly-load\\.csv$`));
    const preview = page.getByRole('region', { name: 'Preview' });
    await expect.poll(() => preview.locator('th').allTextContents(), { timeout: 60_000 }).toEqual(['hour integer left out', 'load number input and target']);

    await form.getByRole('button', { name: 'Import' }).click();
    const row = page.getByTestId('dataset-row');
    await expect.poll(() => row.textContent(), { timeout: 60_000 }).toContain('hourly-load.csv');
    expect(await row.textContent()).toContain('300 rows');
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 300_000);

  it('downloads an export from the Models view with the bytes recorded at export', async () => {
    const served = app();
    const experiment = await call<{ id: number }>(served, 'experiments.create', { name: 'downloads' });
    const run = await call<{ id: number }>(served, 'runs.create', {
      experimentId: experiment.id,
      spec: {
        seed: 3,
        task: { id: 'char-lm', params: { window: 8, corpusLength: 1000 } },
        model: { cell: 'gru', hiddenSize: 6, embeddingDim: 4 },
        training: { steps: 10, batchSize: 4, learningRate: 1e-2, evalEvery: 10, evalBatches: 1, checkpointEvery: 10, gradNormsEvery: 0 },
      },
    });
    await expect.poll(async () => (await call<RunDetail>(served, 'runs.get', { id: run.id })).status, { timeout: 60_000, interval: 200 }).toBe('completed');
    const exported = await call<ModelExport>(served, 'models.export', { runId: run.id, format: 'safetensors' });

    const { page, pageErrors } = await openPage();
    await page.getByRole('button', { name: 'Models', exact: true }).click();
    const card = page.getByTestId('export-card').first();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), card.getByRole('button', { name: 'Download' }).click()]);
    expect(download.suggestedFilename()).toBe(`run-${run.id}.safetensors`);
    const saved = await download.path();
    expect(createHash('sha256').update(readFileSync(saved)).digest('hex')).toBe(exported.hash);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 300_000);
});
