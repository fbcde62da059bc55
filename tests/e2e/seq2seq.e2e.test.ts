// An encoder–decoder from the browser: the New run form follows the task's model (encoder–decoder
// fields for a seq2seq task), the run trains in a worker, and its detail shows the attention maps.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { fillSmallReverserRun, openNewRunForm, useServedApp } from './serve-fixture';

const served = useServedApp();

describe('Seq2seq runs in the browser', () => {
  it('trains an encoder–decoder with attention from the form and shows what its attention looks at', async () => {
    const { page, pageErrors } = await served.openPage();
    await openNewRunForm(page, 'Reversal with attention');

    // The form follows the model the task needs: encoder–decoder fields (the helper fills them), no data-parallel threads.
    await fillSmallReverserRun(page);
    expect(await page.getByLabel('Threads').count()).toBe(0);
    await page.getByRole('button', { name: 'Start run' }).click();

    const row = page.getByTestId('run-row');
    await row.waitFor();
    await expect.poll(() => row.textContent(), { timeout: 60_000 }).toContain('completed');
    const db = new Database(served.app().databasePath, { readonly: true });
    const stored = db.prepare('SELECT spec FROM runs ORDER BY id DESC').get() as { spec: string };
    db.close();
    expect(JSON.parse(stored.spec).model).toMatchObject({ kind: 'seq2seq', cell: 'gru', hiddenSize: 12, attention: { size: 8 } });

    const detail = page.getByRole('region', { name: 'Run detail' });
    await expect.poll(() => detail.textContent(), { timeout: 60_000 }).toContain('encoder gru 12×1 → decoder gru 12, attention 8');
    const attention = detail.getByRole('region', { name: 'Attention' });
    await expect.poll(() => attention.locator('figure').count(), { timeout: 60_000 }).toBe(4);
    expect(await attention.locator('figcaption').first().textContent()).toMatch(/→/);
    await expect.poll(() => attention.locator('canvas').count()).toBeGreaterThanOrEqual(4);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
