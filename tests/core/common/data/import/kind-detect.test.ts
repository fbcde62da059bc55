// Detecting what a file holds when no kind is given: series, text, pairs or labelled sequences, each with the
// reason shown to the user; a file that could be several, or none, is left open (the import asks for --kind).
import { describe, expect, it } from 'vitest';
import { detectKind } from '../../../../../core/common/data/import/kind-detect';

const lines = (n: number, row: (i: number) => string): string => Array.from({ length: n }, (_, i) => row(i)).join('\n') + '\n';

describe('detectKind', () => {
  it('reads source/target text as pairs: by its header, or as two tab-separated text columns', () => {
    expect(detectKind('source\ttarget\n' + lines(30, (i) => `hello ${i}\tbonjour ${i}`), true, 'pairs.tsv')).toMatchObject({
      kind: 'pairs',
      reason: expect.stringContaining('"source" and "target"'),
    });
    expect(
      detectKind(
        lines(30, (i) => `the cat ${i}\tle chat ${i}`),
        true,
        'pairs.tsv',
      ),
    ).toMatchObject({ kind: 'pairs', reason: expect.stringContaining('separated by tabs') });
    expect(
      detectKind(
        lines(30, (i) => JSON.stringify({ source: `${i}+1`, target: String(i + 1) })),
        true,
        'p.jsonl',
      ),
    ).toMatchObject({ kind: 'pairs', reason: expect.stringContaining('JSON Lines') });
  });

  it('reads numeric columns as a series, with decimal commas and a text column too', () => {
    expect(detectKind('time,value\n' + lines(50, (i) => `${i},${Math.sin(i).toFixed(3)}`), true, 'x.csv')).toMatchObject({
      kind: 'series',
      reason: 'column "value" holds numbers',
    });
    expect(detectKind('t;x;tag\n' + lines(50, (i) => `${i};${i % 7},5;site ${i % 3}`), true, 'x.csv')).toMatchObject({
      kind: 'series',
      reason: expect.stringContaining('decimal commas'),
    });
    expect(
      detectKind(
        lines(50, (i) => String(i * 1.5)),
        true,
        'x.dat',
      ).kind,
    ).toBe('series');
  });

  it('reads a label beside sequences as labelled', () => {
    expect(detectKind('label,sequence\n' + lines(20, (i) => `${i % 2 ? 'up' : 'down'},"1 2 3"`), true, 'l.csv')).toMatchObject({
      kind: 'labelled',
      reason: expect.stringContaining('header'),
    });
    expect(detectKind('y,x\n' + lines(20, (i) => `${i % 2 ? 'up' : 'down'},${i} ${i + 1} ${i + 2}`), true, 'l.csv')).toMatchObject({
      kind: 'labelled',
      reason: expect.stringContaining('like class labels'),
    });
    expect(
      detectKind(
        lines(20, (i) => JSON.stringify({ label: i % 2, sequence: [1, 2] })),
        true,
        'l.jsonl',
      ).kind,
    ).toBe('labelled');
  });

  it('reads prose, or a .txt file, as text', () => {
    expect(detectKind('It was a dark and stormy night; the rain fell in torrents.\n'.repeat(5), true, 'story.txt')).toMatchObject({
      kind: 'text',
      reason: expect.stringContaining('.txt'),
    });
    expect(detectKind('It was a dark and stormy night\nthe rain fell in torrents\n', true, 'story')).toMatchObject({
      kind: 'text',
      reason: expect.stringContaining('do not split into columns'),
    });
  });

  it('lets an option only one kind takes decide', () => {
    expect(detectKind('a,b\n1,2\n', true, 'x.txt', { keys: ['columns'] })).toMatchObject({ kind: 'series', reason: expect.stringContaining('columns') });
    expect(detectKind('a,b\n1,2\n', true, 'x.csv', { keys: ['source', 'target'] }).kind).toBe('pairs');
    expect(detectKind('a,b\n1,2\n', true, 'x.csv', { keys: ['columns', 'label'] }).kind).toBeNull();
  });

  it('leaves an ambiguous file open, saying what it saw', () => {
    const twoTextColumns = detectKind('name,city\n' + lines(30, (i) => `person ${i},town ${i}`), true, 'x.csv');
    expect(twoTextColumns).toMatchObject({ kind: null, reason: expect.stringContaining('hold no numbers') });
    expect(
      detectKind(
        lines(10, (i) => JSON.stringify({ a: i, b: 'x' })),
        true,
        'x.jsonl',
      ),
    ).toMatchObject({ kind: null, reason: expect.stringContaining('neither') });
  });
});
