// The New run form checks the spec as it changes: it shows the estimated memory and time, and the refusals Start run
// would get — a bidirectional model on next-character prediction, a model too large for the machine — before any run.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openNewRunForm, useServedApp } from './serve-fixture';

const served = useServedApp();

describe('the estimate in the New run form', () => {
  it('shows memory and time as the spec changes, and what would be refused, creating nothing', async () => {
    const { page, pageErrors } = await served.openPage();
    await openNewRunForm(page, 'Estimates');
    const memory = page.getByTestId('estimate-memory');
    const time = page.getByTestId('estimate-time');
    await expect.poll(() => memory.textContent(), { timeout: 60_000 }).toMatch(/^Memory ≈ [\d.]+ [KMG]iB of the [\d.]+ GiB a run may take here \(/);
    expect(await time.textContent()).toMatch(/^≈ [\d.]+ m?s per step, ≈ .* for 1000 steps, estimated at an assumed 5 GFLOP\/s per thread$/);

    // a wider model needs more: the line follows the form
    const before = await memory.textContent();
    await page.locator('input[name="hiddenSize"]').fill('512');
    await expect.poll(() => memory.textContent(), { timeout: 60_000 }).not.toBe(before);

    // next-character prediction with a bidirectional model: refused, with the reason, before Start run
    await page.locator('select[name="task"]').selectOption('char-lm');
    await page.locator('input[name="bidirectional"]').check();
    // the backend's refusal is shown at the field it concerns
    const atBidirectional = page.locator('[data-testid="field-problem"][data-field="model.bidirectional"]');
    await expect.poll(() => atBidirectional.textContent(), { timeout: 60_000 }).toContain('task "char-lm" needs a causal model');
    await page.locator('input[name="bidirectional"]').uncheck();
    await expect.poll(() => atBidirectional.count(), { timeout: 60_000 }).toBe(0);
    const issues = page.getByTestId('check-issues');

    // far more memory than any machine has: the estimate says so, and so does Start run
    await page.locator('select[name="task"]').selectOption('copy-memory');
    await page.locator('input[name="hiddenSize"]').fill('4096');
    await page.locator('input[name="numLayers"]').fill('8');
    await page.locator('input[name="batchSize"]').fill('4096');
    await page.locator('input[name="bidirectional"]').check(); // ≈ 1.6 TiB
    await expect.poll(() => issues.textContent(), { timeout: 60_000 }).toMatch(/\(spec\): this run would need ≈ [\d.]+ TiB of memory/);
    expect(await memory.getAttribute('class')).toContain('error');
    await page.getByRole('button', { name: 'Start run' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('a run may take on this machine');

    const db = new Database(served.app().databasePath, { readonly: true });
    expect((db.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number }).n).toBe(0);
    db.close();
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
