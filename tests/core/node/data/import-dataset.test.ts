// Registering files as datasets: each kind end to end into the store, the same content twice gives the same
// record, and a training session trains on an imported dataset unchanged.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../core/common/random/rng';
import { parseExperimentSpec, parseSpecFields } from '../../../../core/common/spec/experiment-spec';
import { TrainingSession } from '../../../../core/common/models/training-session';
import { importDataset, loadDatasetTask } from '../../../../core/node/data';
import { readDataset } from '../../../../core/node/data/load-dataset';
import { resolveDatasetSpec } from '../../../../core/common/spec/dataset-spec';
import { useDataFixture } from './data-fixture';

const fx = useDataFixture();

const seriesCsv = (rows: number): string =>
  't,"temp, °C",load\n' + Array.from({ length: rows }, (_, t) => `${t},${(20 + 3 * Math.sin(t / 5)).toFixed(3)},${(t % 7) + 0.5}`).join('\r\n') + '\r\n';

async function imported(path: string, options: unknown) {
  const result = await importDataset(fx.store(), path, options);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('importDataset', () => {
  it('registers a series with its hash, size, stats and encoder, in one row', async () => {
    const path = fx.write('weather.csv', seriesCsv(300));
    const { dataset, reused } = await imported(path, { kind: 'series', columns: ['temp, °C', 'load'], target: 'load', window: 10 });
    expect(reused).toBe(false);
    expect(dataset).toMatchObject({ kind: 'series', name: 'weather.csv', sourcePath: path, sizeBytes: Buffer.byteLength(seriesCsv(300)) });
    expect(dataset.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(dataset.stats).toMatchObject({ rows: 300, split: { train: 240, validation: 30, test: 30 } });
    expect(dataset.encoder).toMatchObject({
      format: 'seqlab-dataset-encoder',
      kind: 'series',
      inputs: ['temp, °C', 'load'],
      target: 'load',
      layout: { delimiter: ',', header: true },
    });
    expect(fx.store().datasets.list()).toHaveLength(1);
    expect(fx.store().datasets.get(dataset.id)).toEqual(dataset);
  });

  it('returns the existing dataset for the same content and options, and a new one for other options', async () => {
    const a = fx.write('a.csv', seriesCsv(200));
    const b = fx.write('copy of a.csv', seriesCsv(200));
    const first = await imported(a, { kind: 'series', window: 5 });
    const again = await imported(b, { kind: 'series', window: 5, name: 'another name' });
    expect(again).toMatchObject({ dataset: first.dataset, reused: true });
    const other = await imported(a, { kind: 'series', window: 6 });
    expect(other.reused).toBe(false);
    const back = await imported(a, { kind: 'series', window: 5 });
    expect(back).toMatchObject({ dataset: first.dataset, reused: true });
    expect(fx.store().datasets.list()).toHaveLength(2);
  });

  it('reads the same dataset whatever the read chunk size', async () => {
    const path = fx.write('pairs.tsv', 'src\ttgt\n' + Array.from({ length: 40 }, (_, i) => `wörd ${i}\t"${i}😀"`).join('\n'));
    const results = await Promise.all(
      [1, 3, 64, 4096].map((chunkBytes) => importDataset(fx.store(), path, { kind: 'pairs', source: 'src', target: 'tgt' }, { chunkBytes })),
    );
    const encoders = results.map((r) => (r.ok ? JSON.stringify(r.value.dataset.encoder) : r.error.message));
    expect(new Set(encoders).size).toBe(1);
    expect(fx.store().datasets.list()).toHaveLength(1);
  });

  it('reports progress per pass, up to the file size', async () => {
    const path = fx.write('s.csv', seriesCsv(500));
    const seen: number[][] = [];
    const result = await importDataset(
      fx.store(),
      path,
      { kind: 'series', window: 10 },
      { chunkBytes: 1024, onProgress: (p) => seen.push([p.pass, p.bytesRead, p.totalBytes]) },
    );
    expect(result.ok).toBe(true);
    const size = Buffer.byteLength(seriesCsv(500));
    expect(seen.filter(([pass]) => pass === 1).at(-1)).toEqual([1, size, size]);
    expect(seen.some(([pass]) => pass === 2)).toBe(true);
  });

  it('imports text, pairs and labelled sequences, and loads each back as a Task that batches', async () => {
    const cases: [string, string, unknown][] = [
      ['story.txt', 'It was a dark and stormy night; the rain fell in torrents.\n'.repeat(30), { kind: 'text', window: 16 }],
      ['words.txt', 'the cat sat on the mat and the dog sat on the log\n'.repeat(30), { kind: 'text', level: 'word', window: 6 }],
      ['pairs.jsonl', Array.from({ length: 30 }, (_, i) => JSON.stringify({ source: `${i}+1`, target: String(i + 1) })).join('\n'), { kind: 'pairs' }],
      [
        'seqs.csv',
        'label,sequence\n' + Array.from({ length: 40 }, (_, i) => `${i % 2 ? 'odd' : 'even'},"${i} ${i + 1} ${i + 2}"`).join('\n'),
        { kind: 'labelled' },
      ],
    ];
    for (const [name, content, options] of cases) {
      const { dataset } = await imported(fx.write(name, content), options);
      const loaded = await loadDatasetTask(fx.store(), dataset.id);
      if (!loaded.ok) throw new Error(loaded.error.message);
      const batch = loaded.value.task.batch(new Rng(1), 4, 'validation');
      expect(['sequence', 'seq2seq']).toContain(batch.kind);
      expect(loaded.value.encoder).toEqual(dataset.encoder);
    }
  });
});

describe('what an import reads, and why', () => {
  it('leaves an index-like first column out of the inputs and says why each column was chosen or left out', async () => {
    const { dataset, report } = await imported(fx.write('w.csv', seriesCsv(100)), { kind: 'series', window: 5 });
    expect(dataset.encoder).toMatchObject({ inputs: ['temp, °C', 'load'], target: 'load' });
    expect(report).toMatchObject({ kind: 'series', kindReason: 'as asked', maxWindow: 9 });
    expect(report.columns.map((c) => [c.name, c.role])).toEqual([
      ['t', 'left out'],
      ['temp, °C', 'input'],
      ['load', 'input and target'],
    ]);
    expect(report.columns[0]!.reason).toContain('index');
    expect(report.columns[2]!.reason).toContain('the last input column');
  });

  it('reads decimal commas in a ";" file as the numbers they are', async () => {
    const csv = 'zeit;wert\n' + Array.from({ length: 100 }, (_, t) => `${t};${(t % 4) + 1},5`).join('\n') + '\n';
    const { dataset, report } = await imported(fx.write('de.csv', csv), { kind: 'series', window: 5 });
    expect(dataset.encoder).toMatchObject({ decimal: ',', inputs: ['wert'] });
    // 1,5 2,5 3,5 4,5 repeating: a mean of 3 (not 1, 2, 3 and 4 read as integers, nor a text column dropped)
    const [wert] = (dataset.stats as { columns: { mean: number; min: number; max: number }[] }).columns;
    expect(wert).toMatchObject({ min: 1.5, max: 4.5 });
    expect(wert!.mean).toBeCloseTo(3, 12);
    expect(report.notes[0]).toContain('decimal commas ("1,5" is 1.5)');
    const loaded = await loadDatasetTask(fx.store(), dataset.id);
    expect(loaded.ok).toBe(true);
  });

  it('imports a short series whatever the default window, says which windows fit, and leaves the refusal to a run', async () => {
    const csv = 'time,level\n' + Array.from({ length: 300 }, (_, t) => `${t},${Math.sin(t / 9).toFixed(4)}`).join('\n') + '\n';
    const { dataset, report } = await imported(fx.write('short.csv', csv), { kind: 'series' });
    expect(report.maxWindow).toBe(29);
    expect(report.notes).toEqual([
      expect.stringContaining('windows of up to 29 rows fit every split'),
      expect.stringContaining('must set task.params.window to 29 or less'),
    ]);
    // the run's spec is where a window is checked against the data
    const content = await readDataset(dataset);
    if (!content.ok) throw new Error(content.error.message);
    const check = (params: unknown) => {
      const fields = parseSpecFields({ task: { dataset: dataset.id, params }, model: { cell: 'gru', hiddenSize: 4 }, training: { steps: 5, batchSize: 4 } });
      if (!fields.ok) throw new Error(JSON.stringify(fields.issues));
      return resolveDatasetSpec(fields.spec, content.value.encoder, content.value.data, content.value.file);
    };
    const refused = check({});
    expect(refused).toMatchObject({
      ok: false,
      issues: [{ path: 'task.params.window', message: expect.stringContaining('a window of 50 rows does not fit') }],
    });
    if (refused.ok) throw new Error('refused expected');
    expect(refused.issues[0]!.message).toContain('Set task.params.window to 29 or less');
    expect(check({ window: 29 })).toMatchObject({ ok: true });
  });

  it('detects the kind when none is given, and says what it saw', async () => {
    const cases: [string, string, string, string][] = [
      [
        'pairs.tsv',
        'source\ttarget\n' + Array.from({ length: 30 }, (_, i) => `hello ${i}\tbonjour ${i}`).join('\n'),
        'pairs',
        'its header names the columns "source" and "target"',
      ],
      ['levels.csv', 'time,level\n' + Array.from({ length: 50 }, (_, i) => `${i},${i % 5}`).join('\n'), 'series', 'column "level" holds numbers'],
      ['story.txt', 'It was a dark and stormy night.\n'.repeat(20), 'text', 'ends in .txt'],
      [
        'moves.jsonl',
        Array.from({ length: 30 }, (_, i) => JSON.stringify({ label: i % 2 ? 'up' : 'down', sequence: [i, 1] })).join('\n'),
        'labelled',
        '"label" and "sequence"',
      ],
    ];
    for (const [name, content, kind, reason] of cases) {
      const { dataset, report } = await imported(fx.write(name, content), {});
      expect(dataset.kind, name).toBe(kind);
      expect(report.kindReason, name).toMatch(/^detected: /);
      expect(report.kindReason, name).toContain(reason);
    }
  });
});

describe('training on an imported dataset', () => {
  it('runs the existing TrainingSession on an imported series and labelled dataset unchanged', async () => {
    const series = await imported(fx.write('s.csv', seriesCsv(400)), { kind: 'series', columns: ['temp, °C'], window: 12 });
    const labelled = await imported(
      fx.write(
        'l.jsonl',
        Array.from({ length: 200 }, (_, i) => JSON.stringify({ label: i % 2 ? 'up' : 'down', sequence: [i % 2 ? 1 : -1, i % 5, i % 2 ? 2 : -2] })).join('\n'),
      ),
      { kind: 'labelled' },
    );
    for (const id of [series.dataset.id, labelled.dataset.id]) {
      const loaded = await loadDatasetTask(fx.store(), id);
      if (!loaded.ok) throw new Error(loaded.error.message);
      const parsed = parseExperimentSpec({
        seed: 1,
        task: { id: 'adding-problem' },
        model: { cell: 'gru', hiddenSize: 8 },
        training: { steps: 60, batchSize: 16, learningRate: 0.02, evalBatches: 2 },
      });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
      const session = new TrainingSession(parsed.spec, loaded.value.task);
      const before = session.evaluate().loss;
      while (!session.finished) session.next();
      const after = session.evaluate().loss;
      expect(Number.isFinite(after)).toBe(true);
      expect(after).toBeLessThan(before);
    }
  });
});
