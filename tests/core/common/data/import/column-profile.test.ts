// Column profiles: a column numeric in most rows is numeric (its other cells are errors, not a reason to drop it),
// the decimal mark of a file, an index-like first column, and the default inputs of a series with their reasons.
import { describe, expect, it } from 'vitest';
import { ColumnProfile, defaultInputs, detectDecimal, profileColumns } from '../../../../../core/common/data/import/column-profile';
import { sampleRecords } from '../../../../../core/common/data/import/detect';

const profile = (cells: string[], decimal: '.' | ',' = '.'): ColumnProfile => {
  const p = new ColumnProfile(decimal);
  cells.forEach((c, i) => p.add(c, i + 2, 1));
  return p;
};

describe('ColumnProfile', () => {
  it('types a column by what most of its non-empty cells hold', () => {
    expect(profile(['1', '', '2']).type).toBe('integer');
    expect(profile(['1', '2.0']).type).toBe('number');
    expect(profile(['1', 'x']).type).toBe('text');
    expect(profile(['', ' ']).type).toBe('empty');
  });

  it('keeps a column with one bad cell numeric, and counts and locates the cell', () => {
    const cells = Array.from({ length: 300 }, (_, i) => (i === 157 ? 'abc' : (i / 7).toFixed(3)));
    const p = profile(cells);
    expect(p).toMatchObject({ type: 'number', numeric: true, invalid: 1 });
    expect(p.bad).toEqual([{ line: 159, column: 1, cell: 'abc' }]);
    expect(profile(['1', 'NaN', '3']).invalid).toBe(1);
    expect(profile(['1', 'NaN', '3']).type).toBe('integer');
  });

  it('reads decimal commas as numbers when the file writes them', () => {
    expect(profile(['1,5', '2,25'], ',')).toMatchObject({ type: 'number', invalid: 0 });
    // read with points, a decimal-comma column is still numeric-looking: its cells are errors, not silently text
    expect(profile(['1,5', '2,25'], '.')).toMatchObject({ type: 'text', numeric: false });
  });

  it('tells a counter and dates from data', () => {
    expect(profile(['0', '1', '2', '5']).monotoneIntegers).toBe(true);
    expect(profile(['0', '2', '1']).monotoneIntegers).toBe(false);
    expect(profile(['1.5', '2.5', '3.5']).monotoneIntegers).toBe(false);
    expect(profile(['2024-01-01', '2024-01-02 13:00', '2024-01-03T00:00:00Z']).holdsDates).toBe(true);
    expect(profile(['01.02.2024', '02.02.2024']).holdsDates).toBe(true);
  });
});

describe('detectDecimal', () => {
  const records = (text: string, delimiter: string) => sampleRecords(text, true, 'x.csv', delimiter, 1000).slice(1);
  it('detects decimal commas in a file delimited by ";" that writes its numbers 1,5', () => {
    expect(detectDecimal(records('t;x\n0;1,5\n1;2,5\n', ';'), ';', 'auto')).toMatchObject({ mark: ',', note: expect.stringContaining('"1,5" is 1.5') });
    expect(detectDecimal(records('t\tx\n0\t1,5\n', '\t'), '\t', 'auto').mark).toBe(',');
  });

  it('keeps points otherwise: a comma-delimited file, more points than commas, or no comma numbers', () => {
    expect(detectDecimal(records('t,x\n0,"1,5"\n', ','), ',', 'auto').mark).toBe('.');
    expect(detectDecimal(records('t;x;y\n0;1.5;2,5\n1;2.5;3.5\n', ';'), ';', 'auto').mark).toBe('.');
    expect(detectDecimal(records('t;x\n0;1.5\n', ';'), ';', 'auto')).toEqual({ mark: '.', note: null });
    expect(detectDecimal(records('t;x\n0;1.5\n', ';'), ';', ',').mark).toBe(',');
  });
});

describe('defaultInputs', () => {
  const inputsOf = (csv: string) => {
    const records = sampleRecords(csv, true, 'x.csv', ',', 10_000);
    const names = records[0]!.fields;
    return defaultInputs(names, profileColumns(records.slice(1), names.length, '.'));
  };

  it('leaves out an index-like first column (by name, a counter, or dates) and text columns, saying why', () => {
    const rows = (first: (i: number) => string) => Array.from({ length: 10 }, (_, i) => `${first(i)},${Math.sin(i).toFixed(3)},site ${i % 2}`).join('\n');
    for (const [name, first, why] of [
      ['time', (i: number) => String(i * 0.5), 'its name "time"'],
      ['hour', (i: number) => String(i), 'only increase'],
      ['day', (i: number) => `2024-01-${String(i + 1).padStart(2, '0')}`, 'dates or times'],
    ] as const) {
      const found = inputsOf(`${name},temp,tag\n${rows(first)}\n`);
      expect(found.inputs).toEqual(['temp']);
      expect(found.reasons.get(name)?.reason).toContain(why);
      expect(found.reasons.get('tag')?.reason).toContain('holds text');
    }
  });

  it('keeps a numeric first column that is not an index, and a numeric column with a bad cell', () => {
    const found = inputsOf('a,b\n3,1\n1,abc\n2,2\n5,3\n');
    expect(found.inputs).toEqual(['a', 'b']);
    expect(found.reasons.get('b')?.reason).toContain('1 cell is not ("abc")');
  });
});
