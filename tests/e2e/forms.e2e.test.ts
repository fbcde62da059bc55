// Designing runs and sweeps without JSON (#13): problems shown at their field with the allowed range (the browser's
// own check and the backend's), a preset that stays chosen across the JSON editor, the sweep builder's live trial
// count and the sweep it starts, and both forms laid out without a clipped control at 1024×700 and 1280×800.
// Each test may take up to 3 minutes: the machine is shared and loaded (a hang still fails it).
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useServedApp } from './serve-fixture';

const served = useServedApp();

/** Creates an experiment and gives its item (the app shows the New experiment form at once while there are none). */
async function createExperiment(page: Page, name: string): Promise<Locator> {
  const create = page.getByRole('button', { name: 'Create experiment' });
  await expect.poll(async () => (await page.getByTestId('experiment-item').count()) + (await create.count())).toBeGreaterThan(0);
  if ((await create.count()) === 0) await page.getByRole('button', { name: 'New experiment' }).click();
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create experiment' }).click();
  const item = page.getByTestId('experiment-item').filter({ hasText: name });
  await item.waitFor();
  return item;
}

/** The problem shown at the field with this spec path ('' when none). */
const problemAt = (page: Page, path: string) => page.locator(`[data-testid="field-problem"][data-field="${path}"]`);

/**
 * What is clipped in `selector` at the page's size: the form wider than its box, and every visible control whose box
 * leaves the viewport horizontally or a box of an ancestor that clips its overflow. Empty when nothing is.
 */
async function clippedControls(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((formSelector) => {
    const form = document.querySelector(formSelector);
    if (!(form instanceof HTMLElement)) return [`${formSelector} is not on the page`];
    const found: string[] = [];
    if (form.scrollWidth > form.clientWidth) found.push(`${formSelector}: scrollWidth ${form.scrollWidth} > clientWidth ${form.clientWidth}`);
    const page = document.scrollingElement;
    if (page && page.scrollWidth > page.clientWidth) found.push(`page: scrollWidth ${page.scrollWidth} > clientWidth ${page.clientWidth}`);
    const name = (el: Element) => `${el.tagName.toLowerCase()}[name=${el.getAttribute('name') ?? ''}] "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    for (const control of Array.from(form.querySelectorAll('input, select, textarea, button'))) {
      const box = control.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not shown (a folded section)
      if (box.left < 0 || box.right > window.innerWidth + 0.5)
        found.push(`${name(control)} leaves the viewport: ${box.left}–${box.right} of ${window.innerWidth}`);
      for (let parent = control.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        const style = getComputedStyle(parent);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const outer = parent.getBoundingClientRect();
        if (box.left < outer.left - 0.5 || box.right > outer.right + 0.5)
          found.push(`${name(control)} is clipped by ${parent.tagName.toLowerCase()}.${parent.className}`);
      }
    }
    return found;
  }, selector);
}

describe('the New run form', () => {
  it('shows a problem at its field with the allowed range, from the browser and from the backend, and a preset survives the JSON editor', async () => {
    const { page, pageErrors } = await served.openPage();
    const experiment = await createExperiment(page, 'Field problems');
    await experiment.getByRole('button', { name: 'New run' }).click();
    // focus moves into the opened form
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('form')?.getAttribute('aria-label'))).toBe('New run');

    // the browser's check: a learning rate beyond the schema's range, at the Learning rate field with its range
    await page.getByLabel('Learning rate').fill('20');
    const learningRate = problemAt(page, 'training.learningRate');
    await expect.poll(() => learningRate.textContent()).toContain('learningRate must be at most 10');
    expect(await learningRate.textContent()).toContain('Allowed: a number in (0, 10].');
    await page.getByLabel('Learning rate').fill('0.01');
    await expect.poll(() => learningRate.count()).toBe(0);

    // a task parameter, laid out from the task's declaration, checked by it
    await page.getByLabel('Sequence length T').fill('1');
    await expect.poll(() => problemAt(page, 'task.params.length').textContent()).toMatch(/length must be an integer in \[\d+, \d+\]; got 1/);
    await page.getByLabel('Sequence length T').fill('8');
    await expect.poll(() => problemAt(page, 'task.params.length').count()).toBe(0);

    // only the backend knows the machine: more threads than it runs at once, placed at the Threads field
    await page.getByLabel('Threads').fill('64');
    await expect
      .poll(() => problemAt(page, 'training.threads').textContent(), { timeout: 60_000 })
      .toMatch(/training\.threads is 64, but this machine runs \d+ threads? at once/);
    expect(await page.getByTestId('check-issues').count()).toBe(0);
    await page.getByLabel('Threads').fill('1');

    // every field is on the form; IRNN is its own choice and gives the identity initialisation
    await page.locator('select[name="cell"]').selectOption('irnn');
    await page.getByLabel('Dropout').fill('0.1');
    await page.getByLabel('LR schedule').selectOption('cosine');
    await page.getByLabel('Title of the run').fill('an IRNN');
    await page.getByRole('checkbox', { name: 'Edit the spec as JSON' }).check();
    const editor = page.getByLabel('Spec JSON');
    expect(JSON.parse(await editor.inputValue())).toMatchObject({
      name: 'an IRNN',
      task: { id: 'adding-problem', params: { length: 8 } },
      model: { cell: 'rnn_relu', init: { recurrent: 'identity' }, dropout: 0.1 },
      training: { learningRate: 0.01, schedule: { kind: 'cosine' } },
    });

    // a preset stays chosen when the JSON editor is turned off and on, and the form shows the preset
    const preset = page.locator('select[name="preset"]');
    await preset.selectOption('reverse-attention');
    await expect.poll(async () => JSON.parse(await editor.inputValue()).model?.kind).toBe('seq2seq');
    const presetSpec = JSON.parse(await editor.inputValue());
    await page.getByRole('checkbox', { name: 'Edit the spec as JSON' }).uncheck();
    expect(await preset.inputValue()).toBe('reverse-attention');
    expect(await page.getByLabel('Task').inputValue()).toBe(presetSpec.task.id);
    expect(await page.getByLabel('Hidden size', { exact: true }).inputValue()).toBe(String(presetSpec.model.hiddenSize));
    await page.getByRole('checkbox', { name: 'Edit the spec as JSON' }).check();
    expect(await preset.inputValue()).toBe('reverse-attention');
    expect(JSON.parse(await editor.inputValue())).toMatchObject({ task: presetSpec.task, model: { kind: 'seq2seq', hiddenSize: presetSpec.model.hiddenSize } });
    // the round trip through the form changed nothing; an edit is said to be one
    expect(await page.getByTestId('preset-edited').count()).toBe(0);
    await page.getByRole('checkbox', { name: 'Edit the spec as JSON' }).uncheck();
    await page.getByLabel('Hidden size', { exact: true }).fill(String(presetSpec.model.hiddenSize + 1));
    await expect.poll(() => page.getByTestId('preset-edited').count()).toBe(1);
    expect(await preset.inputValue()).toBe('reverse-attention');

    // a loaded file shows in the preset selector by its name
    await page
      .locator('input[name="spec-file"]')
      .setInputFiles({ name: 'mine.spec.json', mimeType: 'application/json', buffer: Buffer.from('{ "task": { "id": "parity" } }') });
    await expect.poll(() => preset.locator('option:checked').textContent()).toBe('From the file mine.spec.json');
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 180_000);
});

describe('the New sweep form', () => {
  it('counts the trials as the builder changes, keeps the JSON beside it in step, and starts the sweep it shows', async () => {
    const { page, pageErrors } = await served.openPage();
    const experiment = await createExperiment(page, 'Sweep builder');
    await experiment.getByRole('button', { name: 'New sweep' }).click();
    const count = page.getByTestId('sweep-trial-count');
    const json = page.getByLabel('Sweep JSON');
    await expect.poll(() => count.textContent()).toBe('4 trials');

    // a small base from the JSON: the builder follows it
    const base = {
      task: { id: 'adding-problem', params: { length: 5 } },
      model: { cell: 'gru', hiddenSize: 4 },
      training: { steps: 10, batchSize: 4, evalEvery: 5, evalBatches: 1, checkpointEvery: 5, gradNormsEvery: 0 },
    };
    await json.fill(JSON.stringify({ name: 'built', base, grid: { 'model.hiddenSize': [3, 4] }, concurrency: 2 }, null, 2));
    await expect.poll(() => count.textContent()).toBe('2 trials');
    expect(await page.getByTestId('sweep-axis').count()).toBe(1);

    // JSON that does not parse is refused at its line and column
    await json.fill('{\n  "base": {},\n  }');
    await expect.poll(() => page.getByTestId('sweep-json-problem').textContent()).toMatch(/at line 3, column 3/);
    await json.fill(JSON.stringify({ name: 'built', base, grid: { 'model.hiddenSize': [3, 4] }, concurrency: 2 }, null, 2));
    await expect.poll(() => page.getByTestId('sweep-json-problem').count()).toBe(0);

    // the builder: a log range of 3 learning rates over the 2 widths is 6 trials, written into the JSON
    await page.locator('select[name="add-field"]').selectOption('training.learningRate');
    await page.getByRole('button', { name: 'Vary this field' }).click();
    await page.locator('select[name="mode-1"]').selectOption('range');
    await page.locator('input[name="min-1"]').fill('0.001');
    await page.locator('input[name="max-1"]').fill('0.1');
    await page.locator('input[name="count-1"]').fill('3');
    await page.locator('select[name="scale-1"]').selectOption('log');
    await expect.poll(() => count.textContent()).toBe('6 trials');
    expect(JSON.parse(await json.inputValue()).grid).toEqual({ 'model.hiddenSize': [3, 4], 'training.learningRate': [0.001, 0.01, 0.1] });

    // random search: the trial count is the trials drawn
    await page.locator('select[name="strategy"]').selectOption('random');
    await page.locator('input[name="trials"]').fill('3');
    await expect.poll(() => count.textContent()).toBe('3 trials');
    expect(JSON.parse(await json.inputValue()).random).toMatchObject({ trials: 3, fields: { 'training.learningRate': { min: 0.001, max: 0.1, log: true } } });
    await page.locator('select[name="strategy"]').selectOption('grid');
    await expect.poll(() => count.textContent()).toBe('6 trials');

    await page.getByRole('button', { name: 'Start sweep' }).click();
    const sweep = page.getByTestId('sweep-item').filter({ hasText: 'built' });
    await sweep.waitFor();
    expect(await sweep.textContent()).toContain('grid over model.hiddenSize, training.learningRate · 6 trials');
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 180_000);
});

describe('the forms at a small window', () => {
  for (const [width, height] of [
    [1024, 700],
    [1280, 800],
  ] as const) {
    it(`lays out the New run and New sweep forms at ${width}×${height} with no clipped control, and Esc closes them`, async () => {
      const { page, pageErrors } = await served.openPage();
      await page.setViewportSize({ width, height });
      const experiment = await createExperiment(page, `Layout ${width}`);
      await experiment.getByRole('button', { name: 'New run' }).click();
      const runForm = 'form[aria-label="New run"]';
      await page.locator(runForm).waitFor();
      await page.locator(`${runForm} details`).evaluate((details) => details.setAttribute('open', ''));
      expect(await clippedControls(page, runForm)).toEqual([]);
      // an encoder–decoder has other fields
      await page.getByLabel('Task').selectOption('reverse-string');
      expect(await clippedControls(page, runForm)).toEqual([]);
      await page.getByLabel('Learning rate').press('Escape');
      await expect.poll(() => page.locator(runForm).count()).toBe(0);

      await experiment.getByRole('button', { name: 'New sweep' }).click();
      const sweepForm = 'form[aria-label="New sweep"]';
      await page.locator(sweepForm).waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.closest('form')?.getAttribute('aria-label'))).toBe('New sweep');
      expect(await clippedControls(page, sweepForm)).toEqual([]);
      await page.locator('select[name="mode-0"]').selectOption('range');
      expect(await clippedControls(page, sweepForm)).toEqual([]);
      await page.locator('select[name="mode-0"]').press('Escape');
      await expect.poll(() => page.locator(sweepForm).count()).toBe(0);
      expect(pageErrors).toEqual([]);
      await page.close();
    }, 180_000);
  }
});
