// Specs in and out of the New run form: a preset fills the JSON editor with that preset, a spec file loads
// into it, a file that is not JSON is refused by name, and the loaded spec starts a run with exactly its fields.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openNewRunForm, useServedApp } from './serve-fixture';

const served = useServedApp();

describe('Spec files and presets in the browser', () => {
  it('fills the editor from a preset or a file, refuses a file that is not JSON, and starts the loaded spec', async () => {
    const { page, pageErrors } = await served.openPage();
    await openNewRunForm(page, 'Specs in and out');

    await page.locator('select[name="preset"]').selectOption('reverse-attention');
    const editor = page.getByLabel('Spec JSON');
    await expect.poll(async () => JSON.parse(await editor.inputValue()).model?.kind).toBe('seq2seq');
    expect(JSON.parse(await editor.inputValue()).name).toContain('attention');

    const file = page.locator('input[name="spec-file"]');
    await file.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{ "task": ') });
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('broken.json is not JSON');

    const spec = {
      name: 'from a file',
      seed: 4,
      task: { id: 'adding-problem', params: { length: 6 } },
      model: { cell: 'rnn_tanh', hiddenSize: 3 },
      training: { steps: 10, batchSize: 4, evalEvery: 5, evalBatches: 1 },
    };
    await file.setInputFiles({ name: 'mine.spec.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(spec, null, 2)) });
    await expect.poll(async () => JSON.parse(await editor.inputValue()).name).toBe('from a file');
    await page.getByRole('button', { name: 'Start run' }).click();
    const row = page.getByTestId('run-row');
    await expect.poll(() => row.textContent(), { timeout: 60_000 }).toContain('completed');
    const db = new Database(served.app().databasePath, { readonly: true });
    const stored = JSON.parse((db.prepare('SELECT spec FROM runs').get() as { spec: string }).spec);
    db.close();
    expect(stored).toMatchObject(spec);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
