// The preview: layout, first rows, column types, lengths histogram, class balance, and problems listed, not fatal.
import { describe, expect, it } from 'vitest';
import { previewSample } from '../../../../../core/common/data/import/preview';

function preview(...args: Parameters<typeof previewSample>) {
  const result = previewSample(...args);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('previewSample', () => {
  it('shows the layout, first rows and the type of every column', () => {
    const csv = 'id;score;name;note\n1;0.5;ann;\n2;1;bob;\n3;-2e3;cy;\n';
    const p = preview(csv, true, 'x.csv', { rows: 2 });
    expect(p).toMatchObject({ format: 'delimited', delimiter: ';', header: true, sampledRows: 3, complete: true, problems: [] });
    expect(p.rows).toEqual([
      ['1', '0.5', 'ann', ''],
      ['2', '1', 'bob', ''],
    ]);
    expect(p.columns.map((c) => [c.name, c.type])).toEqual([
      ['id', 'integer'],
      ['score', 'number'],
      ['name', 'text'],
      ['note', 'empty'],
    ]);
  });

  it('gives a histogram of sequence lengths and the balance of the label column', () => {
    const csv = 'label,sequence\n' + ['pos,a b c', 'neg,a b', 'pos,a b c d', 'pos,a'].join('\n');
    const p = preview(csv, true, 'x.csv');
    expect(p.classBalance).toEqual({
      column: 'label',
      classes: [
        { label: 'pos', count: 3 },
        { label: 'neg', count: 1 },
      ],
    });
    expect(p.lengths).toMatchObject({ column: 'sequence', unit: 'tokens', histogram: { min: 1, max: 4, mean: 2.5, total: 4 } });
    expect(p.lengths?.histogram.counts.reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('previews JSON Lines, listing bad lines as problems with their line numbers', () => {
    const p = preview('{"label": "a", "sequence": [1, 2]}\n\nnot json\n[1]\n{"label": "b", "sequence": [3]}\n', true, 'x.jsonl');
    expect(p.format).toBe('jsonl');
    expect(p.rows).toEqual([
      ['a', '1 2'],
      ['b', '3'],
    ]);
    expect(p.problems.map((e) => [e.code, e.line])).toEqual([
      ['invalid-json', 3],
      ['invalid-record', 4],
    ]);
  });

  it('lists ragged rows and an unclosed quote without failing', () => {
    const p = preview('a,b\n1,2\n3\n4,5\n"6,7\n', true, 'x.csv');
    expect(p.rows).toEqual([
      ['1', '2'],
      ['4', '5'],
    ]);
    expect(p.problems.map((e) => [e.code, e.line])).toEqual([
      ['bad-quote', 5],
      ['ragged-row', 3],
    ]);
  });

  it('previews plain text as lines with a histogram of their lengths in characters', () => {
    const p = preview('one\ntwo two\n', true, 'x.txt');
    expect(p).toMatchObject({ format: 'text', rows: [['one'], ['two two']], lengths: { unit: 'characters', histogram: { min: 3, max: 7 } } });
  });

  it('drops the last, possibly cut, record of an incomplete sample', () => {
    expect(preview('a,b\n1,2\n3,4', false, 'x.csv').rows).toEqual([['1', '2']]);
  });

  it('keeps a numeric column with one bad cell numeric, lists the cell as a problem, and says which columns a series reads', () => {
    const csv = 'time,value,tag\n' + Array.from({ length: 300 }, (_, t) => `${t},${t === 157 ? 'abc' : (t / 7).toFixed(2)},s${t % 3}`).join('\n') + '\n';
    const p = preview(csv, true, 'x.csv');
    expect(p).toMatchObject({ kind: 'series', kindReason: 'detected: column "value" holds numbers', decimal: '.' });
    expect(p.columns.map((c) => [c.name, c.type, c.invalid])).toEqual([
      ['time', 'integer', 0],
      ['value', 'number', 1],
      ['tag', 'text', 0],
    ]);
    expect(p.columnChoices.map((c) => [c.name, c.role])).toEqual([
      ['time', 'left out'],
      ['value', 'input and target'],
      ['tag', 'left out'],
    ]);
    expect(p.columnChoices[0]!.reason).toContain('an index');
    expect(p.problems).toEqual([
      expect.objectContaining({ code: 'not-a-number', line: 159, column: 5, message: expect.stringContaining('"abc" in column "value"') }),
    ]);
    expect(p.problems[0]!.message).toContain('--columns');
  });

  it('lists NaN and empty cells of the columns a series reads, but not of a column it leaves out', () => {
    const csv =
      'a,b,note\n' + Array.from({ length: 20 }, (_, t) => `${(t * 1.5) % 7},${t === 3 ? 'NaN' : t === 9 ? '' : t},${t === 4 ? 'n/a' : t}`).join('\n') + '\n';
    const p = preview(csv, true, 'x.csv', { kind: 'series', columns: ['a', 'b'] });
    expect(p.kindReason).toBe('as asked');
    expect(p.problems.map((e) => [e.code, e.line, e.column])).toEqual([
      ['non-finite', 5, 5],
      ['empty-cell', 11, 5],
    ]);
    expect(p.columnChoices.find((c) => c.name === 'note')).toMatchObject({ role: 'left out', reason: 'not named in the columns option' });
  });

  it('reads decimal commas in a ";" file as numbers, and names the format of a comma number in a "," file', () => {
    const semicolons = preview('t;x\n' + Array.from({ length: 10 }, (_, t) => `${t};${t},5`).join('\n') + '\n', true, 'x.csv');
    expect(semicolons).toMatchObject({ delimiter: ';', decimal: ',', kind: 'series', problems: [] });
    expect(semicolons.columns[1]).toMatchObject({ name: 'x', type: 'number', invalid: 0 });
    const commas = preview('t,x\n' + Array.from({ length: 10 }, (_, t) => `${t},${t === 5 ? '"1,5"' : `${t}.5`}`).join('\n') + '\n', true, 'x.csv');
    expect(commas.decimal).toBe('.');
    expect(commas.problems).toEqual([expect.objectContaining({ code: 'number-format', line: 7, message: expect.stringContaining('decimal comma') })]);
  });

  it('says what kind the file holds and why, or that it cannot tell', () => {
    expect(preview('source\ttarget\n' + Array.from({ length: 20 }, (_, i) => `cat ${i}\tchat ${i}`).join('\n'), true, 'p.tsv')).toMatchObject({
      kind: 'pairs',
      kindReason: expect.stringContaining('"source" and "target"'),
      columnChoices: [],
    });
    expect(preview('name,city\n' + Array.from({ length: 20 }, (_, i) => `p${i},c${i}`).join('\n'), true, 'x.csv')).toMatchObject({
      kind: null,
      kindReason: expect.stringContaining('hold no numbers'),
    });
  });

  it('fails only when nothing can be shown', () => {
    expect(previewSample(' \n', true, 'x.csv')).toMatchObject({ ok: false, error: { code: 'empty-file' } });
    expect(previewSample('a,a\n1,2\n', true, 'x.csv', { header: true })).toMatchObject({ ok: false, error: { code: 'duplicate-header', line: 1, column: 3 } });
  });
});
