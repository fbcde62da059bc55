// Studies in the browser: the built-in studies listed with question and citation; a tiny study followed from
// running to its verdict with its figure, runs and report download; and a built-in study started with the Run
// button (then stopped, so it stays inconclusive, saying why).
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tinyStudy } from '../core/node/backend/tiny-study';
import { useServedApp } from './serve-fixture';

const served = useServedApp();

/** An API call from the page, as the renderer makes it (same origin, the launch token). */
async function call<T>(page: Page, token: string, name: string, payload: unknown): Promise<T> {
  const result = await page.evaluate(
    async ([n, p, t]) => {
      const response = await fetch(`/api/call/${n}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${t}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(p),
      });
      return (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    },
    [name, payload, token] as const,
  );
  if (!result.ok) throw new Error(`${name}: ${result.error?.message}`);
  return result.value as T;
}

describe('Studies in the browser', () => {
  it('lists the built-in studies, follows a tiny study to its verdict, and downloads its report', async () => {
    const { page, pageErrors } = await served.openPage();
    await page.getByRole('button', { name: 'Studies' }).click();
    const vanishing = page.getByTestId('study-vanishing-gradients');
    await vanishing.waitFor();
    expect(await vanishing.textContent()).toContain('Le, N. Jaitly, G. E. Hinton (2015)');
    expect(await page.getByLabel('Budget for Attention as sequences grow').locator('option').allTextContents()).toEqual(['quick — 4 runs', 'full — 6 runs']);

    const started = await call<{ id: number }>(page, served.app().token, 'studies.run', { definition: tinyStudy, budget: 'quick' });
    const row = page.getByTestId('studies-table').locator('tr').filter({ hasText: 'Tiny study' });
    await row.waitFor();
    await row.getByRole('button', { name: 'Open' }).click();
    const verdict = page.getByTestId('study-verdict');
    await expect.poll(() => verdict.textContent(), { timeout: 60_000 }).toContain('Verdict: reproduced.');
    expect(await page.getByTestId('study-detail').locator('h2').textContent()).toBe(`Study ${started.id}: Tiny study (quick)`);
    expect(await row.textContent()).toContain('4 / 4');
    await expect
      .poll(() => page.getByTestId('study-runs').locator('tbody tr').allTextContents())
      .toEqual([
        expect.stringMatching(/cell=tanh1completed(yes|no)/),
        expect.stringMatching(/cell=tanh2completed(yes|no)/),
        expect.stringMatching(/cell=GRU1completed(yes|no)/),
        expect.stringMatching(/cell=GRU2completed(yes|no)/),
      ]);
    // The figure is drawn (an ECharts canvas).
    expect(await page.getByTestId('study-figure-ratio').locator('canvas').count()).toBeGreaterThan(0);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download report (HTML)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`study-${started.id}-tiny-quick.html`);
    const html = readFileSync((await file.path()) as string, 'utf8');
    expect(html).toContain('<svg ');
    expect(html).toContain('Verdict: reproduced.');
    expect(html).not.toMatch(/https?:/);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('starts a built-in study with the Run button; stopped, it stays inconclusive and says why', async () => {
    const { page, pageErrors } = await served.openPage();
    await page.getByRole('button', { name: 'Studies' }).click();
    const card = page.getByTestId('study-attention-length');
    await card.getByRole('button', { name: 'Run' }).click();
    const detail = page.getByTestId('study-detail');
    await expect.poll(() => detail.locator('h2').textContent(), { timeout: 60_000 }).toMatch(/^Study \d+: Attention as sequences grow \(quick\)$/);
    const study = await call<{ studies: { id: number; title: string; sweepId: number }[] }>(page, served.app().token, 'studies.list', {});
    const started = study.studies.find((s) => s.title === 'Attention as sequences grow');
    if (!started) throw new Error('the study was not stored');
    await call(page, served.app().token, 'sweeps.stop', { id: started.sweepId });
    await expect
      .poll(() => page.getByTestId('study-runs').locator('tbody tr').allTextContents(), { timeout: 60_000 })
      .toEqual(Array.from({ length: 4 }, () => expect.stringContaining('stopped')));
    expect(await page.getByTestId('study-verdict').textContent()).toMatch(/Verdict: inconclusive\. 4 of 4 runs have not finished/);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
