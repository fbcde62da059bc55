// Every kind of bad input ends in a typed error that names the file, the line and column, and what to do —
// and nothing is registered.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportErrorCode } from '../../../../core/common/data/import/import-error';
import { importDataset, loadDatasetTask } from '../../../../core/node/data';
import { expectError, useDataFixture } from './data-fixture';

const fx = useDataFixture();

afterEach(() => {
  // whatever failed, the store holds no dataset that was not asked for
  expect(
    fx
      .store()
      .datasets.list()
      .filter((d) => d.name.startsWith('bad')),
  ).toEqual([]);
});

const series = (body: string): string => 'a,b,c\n' + body;
const rows = (n: number, row: (i: number) => string): string => Array.from({ length: n }, (_, i) => row(i)).join('\n') + '\n';

interface Case {
  readonly name: string;
  readonly content: string | Uint8Array;
  readonly options: unknown;
  readonly code: ImportErrorCode;
  readonly line?: number;
  readonly column?: number;
  /** Words the message must contain (besides file, line and column). */
  readonly says?: string;
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const cat = (...parts: (Uint8Array | number[])[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

const cases: Case[] = [
  { name: 'empty', content: '', options: { kind: 'series' }, code: 'empty-file' },
  { name: 'blank lines', content: '\n\r\n  \n', options: { kind: 'pairs' }, code: 'empty-file' },
  { name: 'blank text', content: ' \n\t\n', options: { kind: 'text', level: 'word' }, code: 'empty-file' },
  { name: 'NUL byte', content: cat(utf8('a,b\n1,2\n3,'), [0], utf8('4\n')), options: { kind: 'series' }, code: 'binary-file', line: 3, column: 3, says: 'NUL' },
  {
    name: 'PNG header',
    content: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
    options: { kind: 'text' },
    code: 'invalid-encoding',
    line: 1,
    column: 1,
  },
  {
    name: 'Latin-1',
    content: cat(utf8('label,sequence\npos,caf'), [0xe9], utf8(' au lait\n')),
    options: { kind: 'labelled' },
    code: 'invalid-encoding',
    line: 2,
    column: 8,
    says: 'Save the file as UTF-8',
  },
  { name: 'UTF-16', content: cat([0xff, 0xfe], utf8('a\0,\0b\0')), options: { kind: 'series' }, code: 'invalid-encoding', line: 1, column: 1, says: 'UTF-16' },
  {
    name: 'truncated character',
    content: cat(utf8('one two three\n'.repeat(20)), [0xf0, 0x9f]),
    options: { kind: 'text', window: 4 },
    code: 'invalid-encoding',
    line: 21,
    column: 1,
  },
  {
    name: 'ragged short',
    content: series(rows(50, (i) => (i === 7 ? `${i},1` : `${i},1,2`))),
    options: { kind: 'series', window: 2 },
    code: 'ragged-row',
    line: 9,
    column: 3,
    says: 'has 2 fields but the header has 3',
  },
  {
    name: 'ragged long',
    content: series(rows(50, (i) => (i === 3 ? `${i},1,2,9` : `${i},1,2`))),
    options: { kind: 'series', window: 2 },
    code: 'ragged-row',
    line: 5,
    column: 7,
  },
  {
    name: 'text cell',
    content: series(rows(50, (i) => (i === 10 ? `${i},n/a,2` : `${i},1,2`))),
    options: { kind: 'series', columns: ['b', 'c'], window: 2 },
    code: 'not-a-number',
    line: 12,
    column: 4,
    says: '"n/a" in column "b"',
  },
  {
    name: 'empty cell',
    content: series(rows(50, (i) => (i === 20 ? `${i},1,` : `${i},1,2`))),
    options: { kind: 'series', columns: ['b', 'c'], window: 2 },
    code: 'empty-cell',
    line: 22,
  },
  {
    name: 'NaN',
    content: series(rows(50, (i) => (i === 30 ? `${i},NaN,2` : `${i},1,2`))),
    options: { kind: 'series', columns: ['b'], window: 2 },
    code: 'non-finite',
    line: 32,
    column: 4,
  },
  {
    name: 'Infinity',
    content: series(rows(50, (i) => (i === 31 ? `${i},1,-inf` : `${i},1,2`))),
    options: { kind: 'series', columns: ['c'], window: 2 },
    code: 'non-finite',
    line: 33,
    column: 6,
  },
  {
    name: 'too large to normalise',
    content: series(rows(50, (i) => `${i},${i % 2 ? '-1e300' : '1e300'},2`)),
    options: { kind: 'series', columns: ['b'], window: 2 },
    code: 'non-finite',
    line: 3,
    column: 3,
    says: 'too large to normalise',
  },
  {
    name: 'overflow',
    content: series(rows(50, (i) => (i === 4 ? `${i},1e999,2` : `${i},1,2`))),
    options: { kind: 'series', columns: ['b'], window: 2 },
    code: 'non-finite',
    line: 6,
  },
  {
    name: 'duplicate header',
    content: 'a,b,a\n' + rows(50, (i) => `${i},1,2`),
    options: { kind: 'series', header: true },
    code: 'duplicate-header',
    line: 1,
    column: 5,
  },
  {
    name: 'missing header',
    content: 'a,,c\n' + rows(50, (i) => `${i},1,2`),
    options: { kind: 'series', header: true },
    code: 'missing-header',
    line: 1,
    column: 3,
  },
  {
    name: 'unknown column',
    content: series(rows(50, (i) => `${i},1,2`)),
    options: { kind: 'series', target: 'price' },
    code: 'unknown-column',
    line: 1,
    says: 'its columns are "a", "b", "c"',
  },
  {
    name: 'unknown column of many',
    content:
      Array.from({ length: 40 }, (_, j) => `column number ${j} with a long name ${'x'.repeat(60)}`).join(',') +
      '\n' +
      rows(30, () => Array.from({ length: 40 }, () => '1').join(',')),
    options: { kind: 'series', target: 'price' },
    code: 'unknown-column',
    line: 1,
    says: '… (40 in all)',
  },
  {
    name: 'unclosed quote',
    content: 'source,target\n' + rows(10, (i) => (i === 4 ? `"x${i},y` : `x${i},y`)),
    options: { kind: 'pairs' },
    code: 'bad-quote',
    line: 6,
    column: 1,
    says: 'never closed',
  },
  {
    name: 'text after quote',
    content: 'source,target\n' + rows(10, (i) => (i === 2 ? `x,"y"z` : `x,y`)),
    options: { kind: 'pairs' },
    code: 'bad-quote',
    line: 4,
    column: 6,
  },
  {
    name: 'record too long',
    content: 'source,target\n' + rows(10, (i) => (i === 1 ? 'x,' + 'y'.repeat(500) : 'x,y')),
    options: { kind: 'pairs', maxRecordChars: 100 },
    code: 'record-too-long',
    line: 3,
  },
  // a numeric column with one bad cell stays numeric: the cell is the error, the column is not silently dropped
  {
    name: 'one text cell',
    content: 'time,value\n' + rows(300, (i) => `${i},${i === 157 ? 'abc' : (i / 3).toFixed(2)}`),
    options: { kind: 'series', window: 5 },
    code: 'not-a-number',
    line: 159,
    column: 5,
    says: 'the cell "abc" in column "value" is not a number',
  },
  {
    name: 'one NaN cell',
    content: 'time,value\n' + rows(300, (i) => `${i},${i === 40 ? 'NaN' : (i / 3).toFixed(2)}`),
    options: { kind: 'series', window: 5 },
    code: 'non-finite',
    line: 42,
    column: 4,
    says: 'leave the column out',
  },
  {
    name: 'decimal comma in a comma file',
    content: 'a,b\n' + rows(50, (i) => (i === 12 ? `${i},"1,5"` : `${i},${i}.5`)),
    options: { kind: 'series', window: 2 },
    code: 'number-format',
    line: 14,
    column: 4,
    says: '--decimal ,',
  },
  {
    name: 'decimal point in a comma-decimal file',
    content: 'a;b\n' + rows(50, (i) => (i === 30 ? `${i};2.5` : `${i};${i},5`)),
    options: { kind: 'series', window: 2 },
    code: 'number-format',
    line: 32,
    column: 4,
    says: 'read with decimal commas',
  },
  {
    name: 'only an index is numeric',
    content: 'time,tag\n' + rows(50, (i) => `${i},site ${i % 3}`),
    options: { kind: 'series' },
    code: 'not-a-number',
    line: 2,
    says: '--columns time',
  },
  {
    name: 'unknown kind',
    content: 'name,city\n' + rows(30, (i) => `person ${i},town ${i}`),
    options: {},
    code: 'unknown-kind',
    says: '--kind series, text, pairs or labelled',
  },
  {
    name: 'detected kind, option of another',
    content: 'source\ttarget\n' + rows(30, (i) => `a${i}\tb${i}`),
    options: { window: 4 },
    code: 'invalid-options',
    says: 'for the kind pairs, detected',
  },
  {
    name: 'no header no numbers',
    content: rows(50, () => 'x,y'),
    options: { kind: 'series' },
    code: 'not-a-number',
    line: 1,
    column: 1,
    says: 'no column holds numbers',
  },
  // 15 rows split 12/1/2: no split holds even a window of 1 and the value after it (the window asked for is the run's concern)
  {
    name: 'too few rows',
    content: series(rows(15, (i) => `${i},1,2`)),
    options: { kind: 'series', window: 5 },
    code: 'too-few-rows',
    line: 16,
    says: 'at least 16 rows',
  },
  { name: 'header only', content: 'source,target\n', options: { kind: 'pairs' }, code: 'too-few-rows', line: 1 },
  {
    name: 'char vocabulary',
    content: 'abcabc\nabd\n'.repeat(20),
    options: { kind: 'text', maxVocabulary: 4 },
    code: 'vocabulary-over-limit',
    line: 2,
    column: 3,
    says: 'more than 4 distinct characters',
  },
  {
    name: 'word vocabulary',
    content: 'source\ttarget\n' + rows(10, (i) => `w${i % 3}\tv${i}`),
    options: { kind: 'pairs', level: 'word', maxVocabulary: 5 },
    code: 'vocabulary-over-limit',
    line: 7,
    column: 4,
    says: 'target words',
  },
  {
    name: 'long sequence',
    content: 'label,sequence\n' + rows(10, (i) => `c${i % 2},"${Array.from({ length: i === 6 ? 30 : 3 }, () => 1).join(' ')}"`),
    options: { kind: 'labelled', maxLength: 20 },
    code: 'sequence-too-long',
    line: 8,
    column: 4,
    says: 'has 30 elements, over the limit of 20',
  },
  {
    name: 'empty sequence',
    content: 'label,sequence\n' + rows(10, (i) => `c${i % 2},${i === 3 ? '""' : '1 2'}`),
    options: { kind: 'labelled' },
    code: 'empty-sequence',
    line: 5,
    column: 4,
  },
  {
    name: 'empty source',
    content: rows(10, (i) => JSON.stringify({ source: i === 5 ? '' : 'ab', target: 'c' })),
    options: { kind: 'pairs' },
    code: 'empty-sequence',
    line: 6,
    column: 2,
  },
  {
    name: 'bad number element',
    content: rows(10, (i) => JSON.stringify({ label: i % 2, sequence: i === 8 ? [1, 'x'] : [1, 2] })),
    options: { kind: 'labelled', elements: 'numbers' },
    code: 'not-a-number',
    line: 9,
  },
  {
    name: 'invalid JSON',
    content: rows(10, (i) => (i === 4 ? '{"source": "a", "target": }' : JSON.stringify({ source: 'a', target: 'b' }))),
    options: { kind: 'pairs' },
    code: 'invalid-json',
    line: 5,
  },
  {
    name: 'JSON not object',
    content: rows(10, (i) => (i === 2 ? '["a","b"]' : JSON.stringify({ source: 'a', target: 'b' }))),
    options: { kind: 'pairs' },
    code: 'invalid-record',
    line: 3,
    column: 1,
  },
  {
    name: 'JSON missing field',
    content: rows(10, (i) => JSON.stringify(i === 6 ? { source: 'a', tgt: 'b' } : { source: 'a', target: 'b' })),
    options: { kind: 'pairs' },
    code: 'invalid-record',
    line: 7,
    says: 'no field "target"',
  },
  {
    name: 'JSON wrong type',
    content: rows(10, (i) => JSON.stringify({ label: i === 1 ? { x: 1 } : 'a', sequence: 'x y' })),
    options: { kind: 'labelled' },
    code: 'invalid-record',
    line: 2,
    column: 2,
  },
  { name: 'one class', content: 'label,sequence\n' + rows(10, () => 'same,a b'), options: { kind: 'labelled' }, code: 'too-few-classes', line: 11 },
  {
    name: 'many classes',
    content: 'label,sequence\n' + rows(10, (i) => `class${i},a b`),
    options: { kind: 'labelled', maxClasses: 5 },
    code: 'too-many-classes',
    line: 7,
    column: 1,
  },
  {
    name: 'long word',
    content: 'short words then ' + 'x'.repeat(50) + '\n',
    options: { kind: 'text', level: 'word', maxTokenChars: 20 },
    code: 'token-too-long',
    line: 1,
    column: 18,
  },
  {
    name: 'too large',
    content: series(rows(500, (i) => `${i},1,2`)),
    options: { kind: 'series', window: 2, maxLoadedBytes: 4096 },
    code: 'too-large',
    line: 501,
    says: 'raise maxLoadedBytes',
  },
  // 6 character tokens + 2 offsets per pair = 32 bytes: pair 129 (line 130) crosses 4096.
  {
    name: 'too many pairs',
    content: 'source,target\n' + rows(300, () => 'ab,cd'),
    options: { kind: 'pairs', maxLoadedBytes: 4096 },
    code: 'too-large',
    line: 130,
    says: 'Import fewer or shorter pairs',
  },
  // 3 values + 2 per example = 20 bytes: example 205 (line 206) crosses 4096.
  {
    name: 'too many sequences',
    content: 'label,sequence\n' + rows(300, (i) => `${i % 2 ? 'pos' : 'neg'},1 2 3`),
    options: { kind: 'labelled', maxLoadedBytes: 4096 },
    code: 'too-large',
    line: 206,
    says: 'Import fewer or shorter sequences',
  },
  {
    name: 'bad options',
    content: series(rows(50, (i) => `${i},1,2`)),
    options: { kind: 'series', window: -1 },
    code: 'invalid-options',
    says: 'the import option window',
  },
];

describe('importDataset refuses bad input with a located, actionable error', () => {
  for (const c of cases) {
    it(`${c.code}: ${c.name}`, async () => {
      const path = fx.write(
        `bad ${c.name}.${typeof c.options === 'object' && c.options !== null && 'kind' in c.options && c.options.kind === 'text' ? 'txt' : c.name.startsWith('JSON') || c.name.includes('source') || c.name.includes('element') ? 'jsonl' : 'csv'}`,
        c.content,
      );
      for (const chunkBytes of [undefined, 5]) {
        const result = await importDataset(fx.store(), path, c.options, { chunkBytes });
        const error = expectError(result, path, c.code, c.line, c.column);
        if (c.says !== undefined) expect(error.message).toContain(c.says);
      }
      expect(fx.store().datasets.list()).toEqual([]);
    });
  }

  it('unreadable-file: a missing file, a folder', async () => {
    const missing = `${fx.dir()}/bad missing.csv`;
    expect(expectError(await importDataset(fx.store(), missing, { kind: 'series' }), missing, 'unreadable-file').message).toContain('no such file');
    expectError(await importDataset(fx.store(), fx.dir(), { kind: 'series' }), fx.dir(), 'unreadable-file');
  });

  it('unreadable-file: a FIFO, a device or a /proc file is refused for what it is, without reading (or hanging on) it', { timeout: 180_000 }, async () => {
    const fifo = fx.join('bad fifo.csv');
    execFileSync('mkfifo', [fifo]);
    for (const options of [{ kind: 'series' }, {}])
      expect(expectError(await importDataset(fx.store(), fifo, options), fifo, 'unreadable-file').message).toContain(
        'is a FIFO (a named pipe), not a regular file',
      );
    // a FIFO nobody writes to would block a read forever: a hang fails this test at its time limit (no stopwatch verdict)
    expect(expectError(await importDataset(fx.store(), '/dev/null', { kind: 'text' }), '/dev/null', 'unreadable-file').message).toContain('a character device');
    if (process.platform === 'linux') {
      const proc = expectError(await importDataset(fx.store(), '/proc/self/status', { kind: 'text' }), '/proc/self/status', 'unreadable-file');
      expect(proc.message).toContain("the kernel's /proc file system, not a regular file");
      expect(proc.message).not.toContain('empty');
    }
  });

  it('cancelled: an aborted import registers nothing', async () => {
    const path = fx.write('bad cancelled.csv', series(rows(2000, (i) => `${i},1,2`)));
    const controller = new AbortController();
    const result = await importDataset(
      fx.store(),
      path,
      { kind: 'series', window: 2 },
      { chunkBytes: 1024, signal: controller.signal, onProgress: () => controller.abort() },
    );
    expectError(result, path, 'cancelled');
  });
});

describe('loadDatasetTask refuses a source that changed since import', () => {
  it('source-changed: edited content, even of the same length', async () => {
    const content = series(rows(100, (i) => `${i},1,2`));
    const path = fx.write('edited.csv', content);
    const imported = await importDataset(fx.store(), path, { kind: 'series', window: 2 });
    if (!imported.ok) throw new Error(imported.error.message);
    writeFileSync(path, content.replace('5,1,2', '5,1,3'));
    const error = expectError(await loadDatasetTask(fx.store(), imported.value.dataset.id), path, 'source-changed');
    expect(error.message).toContain(`dataset #${imported.value.dataset.id}`);
    writeFileSync(path, content.replace('5,1,2', '5,x,2'));
    expectError(await loadDatasetTask(fx.store(), imported.value.dataset.id), path, 'source-changed');
    writeFileSync(path, content);
    expect((await loadDatasetTask(fx.store(), imported.value.dataset.id)).ok).toBe(true);
  });
});
