// Addresses in the browser: every section and an open run have an address; reload keeps the place and back/forward
// move between places.
import { describe, expect, it } from 'vitest';
import { useServedApp } from './serve-fixture';

const served = useServedApp();

describe('Routing in the browser', () => {
  it('gives a run an address that survives a reload, and back/forward move between places', async () => {
    const { page, pageErrors } = await served.openPage();
    await page.getByLabel('Name').fill('Addresses');
    await page.getByRole('button', { name: 'Create experiment' }).click();
    await page.getByRole('button', { name: 'New run' }).click();
    await page.getByLabel('Hidden size').fill('4');
    await page.getByLabel('Steps').fill('5');
    await page.getByLabel('Batch size').fill('4');
    await page.getByRole('button', { name: 'Start run' }).click();
    const row = page.getByTestId('run-row');
    await expect.poll(() => row.textContent(), { timeout: 45_000 }).toContain('completed');

    await row.click();
    const detail = page.getByRole('region', { name: 'Run detail' });
    await detail.waitFor();
    await expect.poll(() => new URL(page.url()).hash).toMatch(/^#\/runs\/\d+$/);
    const runAddress = page.url();

    await page.reload();
    await detail.waitFor();
    expect(page.url()).toBe(runAddress);

    await page.getByRole('button', { name: 'Studies' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/studies');
    expect(await page.getByRole('button', { name: 'Studies' }).getAttribute('aria-current')).toBe('page');
    await page.goBack();
    await expect.poll(() => page.url()).toBe(runAddress);
    await detail.waitFor();
    await page.goForward();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/studies');

    // An address that names nothing opens the experiments, not an empty page.
    await page.goto(`${served.app().origin}/#/no/such/place`);
    await expect.poll(() => new URL(page.url()).hash).toBe('#/experiments');
    await page.getByRole('heading', { name: 'Experiments' }).waitFor();
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
