// Compare in the browser: two trials of a sweep side by side, each named by the values it varied (not its stored
// run name with JSON) and shown beside its task's baseline, with whether it beat it by the metric's direction.
import { describe, expect, it } from 'vitest';
import { useServedApp } from './serve-fixture';

const served = useServedApp();

const base = {
  task: { id: 'adding-problem', params: { length: 5 } },
  model: { cell: 'gru', hiddenSize: 4 },
  training: { steps: 10, batchSize: 4, evalEvery: 5, evalBatches: 1, checkpointEvery: 5, gradNormsEvery: 0 },
};

describe('Compare in the browser', () => {
  it('names sweep trials by their varied values and shows the baseline column', async () => {
    const { page, pageErrors } = await served.openPage();
    await page.getByLabel('Name').fill('Compare trials');
    await page.getByRole('button', { name: 'Create experiment' }).click();
    await page.getByRole('button', { name: 'New sweep' }).click();
    const sweep = { name: 'optimisers', base, grid: { 'training.optimizer': [{ kind: 'adam' }, { kind: 'sgd', momentum: 0.9 }] }, concurrency: 2 };
    await page.getByLabel('Sweep JSON').fill(JSON.stringify(sweep));
    await page.getByRole('button', { name: 'Start sweep' }).click();
    await expect.poll(() => page.getByTestId('sweep-counts').textContent(), { timeout: 60_000 }).toBe('2 completed');

    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    for (const choice of await page.locator('.run-choice input').all()) await choice.check();
    const rows = page.locator('.finals tbody tr');
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(2);
    const texts = await rows.allTextContents();
    expect(texts.some((t) => t.includes('sweep 1: optimizer.kind=adam'))).toBe(true);
    expect(texts.some((t) => t.includes('sweep 1: optimizer.kind=sgd optimizer.momentum=0.9'))).toBe(true);
    for (const text of texts) {
      expect(text).not.toContain('{');
      expect(text).toContain('0.1667 val/loss');
      expect(text).toMatch(/(beaten|not beaten) \(\d\.\d+, lower is better\)/);
    }
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
