// Importing data from the browser: a CSV on this machine, previewed and imported from the Data view, then listed;
// a bad file's error shows under the Import button with its line and column.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, startServedApp, type ServedApp } from './serve-fixture';

let app: ServedApp;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'seqlab-e2e-data-'));
  app = await startServedApp();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const csv = (rows: number): string => 'hour,temperature\n' + Array.from({ length: rows }, (_, t) => `${t},${(12 + 4 * Math.sin(t / 6)).toFixed(2)}`).join('\n') + '\n';

describe('Data in the browser', () => {
  it('previews and imports a CSV from its path, lists it, and shows a bad file\'s error at its line', async () => {
    const good = join(dir, 'temperatures.csv');
    const bad = join(dir, 'broken.csv');
    writeFileSync(good, csv(600));
    writeFileSync(bad, csv(200).replace('\n5,', '\n5,warm,'));
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Data' }).click();

    const form = page.getByRole('form', { name: 'Import data' });
    await form.getByLabel('File path').fill(bad);
    await form.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.getByTestId('import-error').textContent(), { timeout: 10_000 }).toMatch(/broken\.csv, line 7, column \d+: this row has 3 fields/);
    expect(await page.getByTestId('dataset-row').count()).toBe(0);

    await form.getByLabel('File path').fill(good);
    await form.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('region', { name: 'Preview' });
    await expect.poll(() => preview.locator('th').allTextContents(), { timeout: 10_000 }).toEqual(['hour integer', 'temperature number']);
    expect(await preview.textContent()).toContain('(the whole file)');

    await form.getByLabel('Dataset name').fill('Temperatures');
    await form.getByRole('button', { name: 'Import' }).click();
    const row = page.getByTestId('dataset-row');
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('Temperatures');
    expect(await row.textContent()).toContain('600 rows');
    expect(await page.getByTestId('import-error').count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
