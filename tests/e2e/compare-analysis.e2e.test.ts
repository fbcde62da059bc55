// Compare's analysis in the browser: the config diff (a differing field highlighted, identical ones folded), runs
// grouped by a spec field (the mean of two seeds), a pinned baseline with deltas, the CSV download holding every
// logged value exactly as the store has it, the chart as a PNG; a small sweep's parallel coordinates and parameter
// importance; and a training run's row moving with its progress events, with no series read again.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MetricHistory, RunSummary } from '../../core/common/api/entities';
import { useServedApp } from './serve-fixture';

const served = useServedApp();

/** One API call to the served app, as a script would make it (with the launch token). */
async function call<T>(name: string, payload: unknown): Promise<T> {
  const { origin, token } = served.app();
  const response = await fetch(`${origin}/api/call/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(payload),
  });
  const body = (await response.json()) as { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!body.ok) throw new Error(`${name}: ${body.error.message}`);
  return body.value;
}

/** Tiny runs: hidden 4, 8 steps, evaluated every 4. */
const spec = (cell: string, seed: number) => ({
  task: { id: 'adding-problem', params: { length: 5 } },
  model: { cell, hiddenSize: 4 },
  training: { steps: 8, batchSize: 4, evalEvery: 4, evalBatches: 1, checkpointEvery: 8, gradNormsEvery: 0 },
  seed,
});

describe('Compare analysis in the browser', () => {
  it('draws a small sweep as parallel coordinates with the best trial and the parameter importance', async () => {
    const { page, pageErrors } = await served.openPage();
    await page.getByLabel('Name').fill('Sweep analysis');
    await page.getByRole('button', { name: 'Create experiment' }).click();
    await page.getByRole('button', { name: 'New sweep' }).click();
    const grid = { 'model.cell': ['gru', 'lstm'], 'training.learningRate': [0.01, 0.03] };
    await page.getByLabel('Sweep JSON').fill(JSON.stringify({ name: 'cells × lr', base: spec('gru', 1), grid, concurrency: 2 }));
    await page.getByRole('button', { name: 'Start sweep' }).click();
    await expect.poll(() => page.getByTestId('sweep-counts').textContent(), { timeout: 60_000 }).toBe('4 completed');

    const chart = page.getByTestId('parallel-coordinates');
    await expect.poll(() => chart.getAttribute('data-trials'), { timeout: 60_000 }).toBe('4');
    expect(await chart.getAttribute('data-axes')).toBe('model.cell | training.learningRate | Final validation loss');
    expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('sweep-best').textContent()).toMatch(/Best trial: #\d+ cell=(gru|lstm) learningRate=0\.0[13] — .+ \(lower is better\)/);

    const importance = page.getByTestId('importance-row');
    expect(await importance.count()).toBe(2);
    const [cell, lr] = await importance.allTextContents();
    expect(cell).toMatch(/^model\.cellcategorical4/);
    expect(cell).toMatch(/η² [\d.e-]+ · spread/);
    expect(lr).toMatch(/^training\.learningRatenumeric4[+-−]?[\d.]+/);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('diffs the specs, groups two seeds into their mean, pins a baseline and downloads an exact CSV', async () => {
    const experiment = await call<{ id: number }>('experiments.create', { name: 'Seeds and cells' });
    const ids: number[] = [];
    for (const [cell, seed] of [
      ['gru', 1],
      ['gru', 2],
      ['lstm', 1],
    ] as const)
      ids.push((await call<RunSummary>('runs.create', { experimentId: experiment.id, spec: spec(cell, seed) })).id);
    await expect
      .poll(async () => (await call<RunSummary[]>('runs.list', { experimentId: experiment.id })).map((r) => r.status), { timeout: 60_000 })
      .toEqual(['completed', 'completed', 'completed']);

    const { page, pageErrors } = await served.openPage();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Compare' }).click();
    for (const id of ids)
      await page
        .locator('.run-choice')
        .filter({ hasText: `#${id} ` })
        .locator('input')
        .check();
    const rows = page.locator('.finals tbody tr');
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(3);

    // Config diff: the cell and the seed differ and are highlighted; a shared field is folded until asked for.
    const diff = page.getByRole('region', { name: 'Config diff' });
    const differing = diff.getByTestId('diff-differs');
    await expect.poll(() => differing.locator('th').allTextContents()).toEqual(['seed', 'model.cell']);
    expect(await differing.filter({ hasText: 'model.cell' }).locator('td').allTextContents()).toEqual(['gru', 'gru', 'lstm']);
    expect(await diff.getByTestId('diff-identical').count()).toBe(0);
    await diff.getByRole('button', { name: /Show \d+ identical/ }).click();
    expect(await diff.getByTestId('diff-identical').filter({ hasText: 'model.hiddenSize' }).locator('td').allTextContents()).toEqual(['4', '4', '4']);

    // Grouped by cell: the GRU group's last point is the mean of its two seeds' last values, over n = 2 of 2.
    const last = async (runId: number) => Number(await page.locator(`.finals tr[data-run-id="${runId}"] td[data-last]`).getAttribute('data-last'));
    const [a, b] = [await last(ids[0]!), await last(ids[1]!)];
    await page.getByLabel('Group by').selectOption(['model.cell']);
    const gru = page.getByTestId('group-row').filter({ hasText: 'model.cell=gru' });
    await gru.waitFor();
    expect(Number(await gru.locator('td[data-mean]').getAttribute('data-mean'))).toBe((a + b) / 2);
    expect(await gru.locator('td').nth(4).textContent()).toBe('2 of 2');
    expect(await page.getByTestId('group-row').count()).toBe(2);

    // Pinned baseline: the others show their difference from it.
    await page.getByRole('button', { name: `Pin run ${ids[0]} as the baseline` }).click();
    const deltas = page.getByTestId('compare-delta');
    expect(await deltas.nth(0).textContent()).toBe('baseline');
    expect(await deltas.nth(1).textContent()).toMatch(/^[+-]?\d|^0/);

    // CSV: every logged validation loss of each run, exactly as the store holds it.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const csv = readFileSync((await (await download).path()) as string, 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('run_id,run,step,wall_time_ms,val/loss');
    const history = await call<MetricHistory>('runs.history', { id: ids[0] });
    const column = history.names.indexOf('val/loss');
    const stored = history.rows.filter((row) => row.values[column] !== null).map((row) => `${row.step}:${String(row.values[column])}`);
    const written = lines
      .slice(1)
      .map((line) => line.split(','))
      .filter((fields) => fields[0] === String(ids[0]))
      .map((fields) => `${fields[2]}:${fields[4]}`);
    expect(written).toEqual(stored);
    expect(stored.length).toBe(2); // steps 4 and 8
    expect(lines.length).toBe(1 + 3 * 2);

    // PNG: the chart as an image file.
    const image = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download PNG' }).click();
    const png = await image;
    expect(png.suggestedFilename()).toBe(`compare-runs-${ids.join('-')}-val-loss.png`);
    expect([...readFileSync((await png.path()) as string).subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('moves a training run’s curve and table with its progress events, without re-reading its series', { timeout: 300_000 }, async () => {
    // The page is open before the run starts: loading it beside a training run on a busy machine is slow.
    const { page, pageErrors } = await served.openPage();
    const seriesReads: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/call/runs.metrics')) seriesReads.push(request.postData() ?? '');
    });
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Compare' }).click();
    const experiment = await call<{ id: number }>('experiments.create', { name: 'Live compare' });
    await call<RunSummary>('runs.create', { experimentId: experiment.id, spec: spec('gru', 4) }); // Compare needs two runs
    const long = { ...spec('gru', 3), training: { ...spec('gru', 3).training, steps: 100_000, evalEvery: 100_000, checkpointEvery: 100_000 } };
    const run = await call<RunSummary>('runs.create', { experimentId: experiment.id, spec: long });
    await page.getByLabel('Metric').selectOption('train/loss');
    await page
      .locator('.run-choice')
      .filter({ hasText: `#${run.id} ` })
      .locator('input')
      .check();
    const step = page.locator(`.finals tr[data-run-id="${run.id}"] td`).nth(2);
    const stepNow = async () => Number((await step.textContent()) ?? '0') || 0;
    await expect.poll(stepNow, { timeout: 60_000 }).toBeGreaterThan(0);
    const reads = seriesReads.length;
    const first = await stepNow();
    await expect.poll(stepNow, { timeout: 60_000 }).toBeGreaterThan(first);
    const second = await stepNow();
    await expect.poll(stepNow, { timeout: 60_000 }).toBeGreaterThan(second);
    // the table moved twice on progress events alone: no series was read again
    expect(seriesReads.length).toBe(reads);
    await call('runs.stop', { id: run.id });
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
