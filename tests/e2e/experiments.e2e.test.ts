// The app in a real browser against a real server and SQLite file: empty state, create, reload, still there.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { useServedApp } from './serve-fixture';

const served = useServedApp();

describe('Experiments in the browser', () => {
  it('shows the empty state, creates an experiment through the UI, and lists it after a reload', async () => {
    const { page, pageErrors } = await served.openPage();

    await expect.poll(() => page.getByTestId('empty-state').textContent()).toContain('No experiments yet');
    // The token left the address bar once read.
    expect(page.url()).not.toContain('token=');

    await page.getByLabel('Name').fill('Adding problem: IRNN vs LSTM');
    await page.getByLabel('Notes').fill('Does the identity init help at T = 200?');
    await page.getByRole('button', { name: 'Create experiment' }).click();
    await page.getByTestId('experiment-item').first().waitFor();

    await page.reload();
    const items = page.getByTestId('experiment-item');
    await items.first().waitFor();
    expect(await items.count()).toBe(1);
    expect(await items.first().textContent()).toContain('Adding problem: IRNN vs LSTM');
    expect(await page.getByTestId('empty-state').count()).toBe(0);

    // It really went through the server into SQLite.
    const db = new Database(served.app().databasePath, { readonly: true });
    const rows = db.prepare('SELECT name, notes FROM experiments').all();
    db.close();
    expect(rows).toEqual([{ name: 'Adding problem: IRNN vs LSTM', notes: 'Does the identity init help at T = 200?' }]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('shows the backend error next to the form when the name is taken', async () => {
    const page = await served.browser().newPage();
    await page.goto(served.app().url);
    await page.getByTestId('experiment-item').first().waitFor();
    await page.getByRole('button', { name: 'New experiment' }).click();
    await page.getByLabel('Name').fill('adding problem: irnn vs lstm');
    await page.getByRole('button', { name: 'Create experiment' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())?.toLowerCase()).toContain('name');
    await page.close();
  });

  it('explains what to do when opened without the access token', async () => {
    const context = await served.browser().newContext();
    const page = await context.newPage();
    await page.goto(`${served.app().origin}/`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('npm run serve');
    await context.close();
  });

  it('switches between light and dark themes and keeps the choice', async () => {
    const page = await served.browser().newPage();
    await page.goto(served.app().url);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Theme').selectOption('dark');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.getByLabel('Theme').selectOption('light');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await page.close();
  });
});
