// Training from the browser: start a run through the form, watch it train live in a worker, see its charts.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openNewRunForm, useServedApp } from './serve-fixture';

const served = useServedApp();

describe('Runs in the browser', () => {
  it('starts a run from the form, shows live progress, then its curves and gradient-norm heatmap', async () => {
    const { page, pageErrors } = await served.openPage();
    await openNewRunForm(page, 'GRU on the adding problem');

    // A spec mistake the form cannot catch comes back from the backend named by its field, and nothing starts.
    await page.getByLabel('Learning rate').fill('50');
    await page.getByRole('button', { name: 'Start run' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('spec.training.learningRate');
    expect(await page.getByTestId('run-row').count()).toBe(0);

    await page.getByLabel('Cell').selectOption('gru');
    await page.getByLabel('Learning rate').fill('0.01');
    await page.getByLabel('Hidden size').fill('8');
    await page.getByLabel('Steps').fill('60');
    await page.getByLabel('Batch size').fill('8');
    // Two threads: the built app's data-parallel gradient workers split every batch.
    await page.getByLabel('Threads').fill('2');
    await page.getByRole('button', { name: 'Start run' }).click();

    const row = page.getByTestId('run-row');
    await row.waitFor();
    await expect.poll(() => row.textContent(), { timeout: 45_000 }).toContain('completed');
    expect(await row.textContent()).toContain('60 / 60');
    const db = new Database(served.app().databasePath, { readonly: true });
    const stored = db.prepare('SELECT status, spec FROM runs').get() as { status: string; spec: string };
    db.close();
    expect(stored.status).toBe('completed');
    expect(JSON.parse(stored.spec).training).toMatchObject({ threads: 2, steps: 60 });

    const detail = page.getByRole('region', { name: 'Run detail' });
    await expect.poll(() => detail.locator('canvas').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    expect(await detail.textContent()).toContain('per time step');
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
