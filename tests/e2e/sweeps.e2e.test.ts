// Sweeps from the browser: an invalid sweep refused with its field, then a 2 × 2 grid trained two at a
// time, followed live in the experiment's sweeps panel until every trial has its results; and a long
// sweep stopped from the panel.
import { describe, expect, it } from 'vitest';
import { useServedApp } from './serve-fixture';

const served = useServedApp();

const base = {
  task: { id: 'adding-problem', params: { length: 5 } },
  model: { cell: 'gru', hiddenSize: 4 },
  training: { steps: 20, batchSize: 4, evalEvery: 10, evalBatches: 1, checkpointEvery: 10, gradNormsEvery: 0 },
};

describe('Sweeps in the browser', () => {
  it('refuses an invalid sweep by its field, then runs a 2 × 2 grid and shows every trial with its results', async () => {
    const { page, pageErrors } = await served.openPage();
    await page.getByLabel('Name').fill('Sweep width × lr');
    await page.getByRole('button', { name: 'Create experiment' }).click();
    await page.getByRole('button', { name: 'New sweep' }).click();

    // The form starts from a valid example named after the experiment.
    const json = page.getByLabel('Sweep JSON');
    expect(JSON.parse(await json.inputValue())).toMatchObject({ name: expect.stringContaining('Sweep width × lr'), grid: { 'model.hiddenSize': [8, 16] } });

    // A trial the backend refuses comes back named by its field, and nothing starts.
    await json.fill(JSON.stringify({ base, grid: { 'model.hiddenSize': [0, 4] } }));
    await page.getByRole('button', { name: 'Start sweep' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('sweep.trials.1.model.hiddenSize');
    expect(await page.getByTestId('sweep-item').count()).toBe(0);

    await json.fill(JSON.stringify({ name: 'tiny grid', base, grid: { 'model.hiddenSize': [3, 4], 'training.learningRate': [0.01, 0.003] }, concurrency: 2 }));
    await page.getByRole('button', { name: 'Start sweep' }).click();

    const sweep = page.getByTestId('sweep-item');
    await sweep.waitFor();
    expect(await sweep.textContent()).toContain('grid over model.hiddenSize, training.learningRate · 4 trials');
    await expect.poll(() => page.getByTestId('sweep-counts').textContent(), { timeout: 60_000 }).toBe('4 completed');

    // The new sweep opened into its trials: values in grid order, every one completed with its results.
    const trials = page.getByTestId('sweep-trial');
    await expect
      .poll(() => trials.allTextContents(), { timeout: 60_000 })
      .toEqual([
        expect.stringContaining('hiddenSize=3 learningRate=0.01'),
        expect.stringContaining('hiddenSize=3 learningRate=0.003'),
        expect.stringContaining('hiddenSize=4 learningRate=0.01'),
        expect.stringContaining('hiddenSize=4 learningRate=0.003'),
      ]);
    for (const text of await trials.allTextContents()) {
      expect(text).toContain('completed');
      expect(text).toContain('20 / 20');
      // final / best validation loss: two numbers, no dash
      expect(text).toMatch(/\d\.\d+ \/ \d\.\d+/);
      // the adding problem's baseline (always 1: MSE 1/6) and whether the trial's last validation loss beat it
      expect(text).toContain('0.1667 val/loss');
      expect(text).toMatch(/(beaten|not beaten) \(\d\.\d+, lower is better\)/);
    }
    // The trials are the experiment's runs too.
    expect(await page.getByTestId('run-row').count()).toBe(4);
    // A trial opens its run's detail.
    await trials.nth(2).getByRole('button', { name: '3' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Run detail' }).locator('h2').textContent()).toContain('#3');
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('stops a long sweep from its panel: every trial ends stopped', async () => {
    const { page, pageErrors } = await served.openPage();
    await page.getByRole('button', { name: 'New experiment' }).click();
    await page.getByLabel('Name').fill('A sweep to stop');
    await page.getByRole('button', { name: 'Create experiment' }).click();
    const experiment = page.getByTestId('experiment-item').filter({ hasText: 'A sweep to stop' });
    await experiment.getByRole('button', { name: 'New sweep' }).click();
    const long = { ...base, training: { ...base.training, steps: 1_000_000 } };
    await page.getByLabel('Sweep JSON').fill(JSON.stringify({ name: 'long grid', base: long, grid: { 'model.hiddenSize': [2, 3, 4] }, concurrency: 1 }));
    await page.getByRole('button', { name: 'Start sweep' }).click();
    const sweep = page.getByTestId('sweep-item').filter({ hasText: 'long grid' });
    await sweep.getByRole('button', { name: 'Stop sweep' }).click();
    await expect.poll(() => sweep.getByTestId('sweep-counts').textContent(), { timeout: 60_000 }).toBe('3 stopped');
    expect(await sweep.getByRole('button', { name: 'Stop sweep' }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
