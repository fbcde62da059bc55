// `seqlab show RUN --metrics --csv|--json` and `--grad-norms --json` against what the store holds, and the numbers a
// study reads in `show`: perplexity and bits per character of a character language model, a seq2seq run's accuracy
// by source length, the baseline beside each run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricHistory, RunResults, RunSummary } from '../../../../core/common/api/entities';
import { openStore, type Store } from '../../../../core/node/store/store';
import { createCliFixture, tinySpec, type CliFixture } from './cli-fixture';

let fx: CliFixture;
let adding: RunSummary;
let charLm: RunSummary;
let reverse: RunSummary;

const charLmSpec = {
  seed: 4,
  task: { id: 'char-lm', params: { window: 12, corpusLength: 3000 } },
  model: { cell: 'lstm', hiddenSize: 6 },
  training: { steps: 6, batchSize: 4, evalEvery: 3, evalBatches: 1, checkpointEvery: 3, gradNormsEvery: 3 },
};
const reverseSpec = {
  seed: 5,
  task: { id: 'reverse-string', params: { alphabet: 5, minLength: 2, maxLength: 6 } },
  model: { kind: 'seq2seq', cell: 'gru', hiddenSize: 6, embeddingDim: 4, decoder: { hiddenSize: 6 }, attention: { size: 4 } },
  training: { steps: 4, batchSize: 16, evalEvery: 2, evalBatches: 2, checkpointEvery: 2, gradNormsEvery: 2 },
};

beforeAll(async () => {
  fx = createCliFixture();
  const trained = [];
  for (const [name, spec] of [
    ['adding.json', tinySpec(8, { gradNormsEvery: 2 })],
    ['lm.json', charLmSpec],
    ['reverse.json', reverseSpec],
  ] as const) {
    const outcome = await fx.run(['train', fx.writeJson(name, spec), '--json']);
    expect(outcome.code, outcome.stderr).toBe(0);
    trained.push(outcome.json<{ run: RunSummary }>().run);
  }
  [adding, charLm, reverse] = trained as [RunSummary, RunSummary, RunSummary];
  // three real trainings: room for a busy machine
}, 180_000);
afterAll(() => fx.dispose());

/** The store as the CLI left it, read directly. */
function withStore<T>(read: (store: Store) => T): T {
  const store = openStore(fx.databasePath);
  try {
    return read(store);
  } finally {
    store.close();
  }
}

/** Every stored point of the run except ‖∂L/∂h_t‖, ‖∂L/∂c_t‖ and the baseline, as `name@step` → value. */
function storedPoints(runId: number): Map<string, { value: number; wallTime: number }> {
  return withStore((store) => {
    const points = new Map<string, { value: number; wallTime: number }>();
    for (const name of store.metrics.names(runId).filter((n) => !/^grad_[hc]\//.test(n) && !n.startsWith('baseline/'))) {
      const series = store.metrics.series(runId, name);
      series.steps.forEach((step, i) => points.set(`${name}@${step}`, { value: series.values[i] as number, wallTime: series.wallTimes[i] as number }));
    }
    return points;
  });
}

/** RFC 4180 lines without quoted commas (metric names have none). */
function parseCsv(text: string): string[][] {
  expect(text.endsWith('\r\n')).toBe(true);
  return text
    .slice(0, -2)
    .split('\r\n')
    .map((line) => line.split(','));
}

describe('seqlab show --metrics', () => {
  it("--csv holds every stored value of every metric at its step, with the step's wall time, one row per step", async () => {
    const outcome = await fx.run(['show', String(adding.id), '--metrics', '--csv']);
    expect(outcome.code, outcome.stderr).toBe(0);
    const [header, ...rows] = parseCsv(outcome.stdout);
    expect(header?.slice(0, 2)).toEqual(['step', 'wall_time']);
    const names = header!.slice(2);
    expect(names).toEqual(expect.arrayContaining(['train/loss', 'train/lr', 'train/grad_norm', 'val/loss']));
    const points = storedPoints(adding.id);
    const seen = new Map<string, { value: number; wallTime: number }>();
    for (const row of rows) {
      const step = Number(row[0]);
      row.slice(2).forEach((cell, c) => {
        if (cell !== '') seen.set(`${names[c]}@${step}`, { value: Number(cell), wallTime: Date.parse(row[1] as string) });
      });
    }
    // every point, at full resolution (train/loss at each of the 8 steps), each value exactly as stored
    expect([...seen.keys()].sort()).toEqual([...points.keys()].sort());
    for (const [key, point] of points) expect(seen.get(key)?.value, key).toBe(point.value);
    expect(rows.map((r) => Number(r[0]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // the wall time of a step is the latest of its values'
    for (const row of rows) {
      const times = [...points].filter(([key]) => key.endsWith(`@${row[0]}`)).map(([, p]) => p.wallTime);
      expect(Date.parse(row[1] as string)).toBe(Math.max(...times));
    }
  });

  it('--json gives the same table as data', async () => {
    const outcome = await fx.run(['show', String(charLm.id), '--metrics', '--json']);
    expect(outcome.code, outcome.stderr).toBe(0);
    const history = outcome.json<MetricHistory & { run: number }>();
    expect(history.run).toBe(charLm.id);
    const points = storedPoints(charLm.id);
    let count = 0;
    for (const row of history.rows) {
      row.values.forEach((value, c) => {
        if (value === null) return;
        count++;
        expect(value, `${history.names[c]}@${row.step}`).toBe(points.get(`${history.names[c]}@${row.step}`)?.value);
      });
    }
    expect(count).toBe(points.size);
    expect(history.names).toEqual(expect.arrayContaining(['val/perplexity', 'val/bits_per_char']));
  });

  it('refuses flags that do not name one export and format, with exit 2', async () => {
    for (const args of [
      ['--metrics'],
      ['--csv'],
      ['--grad-norms'],
      ['--grad-norms', '--csv'],
      ['--metrics', '--csv', '--json'],
      ['--metrics', '--grad-norms', '--json'],
    ]) {
      const outcome = await fx.run(['show', String(adding.id), ...args]);
      expect(outcome.code, args.join(' ')).toBe(2);
      expect(outcome.stdout + outcome.stderr).toMatch(/(--metrics|--grad-norms|--csv|--json)[^\n]*: [^\n]*(--csv|--json|one)/);
      expect(outcome.stdout).not.toContain('step,wall_time');
    }
  });
});

describe('seqlab show --grad-norms --json', () => {
  it('gives ‖∂L/∂h_t‖ over t per layer for every sampled step, as stored', async () => {
    for (const run of [adding, reverse]) {
      const outcome = await fx.run(['show', String(run.id), '--grad-norms', '--json']);
      expect(outcome.code, outcome.stderr).toBe(0);
      const { layers, snapshots } = outcome.json<{ layers: string[]; snapshots: { step: number; profiles: Record<string, (number | null)[]> }[] }>();
      const stored = withStore((store) =>
        store.metrics
          .names(run.id)
          .filter((n) => n.startsWith('grad_h/'))
          .flatMap((name) => {
            const series = store.metrics.series(run.id, name);
            const [, layer, t] = /^grad_h\/(.+)\/t(\d+)$/.exec(name) as RegExpExecArray;
            return series.steps.map((step, i) => ({ step, layer: layer as string, t: Number(t), value: series.values[i] as number }));
          }),
      );
      expect(snapshots.map((s) => s.step)).toEqual([...new Set(stored.map((p) => p.step))].sort((a, b) => a - b));
      expect(snapshots.map((s) => s.step)).toEqual(run === adding ? [1, 2, 4, 6, 8] : [1, 2, 4]);
      expect(layers).toEqual(run === adding ? ['l0'] : ['l0', 'decoder']);
      for (const p of stored) expect(snapshots.find((s) => s.step === p.step)?.profiles[p.layer]?.[p.t]).toBe(p.value);
      const filled = snapshots.flatMap((s) => Object.values(s.profiles).flat()).filter((v) => v !== null);
      expect(filled).toHaveLength(stored.length);
    }
  });
});

describe('seqlab show --grad-norms --json on an LSTM', () => {
  it('gives ‖∂L/∂c_t‖ over t per layer beside ‖∂L/∂h_t‖, as stored; other cells say null', async () => {
    const outcome = await fx.run(['show', String(charLm.id), '--grad-norms', '--json']);
    expect(outcome.code, outcome.stderr).toBe(0);
    const { snapshots } = outcome.json<{ snapshots: { step: number; cellProfiles: Record<string, (number | null)[]> | null }[] }>();
    const stored = withStore((store) =>
      store.metrics
        .names(charLm.id)
        .filter((n) => n.startsWith('grad_c/'))
        .flatMap((name) => {
          const series = store.metrics.series(charLm.id, name);
          const [, layer, t] = /^grad_c\/(.+)\/t(\d+)$/.exec(name) as RegExpExecArray;
          return series.steps.map((step, i) => ({ step, layer: layer as string, t: Number(t), value: series.values[i] as number }));
        }),
    );
    expect(stored.length).toBe(3 * 12); // steps 1, 3 and 6 (the first step is always sampled), one layer, a window of 12
    for (const p of stored) expect(snapshots.find((s) => s.step === p.step)?.cellProfiles?.[p.layer]?.[p.t]).toBe(p.value);
    const gru = await fx.run(['show', String(adding.id), '--grad-norms', '--json']);
    expect(gru.json<{ snapshots: { cellProfiles: unknown }[] }>().snapshots.every((s) => s.cellProfiles === null)).toBe(true);
  });
});

describe('the numbers a study reads, in seqlab show', () => {
  it('a character language model logs perplexity = exp(val loss) and bits per character = val loss / ln 2 at every evaluation', async () => {
    const series = withStore((store) => ['val/loss', 'val/perplexity', 'val/bits_per_char'].map((name) => store.metrics.series(charLm.id, name)));
    const [loss, perplexity, bits] = series as [(typeof series)[0], (typeof series)[0], (typeof series)[0]];
    expect(loss.steps).toEqual([3, 6]);
    expect(perplexity.steps).toEqual(loss.steps);
    expect(bits.steps).toEqual(loss.steps);
    loss.values.forEach((ce, i) => {
      expect(perplexity.values[i]).toBeCloseTo(Math.exp(ce), 9);
      expect(bits.values[i]).toBeCloseTo(ce / Math.LN2, 9);
    });
    const outcome = await fx.run(['show', String(charLm.id), '--json']);
    const { results } = outcome.json<{ results: RunResults }>();
    expect(results.finalValPerplexity).toBe(perplexity.values[1]);
    expect(results.finalValBitsPerChar).toBe(bits.values[1]);
    // the unigram baseline is a perplexity, lower is better
    expect(results.baseline).toMatchObject({ metric: 'val/perplexity', lowerIsBetter: true, final: perplexity.values[1] });
    expect(results.baseline?.beaten).toBe((perplexity.values[1] as number) < (results.baseline?.value as number));
    const text = await fx.run(['show', String(charLm.id)]);
    expect(text.stdout).toMatch(/perplexity\s+\d/);
    expect(text.stdout).toMatch(/bits per char\s+\d/);
    expect(text.stdout).toMatch(/baseline\s+val\/perplexity \d+(\.\d+)? \(lower is better\): (beaten|not beaten) by \d/);
  });

  it('a seq2seq run gives accuracy by source length that adds up to its overall accuracy, and show prints it as a table', async () => {
    const outcome = await fx.run(['show', String(reverse.id), '--json']);
    const { results } = outcome.json<{ results: RunResults }>();
    const byLength = results.byLength;
    expect(byLength?.step).toBe(4);
    const lengths = byLength?.lengths ?? [];
    expect(lengths.map((l) => l.length)).toEqual(lengths.map((l) => l.length).sort((a, b) => a - b));
    expect(lengths.every((l) => l.length >= 2 && l.length <= 6)).toBe(true);
    expect(lengths.reduce((n, l) => n + l.sequences, 0)).toBe(32); // evalBatches 2 × batchSize 16
    const exact = lengths.reduce((n, l) => n + (l.sequenceAccuracy as number) * l.sequences, 0) / 32;
    expect(exact).toBeCloseTo(results.finalValSequenceAccuracy as number, 12);
    withStore((store) => {
      for (const l of lengths) {
        expect(store.metrics.series(reverse.id, `val/sequences@len=${l.length}`).values.at(-1)).toBe(l.sequences);
        expect(store.metrics.series(reverse.id, `val/accuracy@len=${l.length}`).values.at(-1)).toBe(l.tokenAccuracy);
      }
    });
    const text = await fx.run(['show', String(reverse.id)]);
    expect(text.stdout).toContain('Accuracy by source length (validation, step 4)');
    expect(text.stdout).toMatch(/SOURCE LENGTH\s+SEQUENCES\s+EXACT\s+TOKEN ACC/);
    for (const l of lengths) expect(text.stdout).toMatch(new RegExp(`\\n\\s*${l.length}\\s+${l.sequences}\\s+\\d+\\.\\d%\\s+\\d+\\.\\d%`));
  });
});
