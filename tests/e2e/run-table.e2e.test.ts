// The runs table in the browser: a tiny run's summary columns, rename and tags, search, sort, clone (New run opens with
// the run's spec), delete with a confirmation and an undo; an experiment renamed, described, archived and deleted.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openNewRunForm, useServedApp } from './serve-fixture';

const served = useServedApp();

const tiny = {
  seed: 3,
  task: { id: 'adding-problem', params: { length: 6 } },
  model: { cell: 'gru', hiddenSize: 4 },
  training: { steps: 5, batchSize: 4, evalEvery: 5, evalBatches: 1, checkpointEvery: 5, gradNormsEvery: 0 },
};

describe('Runs table in the browser', () => {
  it('shows results, renames and tags, searches, sorts, and clones into New run', async () => {
    const { page, pageErrors } = await served.openPage();
    await openNewRunForm(page, 'Table');
    await page.getByRole('checkbox', { name: 'Edit the spec as JSON' }).check();
    await page.getByLabel('Spec JSON').fill(JSON.stringify(tiny));
    await page.getByRole('button', { name: 'Start run' }).click();
    const row = page.getByTestId('run-row');
    await expect.poll(() => row.textContent(), { timeout: 60_000 }).toContain('completed');
    // final / best validation loss (the last step evaluates) and the adding problem's baseline beside it
    await expect.poll(() => row.getByTestId('run-val-loss').textContent(), { timeout: 60_000 }).toMatch(/^\d\.\d+ \/ \d\.\d+$/);
    expect(await row.getByTestId('run-beaten').textContent()).toMatch(/(beaten|not beaten) \(\d\.\d+, lower is better\)/);

    await row.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Run name').fill('first try');
    await page.getByLabel('Tags').fill('baseline, tiny');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => row.getByTestId('run-tags').textContent()).toBe('baselinetiny');
    expect(await row.getByRole('button', { name: 'first try' }).count()).toBe(1);

    const search = page.getByLabel('Search runs');
    await search.fill('no run is called this');
    await expect.poll(() => row.count()).toBe(0);
    expect(await page.getByTestId('runs-hidden').textContent()).toContain('1 run hidden');
    await search.fill('TINY');
    await expect.poll(() => row.count()).toBe(1);
    await search.fill('');

    // Clone: New run opens with the run's spec (as stored, resolved) under a copy's name, ready to start.
    await row.getByRole('button', { name: 'Clone' }).click();
    const json = page.getByLabel('Spec JSON');
    await json.waitFor();
    const cloned = JSON.parse(await json.inputValue());
    expect(cloned).toMatchObject({
      name: 'first try (copy)',
      seed: 3,
      task: { id: 'adding-problem', params: { length: 6 } },
      model: { cell: 'gru', hiddenSize: 4 },
    });
    expect(cloned.training).toMatchObject({ steps: 5, batchSize: 4 });
    expect(await page.getByTestId('cloned-from').textContent()).toContain('run 1');
    await page.getByRole('button', { name: 'Start run' }).click();
    // the spec is resolved in the spec worker before the run exists: slow on a loaded machine
    await expect.poll(() => row.count(), { timeout: 60_000 }).toBe(2);
    const copy = row.filter({ hasText: 'first try (copy)' });
    await expect.poll(() => copy.textContent(), { timeout: 60_000 }).toContain('completed');

    // Sorting by name puts the original before its copy (the default, newest first, has the copy on top).
    expect(await row.first().textContent()).toContain('first try (copy)');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    expect(await page.getByRole('columnheader', { name: /^Run/ }).getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(() => row.first().textContent()).not.toContain('(copy)');

    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('deletes a run after a confirmation, hides it at once, and Undo brings it back with its results', async () => {
    const { page, pageErrors } = await served.openPage();
    const row = page.getByTestId('run-row');
    await expect.poll(() => row.count()).toBe(2);
    // Delete asks first, then hides the run at once; Undo brings it back with its results.
    const original = row.filter({ has: page.getByRole('button', { name: 'first try', exact: true }) });
    await original.getByRole('button', { name: 'Delete' }).click();
    await original.getByRole('button', { name: 'Confirm deleting first try' }).click();
    await expect.poll(() => row.count()).toBe(1);
    const deleted = page.getByRole('list', { name: 'Deleted runs' });
    expect(await deleted.textContent()).toContain('Deleted “first try”.');
    const db = new Database(served.app().databasePath, { readonly: true });
    expect(db.prepare('SELECT id, deleted_at IS NOT NULL AS deleted FROM runs ORDER BY id').all()).toEqual([
      { id: 1, deleted: 1 },
      { id: 2, deleted: 0 },
    ]);
    await deleted.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => row.count()).toBe(2);
    expect(await deleted.count()).toBe(0);
    expect(db.prepare('SELECT count(*) AS n FROM runs WHERE deleted_at IS NULL').get()).toEqual({ n: 2 });
    db.close();
    await expect.poll(() => original.getByTestId('run-val-loss').textContent()).toMatch(/^\d\.\d+ \/ \d\.\d+$/);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('renames, describes, archives and deletes an experiment', async () => {
    const { page, pageErrors } = await served.openPage();
    await page.getByRole('button', { name: 'New experiment' }).click();
    await page.getByLabel('Name').fill('Scratch');
    await page.getByRole('button', { name: 'Create experiment' }).click();
    const item = page.getByTestId('experiment-item').filter({ has: page.getByRole('button', { name: /^Scratch/ }) });
    await item.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByLabel('Experiment name').fill('Scratch pad');
    await page.getByLabel('Description').fill('tries that did not work out');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => item.textContent()).toContain('tries that did not work out');
    expect(await item.getByRole('button', { name: 'Scratch pad' }).count()).toBe(1);

    // Archived: hidden from the list until asked for, then shown marked.
    await item.getByRole('button', { name: 'Archive' }).click();
    await expect.poll(() => item.count()).toBe(0);
    await page.getByLabel('Show archived experiments').check();
    await expect.poll(() => item.getByTestId('archived-badge').count()).toBe(1);

    // Delete names what goes and asks first; it is a cascade with no undo.
    await item.getByRole('button', { name: 'Delete', exact: true }).click();
    expect(await item.getByRole('alert').textContent()).toContain('Delete “Scratch pad” and its 0 runs');
    await item.getByRole('button', { name: 'Delete experiment' }).click();
    await expect.poll(() => item.count()).toBe(0);
    const db = new Database(served.app().databasePath, { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM experiments WHERE name LIKE 'Scratch%'").get()).toEqual({ n: 0 });
    db.close();
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
