// The run charts in the browser: smoothing and the log toggle change what is drawn, the task's baseline is drawn,
// and a chart's CSV holds exactly the stored points of a tiny run.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useServedApp, type ServedApp } from './serve-fixture';
// The app's test hook on a chart's element (its global declaration types element.seqlabChartOption here).
import type {} from '../../renderer/src/charts/chart-test-hook';

const served = useServedApp();

async function call<T>(app: ServedApp, name: string, request: unknown): Promise<T> {
  const response = await fetch(`${app.origin}/api/call/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
  });
  const result = (await response.json()) as { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

/** What the test reads of a chart's ECharts option. */
interface DrawnOption {
  yAxis: { type: string }[];
  visualMap: { min: number; max: number }[];
  series: { id: string; data: [number, number | null][]; markLine?: { data: { yAxis: number }[] } }[];
}

describe('Run charts in the browser', () => {
  it('smooths, switches to a linear axis, draws the baseline, downloads the exact points as CSV; heatmaps on one scale, c_t beside h_t', async () => {
    const app = served.app();
    const experiment = await call<{ id: number }>(app, 'experiments.create', { name: 'charts' });
    const spec = {
      task: { id: 'adding-problem', params: { length: 6 } },
      model: { cell: 'lstm', hiddenSize: 4 },
      training: { steps: 12, batchSize: 4, evalEvery: 4, gradNormsEvery: 4 },
    };
    const run = await call<{ id: number; name: string }>(app, 'runs.create', { experimentId: experiment.id, spec });
    await expect.poll(async () => (await call<{ status: string }>(app, 'runs.get', { id: run.id })).status, { timeout: 60_000 }).toBe('completed');
    const [trainLoss, valLoss, baseline] = await call<{ name: string; steps: number[]; values: number[] }[]>(app, 'runs.metrics', {
      id: run.id,
      names: ['train/loss', 'val/loss', 'baseline/val/loss'],
    });

    const { page, pageErrors } = await served.openPage();
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
    await page.evaluate(`window.location.hash = '#/runs/${run.id}'`);
    const chart = page.locator('[data-chart="loss"] .chart');
    const drawn = () =>
      chart.evaluate((element) => (element instanceof HTMLElement ? element.seqlabChartOption?.() : undefined)) as Promise<DrawnOption | undefined>;
    await expect.poll(async () => (await drawn())?.series.find((s) => s.id === 'Validation loss:raw')?.data.length).toBe(valLoss?.steps.length);

    // Loss opens on a log axis, raw only, the task's baseline as a line at its stored value.
    let option = await drawn();
    expect(option?.yAxis[0]?.type).toBe('log');
    expect(option?.series.map((s) => s.id)).toEqual(['Training loss:raw', 'Validation loss:raw']);
    expect(option?.series[0]?.markLine?.data[0]?.yAxis).toBe(baseline?.values[0]);
    expect(option?.series[0]?.data).toEqual(trainLoss?.steps.map((step, i) => [step, trainLoss.values[i]]));

    await page.getByLabel('Log scale for Loss').uncheck();
    await expect.poll(async () => (await drawn())?.yAxis[0]?.type).toBe('value');

    await page.getByRole('slider', { name: 'Smoothing' }).fill('0.9');
    await expect.poll(async () => (await drawn())?.series.map((s) => s.id)).toContain('Training loss:smoothed');
    option = await drawn();
    const smoothed = option?.series.find((s) => s.id === 'Training loss:smoothed')?.data.map(([, y]) => y);
    // debiased: the first point is the first value, later ones lag behind the raw curve
    expect(smoothed?.[0]).toBe(trainLoss?.values[0]);
    expect(smoothed?.slice(1)).not.toEqual(trainLoss?.values.slice(1));

    // The CSV holds the raw stored points (never the smoothed ones), under a header naming run, series and x-axis.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV of Loss' }).click()]);
    expect(download.suggestedFilename()).toBe(`run-${run.id}-loss.csv`);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    const rows = (name: string, series: { steps: number[]; values: number[] } | undefined) =>
      (series?.steps ?? []).map((step, i) => `run ${run.id} · ${run.name},${name},${step},${String(series?.values[i])}`);
    expect(csv).toBe(['run,series,step,value', ...rows('train/loss', trainLoss), ...rows('val/loss', valLoss), ''].join('\r\n'));
    // The gradient heatmaps: one colour scale over every sampled step (not the shown step's own), and the LSTM's cell
    // state as a second panel.
    const norms = await call<{ sampledSteps: number[]; values: (number | null)[][] }>(app, 'runs.gradientNorms', { id: run.id });
    expect(norms.sampledSteps).toEqual([1, 4, 8, 12]);
    const logsOf = (grids: (number | null)[][]) => grids.flat().flatMap((v) => (v !== null && v > 0 ? [Math.log10(v)] : []));
    const logs = logsOf(norms.values);
    // the shown (last) step's own range is narrower, so a per-snapshot scale would be told apart
    const shown = logsOf(norms.values.slice(-1));
    expect([Math.min(...shown), Math.max(...shown)]).not.toEqual([Math.min(...logs), Math.max(...logs)]);
    const heatmap = (await page
      .locator('[data-heatmap="h"] .chart')
      .evaluate((element) => (element instanceof HTMLElement ? element.seqlabChartOption?.() : undefined))) as DrawnOption | undefined;
    expect(heatmap?.visualMap[0]?.min).toBeCloseTo(Math.min(...logs), 12);
    expect(heatmap?.visualMap[0]?.max).toBeCloseTo(Math.max(...logs), 12);
    expect(await page.locator('[data-heatmap="c"] canvas').count()).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
