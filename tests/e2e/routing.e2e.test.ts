// Addresses in the browser: every section, an open run, experiment, sweep, export and study have an address; reload
// keeps the place and back/forward move between places.
import { describe, expect, it } from 'vitest';
import { useServedApp } from './serve-fixture';

const served = useServedApp();

describe('Routing in the browser', () => {
  it('gives a run an address that survives a reload, and back/forward move between places', async () => {
    const { page, pageErrors } = await served.openPage();
    await page.getByLabel('Name').fill('Addresses');
    await page.getByRole('button', { name: 'Create experiment' }).click();
    await page.getByRole('button', { name: 'New run' }).click();
    await page.getByLabel('Hidden size').fill('4');
    await page.getByLabel('Steps').fill('5');
    await page.getByLabel('Batch size').fill('4');
    await page.getByRole('button', { name: 'Start run' }).click();
    const row = page.getByTestId('run-row');
    await expect.poll(() => row.textContent(), { timeout: 60_000 }).toContain('completed');

    // the run's name opens it
    await row.locator('td').first().getByRole('button').click();
    const detail = page.getByRole('region', { name: 'Run detail' });
    await detail.waitFor();
    await expect.poll(() => new URL(page.url()).hash).toMatch(/^#\/runs\/\d+$/);
    const runAddress = page.url();

    await page.reload();
    await detail.waitFor();
    expect(page.url()).toBe(runAddress);

    await page.getByRole('button', { name: 'Studies' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/studies');
    expect(await page.getByRole('button', { name: 'Studies' }).getAttribute('aria-current')).toBe('page');
    await page.goBack();
    await expect.poll(() => page.url()).toBe(runAddress);
    await detail.waitFor();
    await page.goForward();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/studies');

    // An address that names nothing opens the experiments, not an empty page.
    await page.goto(`${served.app().origin}/#/no/such/place`);
    await expect.poll(() => new URL(page.url()).hash).toBe('#/experiments');
    await page.getByRole('heading', { name: 'Experiments' }).waitFor();
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('gives an experiment and a sweep an address that opens it again after a reload', async () => {
    const { page, pageErrors } = await served.openPage();
    const hash = () => new URL(page.url()).hash;
    const experiment = page.getByTestId('experiment-item').filter({ hasText: 'Addresses' });
    await experiment.getByRole('button', { name: 'Addresses' }).click();
    await expect.poll(hash).toMatch(/^#\/experiments\/\d+$/);
    const experimentAddress = page.url();
    await page.reload();
    await expect.poll(() => experiment.getAttribute('class')).toContain('selected');

    // A sweep opened in the panel is at #/sweeps/ID; the address opens its trials again, and back returns to the experiment.
    await experiment.getByRole('button', { name: 'New sweep' }).click();
    const base = { task: { id: 'adding-problem', params: { length: 5 } }, model: { cell: 'gru', hiddenSize: 4 }, training: { steps: 5, batchSize: 4 } };
    await page.getByLabel('Sweep JSON').fill(JSON.stringify({ name: 'tiny grid', base, grid: { 'model.hiddenSize': [2, 3] }, concurrency: 1 }));
    await page.getByRole('button', { name: 'Start sweep' }).click();
    await expect.poll(hash, { timeout: 60_000 }).toMatch(/^#\/sweeps\/\d+$/);
    const sweepAddress = page.url();
    await page.reload();
    await expect.poll(() => page.getByTestId('sweep-trial').count(), { timeout: 60_000 }).toBe(2);
    await page.goBack();
    await expect.poll(() => page.url()).toBe(experimentAddress);
    await page.goForward();
    await expect.poll(() => page.getByTestId('sweep-trial').count()).toBe(2);
    expect(page.url()).toBe(sweepAddress);

    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('gives a study and an export an address that opens it again after a reload', async () => {
    const { page, pageErrors } = await served.openPage();
    const hash = () => new URL(page.url()).hash;
    // A study's address asks the backend for that study: one that does not exist is refused by its number.
    await page.goto(`${served.app().origin}/#/studies/999`);
    await expect.poll(() => page.getByTestId('study-open-error').textContent()).toContain('Study 999 does not exist.');

    // An export opened in the playground is at #/models/exports/ID, and the address opens the playground again.
    await page.getByRole('button', { name: 'Models', exact: true }).click();
    await page.getByTestId('exportable-run').first().getByRole('button', { name: 'Export to ONNX (latest)' }).click();
    const card = page.getByTestId('export-card').first();
    // the export and its parity check in onnxruntime run in a worker: slow on a loaded machine
    await card.getByRole('button', { name: 'Playground' }).click({ timeout: 90_000 });
    await expect.poll(hash).toMatch(/^#\/models\/exports\/\d+$/);
    await page.reload();
    await page.getByTestId('sequence-playground').waitFor({ timeout: 60_000 });
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 180_000);
});
