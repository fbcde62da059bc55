// Property tests: thousands of random and mutated files thrown at every importer (and at kind detection, with no
// kind given). Each run ends in either a whole, loadable dataset or a typed error with a location, within a time
// bound, and a failed run leaves the store as it was. 5 × (40 valid + 60 random-byte + 80 random-text + 170
// mutated) = 1,750 runs, with a fixed seed so a failure reproduces; the pure tokenizer, line splitter and UTF-8
// checker get 1,700 more of their own.
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDatasetEncoder } from '../../../../core/common/data/import/encoder';
import { Rng } from '../../../../core/common/random/rng';
import { importDataset, loadDatasetTask } from '../../../../core/node/data';
import { openStore, type Store } from '../../../../core/node/store';
import { located } from './data-fixture';

/** Longest a single import (plus its load) may take: far above the milliseconds these small files need. */
const RUN_BOUND_MS = 4000;
const RUNS = { valid: 40, bytes: 60, text: 80, mutated: 170 } as const;

let dir = '';
let store: Store;
let files = 0;
/** Datasets the runs registered, to check at the end that the store holds exactly those. */
let registered = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'seqlab-import-props-'));
  store = openStore(join(dir, 'seqlab.db'));
});
afterAll(() => {
  expect(store.datasets.list()).toHaveLength(registered);
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** RFC 4180 quoting when needed. */
const field = (value: string, delimiter: string): string =>
  /["\r\n]/.test(value) || value.includes(delimiter) || value === '' ? `"${value.replaceAll('"', '""')}"` : value;
const table = (rows: string[][], delimiter: string, eol: string): string => rows.map((r) => r.map((v) => field(v, delimiter)).join(delimiter)).join(eol) + eol;

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é', '😀', ' ', ',', '"', '\t', ';'), minLength: 1, maxLength: 6 });
const number = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).map((x) => x.toPrecision(6)),
  fc.constantFrom('1e-3', '-2.5E+2', '.5', '7.'),
);
const delimiter = fc.constantFrom(',', '\t', ';');
const eol = fc.constantFrom('\n', '\r\n');

interface Importer {
  readonly ext: string;
  readonly options: unknown;
  readonly valid: fc.Arbitrary<string>;
}

const importers: Record<'series' | 'text' | 'pairs' | 'labelled' | 'detected', Importer> = {
  series: {
    ext: 'csv',
    options: { kind: 'series', window: 2, horizon: 1 },
    valid: fc
      .tuple(fc.integer({ min: 2, max: 4 }), delimiter, eol, fc.integer({ min: 40, max: 90 }))
      .chain(([width, d, e, n]) =>
        fc
          .array(fc.array(number, { minLength: width, maxLength: width }), { minLength: n, maxLength: n })
          .map((rows) => table([Array.from({ length: width }, (_, j) => `col ${j}`), ...rows], d, e)),
      ),
  },
  text: {
    ext: 'txt',
    options: { kind: 'text', window: 3, maxVocabulary: 40 },
    valid: fc
      .string({ unit: fc.constantFrom('a', 'b', 'c', 'd', ' ', '\n', '\r\n', 'é', '😀', '.', '"'), minLength: 60, maxLength: 400 })
      .filter((t) => t.trim().length > 0),
  },
  pairs: {
    ext: 'tsv',
    options: { kind: 'pairs', maxLength: 40 },
    valid: fc
      .tuple(fc.array(fc.tuple(word, fc.option(word, { nil: '' })), { minLength: 3, maxLength: 25 }), fc.boolean(), delimiter, eol)
      .map(([pairs, jsonl, d, e]) =>
        jsonl ? pairs.map(([source, target]) => JSON.stringify({ source, target })).join(e) : table([['source', 'target'], ...pairs], d, e),
      ),
  },
  labelled: {
    ext: 'csv',
    options: { kind: 'labelled', maxLength: 30 },
    valid: fc
      .tuple(
        fc.array(
          fc.tuple(fc.constantFrom('up', 'down', '3'), fc.array(number, { minLength: 1, maxLength: 8 }), fc.array(word, { minLength: 1, maxLength: 8 })),
          { minLength: 4, maxLength: 30 },
        ),
        fc.constantFrom('csv', 'jsonl numbers', 'jsonl tokens'),
        delimiter,
        eol,
      )
      .filter(([rows]) => new Set(rows.map(([label]) => label)).size >= 2)
      .map(([rows, format, d, e]) => {
        if (format === 'csv') return table([['label', 'sequence'], ...rows.map(([l, s]) => [l, s.join(' ')])], d, e);
        // token arrays may hold empty strings, which are not tokens
        return rows
          .map(([label, numbers, words]) => JSON.stringify({ label, sequence: format === 'jsonl numbers' ? numbers.map(Number) : ['', ...words] }))
          .join(e);
      }),
  },
  // no kind given: each valid file of the other table-like kinds is detected as its kind and imported
  get detected(): Importer {
    return { ext: 'dat', options: {}, valid: fc.oneof(importers.series.valid, importers.pairs.valid, importers.labelled.valid) };
  },
};

type Mutation = (bytes: Uint8Array) => Uint8Array;
const at = (bytes: Uint8Array, p: number): number => (bytes.length === 0 ? 0 : p % (bytes.length + 1));
const splice = (bytes: Uint8Array, from: number, to: number, insert: Uint8Array | readonly number[]): Uint8Array =>
  Uint8Array.from([...bytes.subarray(0, from), ...insert, ...bytes.subarray(to)]);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // a structural character inserted
  fc.tuple(fc.nat(), fc.constantFrom('"', ',', '\t', ';', '\n', '\r', ' ', '{', '}', '[', 'x', '-', 'NaN', 'inf', '""')).map(
    ([p, s]): Mutation =>
      (b) =>
        splice(b, at(b, p), at(b, p), utf8(s)),
  ),
  // bytes that are not UTF-8, or NUL
  fc.tuple(fc.nat(), fc.constantFrom([0], [0xe9], [0xff, 0xfe], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf0, 0x9f])).map(
    ([p, x]): Mutation =>
      (b) =>
        splice(b, at(b, p), at(b, p), x),
  ),
  // a range deleted, or the file cut short
  fc.tuple(fc.nat(), fc.nat({ max: 40 })).map(
    ([p, n]): Mutation =>
      (b) =>
        splice(b, at(b, p), Math.min(b.length, at(b, p) + n), []),
  ),
  fc.nat().map(
    (p): Mutation =>
      (b) =>
        b.subarray(0, at(b, p)),
  ),
  // a byte replaced by a random one
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(
    ([p, x]): Mutation =>
      (b) =>
        b.length === 0 ? b : splice(b, p % b.length, (p % b.length) + 1, [x]),
  ),
  // a slice repeated (duplicated lines, doubled headers)
  fc.tuple(fc.nat(), fc.nat({ max: 60 })).map(
    ([p, n]): Mutation =>
      (b) =>
        splice(b, at(b, p), at(b, p), b.subarray(at(b, p), Math.min(b.length, at(b, p) + n))),
  ),
);

// tiny chunks cost a read call each; the pure tests cut text at every position, so a few sizes suffice here
const chunkBytes = fc.constantFrom(7, 61, 4096, undefined);

/** One import: a dataset that loads and batches from every split, or a located error and an unchanged store. */
async function importOnce(name: keyof typeof importers, bytes: Uint8Array, chunk: number | undefined): Promise<'dataset' | 'error'> {
  const importer = importers[name];
  const path = join(dir, `f${files++}.${importer.ext}`);
  writeFileSync(path, bytes);
  // any row this import could write carries the content's hash: look it up rather than list every dataset
  const hash = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  const before = store.datasets.findByHash(hash)?.id;
  const started = performance.now();
  const result = await importDataset(store, path, importer.options, { chunkBytes: chunk });
  const after = store.datasets.findByHash(hash)?.id;
  if (!result.ok) {
    located(result, path);
    expect(after).toBe(before);
    expect(performance.now() - started).toBeLessThan(RUN_BOUND_MS);
    return 'error';
  }
  const { dataset, reused, report } = result.value;
  expect(dataset.contentHash).toBe(hash);
  // reused: nothing new (the reused row may be older than another kind's import of the same bytes); else the newest
  if (reused) expect(after).toBe(before);
  else {
    registered++;
    expect(after).toBe(dataset.id);
  }
  expect(store.datasets.get(dataset.id)).toEqual(dataset);
  expect(parseDatasetEncoder(dataset.encoder, path).ok).toBe(true);
  // a series or text loads with every window the import says fits (the largest of them, or the import's own if smaller)
  const window = report.maxWindow === null ? undefined : Math.min(report.maxWindow, (dataset.encoder as { options: { window: number } }).options.window);
  const loaded = await loadDatasetTask(store, dataset.id, window === undefined ? {} : { window });
  if (!loaded.ok) throw new Error(`an imported dataset does not load: ${loaded.error.message}`);
  const rng = new Rng(files);
  for (const split of ['train', 'validation', 'test'] as const) expect(['sequence', 'seq2seq']).toContain(loaded.value.task.batch(rng, 2, split).kind);
  expect(performance.now() - started).toBeLessThan(RUN_BOUND_MS);
  return 'dataset';
}

// no fixed seed: every run explores new files; a failure prints the seed and path that reproduce it
const settings = (numRuns: number) => ({ numRuns, timeout: RUN_BOUND_MS });
const textUnit = fc.constantFrom('a', '1', '.', '-', 'e', ',', ';', '\t', '"', '\n', '\r', ' ', 'é', '😀', '{', '}', ':', '[', ']');

describe.each(Object.keys(importers) as (keyof typeof importers)[])('the %s importer, on thousands of files', (name) => {
  it(`imports every valid file (${RUNS.valid} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(importers[name].valid, chunkBytes, async (text, chunk) => {
        expect(await importOnce(name, utf8(text), chunk)).toBe('dataset');
      }),
      settings(RUNS.valid),
    );
  });

  it(`survives random bytes (${RUNS.bytes} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), chunkBytes, async (bytes, chunk) => {
        await importOnce(name, bytes, chunk);
      }),
      settings(RUNS.bytes),
    );
  });

  it(`survives random text of quotes, delimiters and line breaks (${RUNS.text} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: textUnit, maxLength: 400 }), chunkBytes, async (text, chunk) => {
        await importOnce(name, utf8(text), chunk);
      }),
      settings(RUNS.text),
    );
  });

  it(`survives mutated valid files (${RUNS.mutated} runs)`, async () => {
    const outcomes = { dataset: 0, error: 0 };
    await fc.assert(
      fc.asyncProperty(importers[name].valid, fc.array(mutation, { minLength: 1, maxLength: 4 }), chunkBytes, async (text, mutations, chunk) => {
        outcomes[
          await importOnce(
            name,
            mutations.reduce((b, m) => m(b), utf8(text)),
            chunk,
          )
        ]++;
      }),
      settings(RUNS.mutated),
    );
    // the mutations exercise both outcomes, not only the error paths
    expect(outcomes.dataset).toBeGreaterThan(0);
    expect(outcomes.error).toBeGreaterThan(0);
  });
});
