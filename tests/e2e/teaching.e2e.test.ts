// The teaching playground in the browser: opened from the navigation it trains at once; a setting changed while it
// trains restarts it (a new model line, the curve starting again) and the loss curve keeps growing; pause holds
// the step, Step advances it by one; nothing is stored until "Save as run", which creates one normal run; leaving
// the view stops the teaching worker.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../core/common/api/entities';
import { useServedApp } from './serve-fixture';

const served = useServedApp();

async function call<T>(page: Page, name: string, payload: unknown): Promise<T> {
  const result = await page.evaluate(
    async ([n, p, t]) => {
      const response = await fetch(`/api/call/${n}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${t}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(p),
      });
      return (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    },
    [name, payload, served.app().token] as const,
  );
  if (!result.ok) throw new Error(`${name}: ${result.error?.message}`);
  return result.value as T;
}

/** step, points and state from the status line ("step 12 · loss 0.3 · 12 points · training"). */
async function status(page: Page): Promise<{ step: number; points: number; running: boolean }> {
  const text = (await page.getByTestId('teaching-status').textContent()) ?? '';
  const match = /step (\d+).* (\d+) points · (training|paused)/s.exec(text);
  if (match === null) throw new Error(`unreadable status: ${text}`);
  return { step: Number(match[1]), points: Number(match[2]), running: match[3] === 'training' };
}

describe('Teaching playground in the browser', () => {
  it('trains live, restarts on a setting change while the curve keeps updating, steps, and saves only when asked', async () => {
    const { page, pageErrors } = await served.openPage();
    await call(page, 'experiments.create', { name: 'Teaching' });
    await page.getByRole('button', { name: 'Playground', exact: true }).click();
    await expect.poll(async () => (await status(page)).points, { timeout: 60_000 }).toBeGreaterThanOrEqual(5);
    expect((await status(page)).running).toBe(true);
    expect(await page.getByTestId('teaching-model').textContent()).toMatch(/rnn_tanh/i);
    await expect.poll(() => page.getByTestId('teaching-loss').locator('canvas').count()).toBeGreaterThanOrEqual(1);

    // a setting changed while training: a fresh GRU session, and its curve grows from the start again
    const before = (await status(page)).points;
    await page.getByLabel('Cell').selectOption('gru');
    await expect.poll(async () => (await page.getByTestId('teaching-model').textContent()) ?? '', { timeout: 60_000 }).toMatch(/gru/i);
    const after = await status(page);
    expect(after.running).toBe(true);
    await expect.poll(async () => (await status(page)).points, { timeout: 60_000 }).toBeGreaterThan(after.points);
    expect(before).toBeGreaterThan(0);
    // the panel answers held-out examples of the forecasting task
    await expect.poll(() => page.getByTestId('teaching-prediction').locator('canvas').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);

    // a number field typed in while the view updates keeps what was typed and applies it when left
    await page.getByLabel('Hidden size').fill('12');
    await page.getByLabel('Hidden size').press('Tab');
    await expect.poll(async () => (await page.getByTestId('teaching-model').textContent()) ?? '', { timeout: 60_000 }).toMatch(/gru 1×12/i);

    // the task changed too: rows of input, target and model output
    await page.getByLabel('Task').selectOption('parity');
    await expect.poll(() => page.getByTestId('teaching-prediction').locator('tbody tr').count(), { timeout: 60_000 }).toBe(4);

    // pause holds; Step trains exactly one
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(async () => (await status(page)).running, { timeout: 60_000 }).toBe(false);
    const paused = (await status(page)).step;
    await page.getByRole('button', { name: 'Step' }).click();
    await expect.poll(async () => (await status(page)).step, { timeout: 60_000 }).toBe(paused + 1);

    // nothing stored until asked; then one normal run of the current settings
    expect(await call<RunSummary[]>(page, 'runs.list', {})).toEqual([]);
    await page.getByLabel('Experiment').selectOption({ label: 'Teaching' });
    await page.getByRole('button', { name: 'Save as run' }).click();
    await expect.poll(async () => (await call<RunSummary[]>(page, 'runs.list', {})).length, { timeout: 60_000 }).toBe(1);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved as run' }).count()).toBe(1);

    // leaving the view stops its worker: its client is no longer running
    const clientId = await page.getByTestId('teaching').getAttribute('data-client-id');
    expect(await call<{ alive: boolean }>(page, 'teaching.keepAlive', { clientId })).toEqual({ alive: true });
    await page.getByRole('button', { name: 'Models', exact: true }).click();
    await expect.poll(async () => (await call<{ alive: boolean }>(page, 'teaching.keepAlive', { clientId })).alive, { timeout: 60_000 }).toBe(false);

    expect(await page.getByRole('alert').count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 300_000);
});
