// The preview the import dialog shows before anything is imported, from the first part of a file: the layout
// detected, the first rows, each column's type, a histogram of sequence lengths and the class balance of a label
// column. Problems in the sample (ragged rows, bad JSON lines) are listed rather than fatal, so the user sees them.
import { ColumnTypeTracker, tokenize, type ColumnType, type TokenLevel } from './cells';
import { DelimitedTokenizer, type DelimitedRecord } from './delimited-tokenizer';
import { detectFormat, resolveLayout } from './detect';
import { catchImport, ImportFailure, importError, type ImportError, type ImportResult } from './import-error';
import { classBalance, LengthCounter, type Histogram } from './histogram';
import { LineSplitter } from './line-splitter';

export interface PreviewOptions {
  readonly format?: 'auto' | 'delimited' | 'jsonl' | 'text';
  readonly delimiter?: string;
  readonly header?: boolean | 'auto';
  /** Rows shown (default 20). */
  readonly rows?: number;
  /** Column of labels for the class balance; guessed when left out. */
  readonly label?: string;
  /** Column of sequences for the lengths histogram; guessed when left out. */
  readonly sequence?: string;
  /** How sequences are counted: characters or whitespace-separated tokens (default word). */
  readonly level?: TokenLevel;
  readonly maxRecordChars?: number;
}

export interface ColumnPreview {
  readonly name: string;
  readonly type: ColumnType;
  /** Empty cells in the sample. */
  readonly empty: number;
  /** Distinct values in the sample (counted up to 1000). */
  readonly distinct: number;
}

export interface DatasetPreview {
  readonly format: 'delimited' | 'jsonl' | 'text';
  readonly delimiter: string | null;
  readonly header: boolean;
  readonly columns: readonly ColumnPreview[];
  /** The first rows, cells as text (JSON arrays joined with spaces). */
  readonly rows: readonly (readonly string[])[];
  /** Rows in the sample, all of them used for types, lengths and balance. */
  readonly sampledRows: number;
  /** True when the sample is the whole file. */
  readonly complete: boolean;
  readonly lengths: { readonly column: string; readonly unit: 'characters' | 'tokens'; readonly histogram: Histogram } | null;
  readonly classBalance: { readonly column: string; readonly classes: readonly { label: string; count: number }[] } | null;
  /** Up to 10 problems found in the sample; an import would stop at the first. */
  readonly problems: readonly ImportError[];
}

const LABEL_NAMES = ['label', 'class', 'category', 'target', 'y'];
const SEQUENCE_NAMES = ['sequence', 'text', 'source', 'input', 'x'];
const MAX_PROBLEMS = 10;

/**
 * Previews the beginning of a file (`complete` when `sample` is all of it).
 * Fails only when nothing can be shown: an empty sample, or a header that cannot name the columns.
 */
export function previewSample(sample: string, complete: boolean, file: string, options: PreviewOptions = {}): ImportResult<DatasetPreview> {
  return catchImport(() => {
    if (sample.trim() === '') throw new ImportFailure(importError('empty-file', file, null, 'the file holds no text (it is empty or only blank lines)', 'Choose the file that holds the data.'));
    const maxRecordChars = options.maxRecordChars ?? 1_000_000;
    const requested = options.format ?? 'auto';
    const format = requested === 'text' || (requested === 'auto' && /\.(txt|md|text)$/i.test(file)) ? 'text' : detectFormat(sample, file, requested);
    const problems: ImportError[] = [];
    const note = (e: unknown): void => {
      if (!(e instanceof ImportFailure)) throw e;
      if (problems.length < MAX_PROBLEMS) problems.push(e.error);
    };
    let table: { names: string[]; rows: string[][]; delimiter: string | null; header: boolean };
    if (format === 'text') table = { names: ['line'], rows: lines(sample, complete, file, maxRecordChars, note).map((l) => [l.text]), delimiter: null, header: false };
    else if (format === 'jsonl') table = { ...jsonRows(lines(sample, complete, file, maxRecordChars, note), note, file), delimiter: null, header: false };
    else {
      const layout = resolveLayout(sample, complete, file, { format: 'delimited', delimiter: options.delimiter ?? 'auto', header: options.header ?? 'auto', maxRecordChars, expectedNames: [options.label, options.sequence].filter((n): n is string => n !== undefined) });
      if (layout === null || layout.format !== 'delimited') throw new Error('previewSample: a sample without a whole record');
      const records = delimitedRecords(sample, complete, file, layout.delimiter, maxRecordChars, note).slice(layout.header ? 1 : 0);
      const width = layout.columns.length;
      const rows = records.filter((r) => {
        if (r.fields.length === width) return true;
        note(new ImportFailure(importError('ragged-row', file, { line: r.line }, `this row has ${r.fields.length} fields but ${layout.header ? 'the header has' : 'the first row has'} ${width}`, 'Make every row have the same number of fields.')));
        return false;
      });
      table = { names: [...layout.columns], rows: rows.map((r) => r.fields), delimiter: layout.delimiter, header: layout.header };
    }
    const columns = table.names.map((name, j) => columnPreview(name, table.rows.map((r) => r[j] ?? '')));
    const level = options.level ?? 'word';
    const sequence = options.sequence ?? (format === 'text' ? 'line' : guessSequence(columns, table, level));
    const label = options.label ?? (format === 'text' ? undefined : guessLabel(columns, table.rows.length));
    return {
      format,
      delimiter: table.delimiter,
      header: table.header,
      columns,
      rows: table.rows.slice(0, options.rows ?? 20),
      sampledRows: table.rows.length,
      complete,
      lengths: lengthsOf(table, sequence, format === 'text' ? 'char' : level),
      classBalance: balanceOf(table, label),
      problems,
    };
  });
}

function lines(sample: string, complete: boolean, file: string, maxChars: number, note: (e: unknown) => void): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const keep = (text: string, line: number): void => {
    if (text.trim() !== '') out.push({ text, line });
  };
  const splitter = new LineSplitter(file, maxChars);
  try {
    splitter.push(sample, keep);
    if (complete) splitter.end(keep);
  } catch (e) {
    note(e);
  }
  return out;
}

function delimitedRecords(sample: string, complete: boolean, file: string, delimiter: string, maxChars: number, note: (e: unknown) => void): DelimitedRecord[] {
  const out: DelimitedRecord[] = [];
  const tokenizer = new DelimitedTokenizer(file, delimiter, maxChars);
  try {
    tokenizer.push(sample, (r) => out.push(r));
    if (complete) tokenizer.end((r) => out.push(r));
  } catch (e) {
    note(e);
  }
  return out;
}

function jsonRows(texts: readonly { text: string; line: number }[], note: (e: unknown) => void, file: string): { names: string[]; rows: string[][] } {
  const objects: Record<string, unknown>[] = [];
  texts.forEach(({ text, line }) => {
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) objects.push(value as Record<string, unknown>);
      else note(new ImportFailure(importError('invalid-record', file, { line, column: 1 }, 'this line is JSON but not an object', 'Write one JSON object per line.')));
    } catch (e) {
      note(new ImportFailure(importError('invalid-json', file, { line, column: 1 }, `this line is not valid JSON (${e instanceof Error ? e.message : String(e)})`, 'Write one JSON object per line.')));
    }
  });
  const names = [...new Set(objects.flatMap((o) => Object.keys(o)))].slice(0, 50);
  const cell = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : Array.isArray(v) ? v.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join(' ') : JSON.stringify(v));
  return { names, rows: objects.map((o) => names.map((n) => cell(o[n]))) };
}

function columnPreview(name: string, cells: readonly string[]): ColumnPreview {
  const tracker = new ColumnTypeTracker();
  const distinct = new Set<string>();
  for (const c of cells) {
    tracker.add(c);
    if (distinct.size < 1000) distinct.add(c);
  }
  return { name, type: tracker.type, empty: tracker.empty, distinct: distinct.size };
}

/** A column named like a label, else the text or integer column with the fewest distinct values (2 to 50, at most half the rows). */
function guessLabel(columns: readonly ColumnPreview[], rows: number): string | undefined {
  const named = columns.find((c) => LABEL_NAMES.includes(c.name.toLowerCase()));
  if (named !== undefined) return named.name;
  const candidates = columns.filter((c) => (c.type === 'text' || c.type === 'integer') && c.distinct >= 2 && c.distinct <= Math.min(50, rows / 2));
  return candidates.sort((a, b) => a.distinct - b.distinct)[0]?.name;
}

/** A column named like a sequence, else the text column with the most tokens per cell (more than one). */
function guessSequence(columns: readonly ColumnPreview[], table: { names: string[]; rows: string[][] }, level: TokenLevel): string | undefined {
  const named = columns.find((c) => SEQUENCE_NAMES.includes(c.name.toLowerCase()));
  if (named !== undefined) return named.name;
  let best: string | undefined;
  let bestMean = 1;
  table.names.forEach((name, j) => {
    if (columns[j].type !== 'text' || table.rows.length === 0) return;
    const mean = table.rows.reduce((s, r) => s + tokenize(r[j] ?? '', level).length, 0) / table.rows.length;
    if (mean > bestMean) [best, bestMean] = [name, mean];
  });
  return best;
}

function lengthsOf(table: { names: string[]; rows: string[][] }, column: string | undefined, level: TokenLevel): DatasetPreview['lengths'] {
  const j = column === undefined ? -1 : table.names.indexOf(column);
  if (column === undefined || j < 0) return null;
  const counter = new LengthCounter();
  for (const r of table.rows) counter.add(tokenize(r[j] ?? '', level).length);
  const histogram = counter.histogram();
  return histogram === null ? null : { column, unit: level === 'char' ? 'characters' : 'tokens', histogram };
}

function balanceOf(table: { names: string[]; rows: string[][] }, column: string | undefined): DatasetPreview['classBalance'] {
  const j = column === undefined ? -1 : table.names.indexOf(column);
  if (column === undefined || j < 0) return null;
  const counts = new Map<string, number>();
  for (const r of table.rows) {
    const label = (r[j] ?? '').trim();
    if (label !== '') counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return { column, classes: classBalance(counts) };
}
