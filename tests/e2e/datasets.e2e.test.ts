// Importing data from the browser: a CSV on this machine, previewed and imported from the Data view, then listed,
// with what was read and why (the kind detected, the columns chosen); a bad file's error shows under the Import
// button with its line and column, and a bad cell of a numeric column in the preview's problems.
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

const csv = (rows: number): string =>
  'hour,temperature\n' + Array.from({ length: rows }, (_, t) => `${t},${(12 + 4 * Math.sin(t / 6)).toFixed(2)}`).join('\n') + '\n';

describe('Data in the browser', () => {
  it("previews and imports a CSV from its path, lists it, and shows a bad file's error at its line", async () => {
    const good = join(dir, 'temperatures.csv');
    const bad = join(dir, 'broken.csv');
    const cell = join(dir, 'one-bad-cell.csv');
    writeFileSync(good, csv(600));
    writeFileSync(bad, csv(200).replace('\n5,', '\n5,warm,'));
    writeFileSync(cell, csv(300).replace(/\n157,[^\n]*/, '\n157,abc'));
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Data' }).click();

    const form = page.getByRole('form', { name: 'Import data' });
    await form.getByLabel('File path').fill(bad);
    await form.getByRole('button', { name: 'Import' }).click();
    await expect
      .poll(() => page.getByTestId('import-error').textContent(), { timeout: 60_000 })
      .toMatch(/broken\.csv, line 7, column \d+: this row has 3 fields/);
    expect(await page.getByTestId('dataset-row').count()).toBe(0);

    // a numeric column with one text cell stays numeric, and the cell is a problem at its line
    await form.getByLabel('File path').fill(cell);
    await form.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('region', { name: 'Preview' });
    await expect
      .poll(() => page.getByTestId('preview-problems').textContent(), { timeout: 60_000 })
      .toContain('line 159, column 5: the cell "abc" in column "temperature" is not a number');

    await form.getByLabel('File path').fill(good);
    await form.getByRole('button', { name: 'Preview' }).click();
    await expect
      .poll(() => preview.locator('th').allTextContents(), { timeout: 60_000 })
      .toEqual(['hour integer left out', 'temperature number input and target']);
    expect(await preview.textContent()).toContain('(the whole file)');
    expect(await page.getByTestId('preview-kind').textContent()).toContain('series — detected: column "temperature" holds numbers');
    expect(await page.getByTestId('preview-columns').textContent()).toContain('its whole numbers only increase');

    await form.getByLabel('Dataset name').fill('Temperatures');
    await form.getByRole('button', { name: 'Import' }).click();
    const row = page.getByTestId('dataset-row');
    await expect.poll(() => row.textContent(), { timeout: 60_000 }).toContain('Temperatures');
    expect(await row.textContent()).toContain('600 rows');
    const report = await page.getByTestId('import-report').textContent();
    expect(report).toContain('kind: series — detected: column "temperature" holds numbers');
    expect(report).toContain('inputs: temperature → target: temperature');
    expect(report).toContain('windows of up to 59 rows fit every split');
    expect(await page.getByTestId('import-error').count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
