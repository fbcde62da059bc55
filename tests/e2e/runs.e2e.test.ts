// Training from the browser: start a run through the form, watch it train live in a worker, see its charts.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openNewRunForm, useServedApp } from './serve-fixture';

const served = useServedApp();

describe('Runs in the browser', () => {
  it('starts a run from the form, shows live progress, then its curves and gradient-norm heatmap', async () => {
    const { page, pageErrors } = await served.openPage();
    await openNewRunForm(page, 'GRU on the adding problem');

    // A spec mistake is shown at its field with the allowed range; Start run is refused by the backend for the same
    // field (spec.training.learningRate, placed at the same field), and nothing starts.
    await page.getByLabel('Learning rate').fill('50');
    await page.getByRole('button', { name: 'Start run' }).click();
    const atLearningRate = page.locator('[data-testid="field-problem"][data-field="training.learningRate"]');
    await expect.poll(() => atLearningRate.textContent()).toContain('learningRate must be at most 10');
    expect(await atLearningRate.textContent()).toContain('Allowed: a number in (0, 10].');
    expect(await page.getByTestId('run-row').count()).toBe(0);

    // the form's fields, not the runs table's filters of the same names
    const form = page.getByRole('form', { name: 'New run' });
    await form.getByLabel('Cell').selectOption('gru');
    await form.getByLabel('Learning rate').fill('0.01');
    await form.getByLabel('Hidden size').fill('8');
    await form.getByLabel('Steps').fill('60');
    await form.getByLabel('Batch size').fill('8');
    // Two threads: the built app's data-parallel gradient workers split every batch.
    await form.getByLabel('Threads').fill('2');
    // the clip kinds are the schema's (spec-choices.ts): clip each value at 0.5
    await form.locator('select[name="clip"]').selectOption('value');
    await form.getByLabel('Clip at').fill('0.5');
    await page.getByRole('button', { name: 'Start run' }).click();

    const row = page.getByTestId('run-row');
    await row.waitFor();
    await expect.poll(() => row.textContent(), { timeout: 60_000 }).toContain('completed');
    expect(await row.textContent()).toContain('60 / 60');
    const db = new Database(served.app().databasePath, { readonly: true });
    const stored = db.prepare('SELECT status, spec FROM runs').get() as { status: string; spec: string };
    db.close();
    expect(stored.status).toBe('completed');
    expect(JSON.parse(stored.spec).training).toMatchObject({ threads: 2, steps: 60, clip: { kind: 'value', max: 0.5 } });

    const detail = page.getByRole('region', { name: 'Run detail' });
    await expect.poll(() => detail.locator('canvas').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(4);
    expect(await detail.textContent()).toContain('per time step');
    // The run's full resolved spec, downloadable as a file that reads back to exactly what the store holds.
    await detail.getByText('Spec (JSON)').click();
    const download = detail.getByTestId('spec-download');
    expect(await download.getAttribute('download')).toBe('run-1-gru-on-adding-problem.spec.json');
    const href = (await download.getAttribute('href')) ?? '';
    expect(JSON.parse(decodeURIComponent(href.replace('data:application/json;charset=utf-8,', '')))).toEqual(JSON.parse(stored.spec));
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
