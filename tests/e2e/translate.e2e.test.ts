// An encoder–decoder from training to translation in the browser: a small reverser with attention trained from
// the New run form, exported to ONNX from the Models view (two graphs, parity passed), then run in the
// playground on a source string, with its output, whether it finished, and its attention map; sampled with a
// seed, and by beam search with the hypotheses it kept.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ModelExport, Translation } from '../../core/common/api/entities';
import { fillSmallReverserRun, openNewRunForm, useServedApp } from './serve-fixture';

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

const served = useServedApp();

describe('Translation playground in the browser', () => {
  it('trains a reverser, exports it, and translates a string with its attention map', async () => {
    const { page, pageErrors } = await served.openPage();
    await openNewRunForm(page, 'Reverser playground');
    await fillSmallReverserRun(page);
    await page.getByRole('button', { name: 'Start run' }).click();
    const row = page.getByTestId('run-row');
    await expect.poll(() => row.textContent(), { timeout: 60_000 }).toContain('completed');

    await page.getByRole('button', { name: 'Models', exact: true }).click();
    await page.getByTestId('exportable-run').getByRole('button', { name: 'Export to ONNX (latest)' }).click();
    const card = page.getByTestId('export-card');
    const parity = card.getByTestId('parity-table');
    await parity.waitFor({ timeout: 60_000 });
    expect(await parity.locator('caption').textContent()).toMatch(/pass\s+at \|Δ\| ≤ 1e-5 \+ 1e-4·\|SeqLab\| per element/);
    expect(await card.textContent()).toContain('Decoder step');

    await card.getByRole('button', { name: 'Playground' }).click();
    const playground = page.getByTestId('translate-playground');
    await playground.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('text-playground').count()).toBe(0);
    // the source vocabulary comes from models.describe: the task's letters a…j
    await expect
      .poll(() => playground.getByTestId('source-vocabulary').textContent(), { timeout: 60_000 })
      .toBe('Source vocabulary (10 characters): a b c d e f g h i j');
    expect(await playground.textContent()).toContain('GRU encoder, 1 layer × 12 · task reverse-string');

    await playground.getByLabel('Source').fill('abcde');
    await playground.getByLabel('Max length').fill('12');
    await playground.getByRole('button', { name: 'Translate' }).click();
    const result = playground.getByRole('region', { name: 'Translation' });
    await result.waitFor({ timeout: 60_000 });
    // 40 steps do not make a perfect reverser: check the output's form, not its letters
    const status = await result.getByTestId('translation-status').textContent();
    expect(status).toMatch(/^(Finished: wrote <eos> after \d+ tokens?|Not finished: reached the maximum length \(12 tokens\) before <eos>)$/);
    expect(await result.getByTestId('translation-output').textContent()).toMatch(/^[a-j]*$/);
    await expect.poll(() => result.locator('canvas').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
    expect(await playground.getByRole('alert').count()).toBe(0);

    // sampling: its fields appear, and a seed makes the output reproducible
    await playground.getByLabel('Sample').check();
    await playground.getByLabel('Temperature').fill('1.5');
    await playground.getByLabel('Seed').fill('3');
    const translate = async () => {
      const button = playground.getByRole('button', { name: 'Translate' });
      await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/call/models.translate')), button.click()]);
      // disabled while translating; enabled again in the same render that shows the new output
      await expect.poll(() => button.isEnabled()).toBe(true);
    };
    const output = () => result.getByTestId('translation-output').textContent();
    await translate();
    const sampled = await output();
    await translate();
    expect(await output()).toBe(sampled);

    // beam search: a width, then the hypotheses kept, best first, the first being the output shown
    await playground.getByLabel('Source').fill('abcde');
    await playground.getByLabel('Beam search').check();
    expect(await playground.getByLabel('Temperature').count()).toBe(0);
    await playground.getByLabel('Beam width').fill('3');
    await translate();
    const hypotheses = result.getByTestId('beam-hypotheses').locator('tbody tr');
    const rows = await hypotheses.count();
    expect(rows).toBeGreaterThanOrEqual(1);
    expect(rows).toBeLessThanOrEqual(3);
    expect(await hypotheses.first().locator('td').nth(1).textContent()).toBe(await output());
    // the n-best list shown is the library's beam search (models.translate runs it; tests/core/node/models/seq2seq
    // checks that against beamSearch): the same hypotheses, in order, with the same scores and log p
    const [exported] = await call<ModelExport[]>(page, served.app().token, 'models.list', {});
    const beam = await call<Translation>(page, served.app().token, 'models.translate', { exportId: exported?.id, source: 'abcde', maxLength: 12, beam: 3 });
    const shown = await hypotheses.evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll('td'), (cell) => cell.textContent)));
    expect(shown).toEqual((beam.beams ?? []).map((h, i) => [String(i + 1), h.text, h.score.toFixed(3), h.logProb.toFixed(3), expect.any(String)]));
    expect(shown.length).toBe(beam.beams?.length);

    // a refusal from the backend is shown in the playground as a readable alert, in place of the output
    await playground.getByLabel('Source').fill('a'.repeat(100_001));
    await translate();
    const alert = playground.getByRole('alert');
    expect(await alert.textContent()).toMatch(/^source: .*100000/);
    expect(await result.count()).toBe(0);

    // the gate layout of an encoder–decoder: its encoder stack and its decoder cell, named as in the step graph
    await card.getByRole('button', { name: 'Gate layout' }).click();
    const gates = page.getByTestId('gate-layout');
    await gates.waitFor({ timeout: 60_000 });
    expect(await gates.getByTestId('gate-stack-encoder').locator('h3').textContent()).toBe('Encoder · GRU · 1 layer × H = 12 · in the encoder graph');
    const decoderCell = gates.getByTestId('gate-stack-decoder');
    expect(await decoderCell.locator('h3').textContent()).toMatch(/^Decoder cell · GRU · H = 12 · reads \d+ · in the decoder-step graph$/);
    expect(await decoderCell.getByTestId('gate-layer-decoder-0:0').locator('code').first().textContent()).toBe('decoder.cell.weight_ih');

    expect(pageErrors).toEqual([]);
    await page.close();
  }, 300_000);
});
