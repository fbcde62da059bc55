// The preview the import dialog shows before anything is imported, from the first part of a file: the kind of
// data (as asked, or detected and why), the layout detected, the first rows, each column's type, which columns a
// series would read and why, a histogram of sequence lengths and the class balance of a label column. Problems in
// the sample (ragged rows, bad JSON lines, cells a series cannot read as numbers) are listed rather than fatal.
import { requireNumber, tokenize, type DecimalMark, type TokenLevel } from './cells';
import { ColumnProfile, detectDecimal, type ColumnChoice, type ColumnType } from './column-profile';
import { DelimitedTokenizer, type DelimitedRecord } from './delimited-tokenizer';
import { detectFormat, resolveLayout } from './detect';
import { catchImport, ImportFailure, importError, type ImportError, type ImportResult } from './import-error';
import { seriesOptionsSchema, type ImportKind } from './import-options';
import { classBalance, LengthCounter, type Histogram } from './histogram';
import { detectKind, type KindDetection } from './kind-detect';
import { LineSplitter } from './line-splitter';
import { LEAVE_OUT, resolveSeriesColumns } from './series-import';
import { at } from '../../checked-index';
import type { FileFormat, FormatChoice } from './file-formats';

export interface PreviewOptions {
  /** The kind the file will be imported as; detected from the content when left out or 'auto'. */
  readonly kind?: ImportKind | 'auto';
  readonly format?: FormatChoice;
  readonly delimiter?: string;
  readonly header?: boolean | 'auto';
  /** Series: the input columns and the target, as an import would be asked (default: chosen from the sample). */
  readonly columns?: readonly string[];
  readonly target?: string;
  readonly decimal?: 'auto' | DecimalMark;
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
  /** The type most of its non-empty cells have (numeric in most rows is numeric). */
  readonly type: ColumnType;
  /** Empty cells in the sample. */
  readonly empty: number;
  /** Cells of a numeric column that are not finite numbers (each an error when a series reads the column). */
  readonly invalid: number;
  /** Distinct values in the sample (counted up to 1000). */
  readonly distinct: number;
}

export interface DatasetPreview {
  /** The kind as asked or detected; null when the content does not say (an import would ask for it). */
  readonly kind: ImportKind | null;
  /** "as asked", or what the detection saw. */
  readonly kindReason: string;
  readonly format: FileFormat;
  readonly delimiter: string | null;
  readonly header: boolean;
  /** The mark before a number's fraction, as asked or detected. */
  readonly decimal: DecimalMark;
  readonly columns: readonly ColumnPreview[];
  /** Series: every column's part (input, target or left out) and why; empty for other kinds. */
  readonly columnChoices: readonly ColumnChoice[];
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

interface Table {
  names: string[];
  rows: string[][];
  profiles: ColumnProfile[];
  delimiter: string | null;
  header: boolean;
  decimal: DecimalMark;
  choices: readonly ColumnChoice[];
}

/**
 * Previews the beginning of a file (`complete` when `sample` is all of it).
 * Fails only when nothing can be shown: an empty sample, or a header that cannot name the columns.
 */
export function previewSample(sample: string, complete: boolean, file: string, options: PreviewOptions = {}): ImportResult<DatasetPreview> {
  return catchImport(() => {
    if (sample.trim() === '')
      throw new ImportFailure(
        importError('empty-file', file, null, 'the file holds no text (it is empty or only blank lines)', 'Choose the file that holds the data.'),
      );
    const maxRecordChars = options.maxRecordChars ?? 1_000_000;
    const problems: ImportError[] = [];
    const note = (e: unknown): void => {
      if (!(e instanceof ImportFailure)) throw e;
      const same = problems.some((p) => p.code === e.error.code && p.line === e.error.line && p.column === e.error.column);
      if (!same && problems.length < MAX_PROBLEMS) problems.push(e.error);
    };
    const detected = kindOf(sample, complete, file, options, maxRecordChars);
    const requested = options.format ?? 'auto';
    const format = requested === 'text' || (requested === 'auto' && detected.kind === 'text') ? 'text' : detectFormat(sample, file, requested);
    let table: Table;
    if (format === 'text')
      table = plainTable(
        ['line'],
        lines(sample, complete, file, maxRecordChars, note).map((l) => [l.text]),
      );
    else if (format === 'jsonl') {
      const json = jsonRows(lines(sample, complete, file, maxRecordChars, note), note, file);
      table = plainTable(json.names, json.rows);
    } else table = delimitedTable(sample, complete, file, options, detected.kind, maxRecordChars, note);
    const columns = table.names.map((name, j): ColumnPreview => {
      const p = at(table.profiles, j, 'previewSample: column profiles');
      return { name, type: p.type, empty: p.empty, invalid: p.invalid, distinct: p.distinct };
    });
    const level = options.level ?? 'word';
    const sequence = options.sequence ?? (format === 'text' ? 'line' : guessSequence(columns, table, level));
    const label = options.label ?? (format === 'text' ? undefined : guessLabel(columns, table.rows.length));
    return {
      kind: detected.kind,
      kindReason: detected.reason,
      format,
      delimiter: table.delimiter,
      header: table.header,
      decimal: table.decimal,
      columns,
      columnChoices: table.choices,
      rows: table.rows.slice(0, options.rows ?? 20),
      sampledRows: table.rows.length,
      complete,
      lengths: lengthsOf(table, sequence, format === 'text' ? 'char' : level),
      classBalance: balanceOf(table, label),
      problems,
    };
  });
}

/** The kind as asked, or detected from the sample (a problem that stops detection leaves it open: the preview lists it). */
function kindOf(sample: string, complete: boolean, file: string, options: PreviewOptions, maxRecordChars: number): KindDetection {
  if (options.kind !== undefined && options.kind !== 'auto') return { kind: options.kind, reason: 'as asked' };
  const keys = Object.entries({ columns: options.columns, decimal: options.decimal === 'auto' ? undefined : options.decimal })
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
  try {
    const detected = detectKind(sample, complete, file, {
      keys,
      format: options.format,
      delimiter: options.delimiter,
      header: options.header,
      decimal: options.decimal,
      maxRecordChars,
    });
    return detected.kind === null ? detected : { kind: detected.kind, reason: `detected: ${detected.reason}` };
  } catch (e) {
    if (!(e instanceof ImportFailure)) throw e;
    return { kind: null, reason: `the first rows could not be read (${e.error.code}, listed below)` };
  }
}

function plainTable(names: string[], rows: string[][]): Table {
  const profiles = names.map(() => new ColumnProfile());
  for (const r of rows) profiles.forEach((profile, j) => profile.add(r[j] ?? ''));
  return { names, rows, profiles, delimiter: null, header: false, decimal: '.', choices: [] };
}

/**
 * The delimited sample as a table, its columns profiled with the file's decimal mark; for a series, the columns
 * an import would read, and every cell among them it would refuse, as a problem at its line and column.
 */
function delimitedTable(
  sample: string,
  complete: boolean,
  file: string,
  options: PreviewOptions,
  kind: ImportKind | null,
  maxRecordChars: number,
  note: (e: unknown) => void,
): Table {
  const layout = resolveLayout(sample, complete, file, {
    format: 'delimited',
    delimiter: options.delimiter ?? 'auto',
    header: options.header ?? 'auto',
    maxRecordChars,
    expectedNames: [options.label, options.sequence].filter((n): n is string => n !== undefined),
  });
  if (layout === null || layout.format !== 'delimited') throw new Error('previewSample: a sample without a whole record');
  const records = delimitedRecords(sample, complete, file, layout.delimiter, maxRecordChars, note).slice(layout.header ? 1 : 0);
  const width = layout.columns.length;
  const rows = records.filter((r) => {
    if (r.fields.length === width) return true;
    note(
      new ImportFailure(
        importError(
          'ragged-row',
          file,
          { line: r.line },
          `this row has ${r.fields.length} fields but ${layout.header ? 'the header has' : 'the first row has'} ${width}`,
          'Make every row have the same number of fields.',
        ),
      ),
    );
    return false;
  });
  const decimal = detectDecimal(rows, layout.delimiter, options.decimal ?? 'auto').mark;
  const profiles = layout.columns.map(() => new ColumnProfile(decimal));
  // rows has only records with one field per column (ragged ones were noted above)
  for (const r of rows) r.fields.forEach((cell, j) => at(profiles, j, 'previewSample: column profiles').add(cell, r.lines[j], r.columns[j]));
  let choices: readonly ColumnChoice[] = [];
  if (kind === 'series') {
    const parsed = seriesOptionsSchema.safeParse({
      kind: 'series',
      columns: options.columns,
      target: options.target,
      decimal: options.decimal,
      maxRecordChars,
    });
    try {
      if (parsed.success) choices = seriesCells(resolveSeriesColumns(parsed.data, layout, sample, complete, file), layout.columns, profiles, file, note);
    } catch (e) {
      note(e);
    }
  }
  return { names: [...layout.columns], rows: rows.map((r) => r.fields), profiles, delimiter: layout.delimiter, header: layout.header, decimal, choices };
}

/** Notes every empty or non-number cell of the columns a series reads, in line order, as the import would refuse it. */
function seriesCells(
  series: ReturnType<typeof resolveSeriesColumns>,
  names: readonly string[],
  profiles: readonly ColumnProfile[],
  file: string,
  note: (e: unknown) => void,
): readonly ColumnChoice[] {
  const cells = series.used.flatMap((name) => {
    const p = at(profiles, names.indexOf(name), `previewSample: the profile of series column ${name}`);
    const role = name === series.target ? 'it is the target of the series' : 'it is an input of the series';
    return [...p.bad, ...p.blanks].map((b) => ({ ...b, name, role }));
  });
  cells.sort((a, b) => a.line - b.line || a.column - b.column);
  for (const c of cells) {
    try {
      requireNumber(c.cell, c.name, { line: c.line, column: c.column }, file, c.role, { decimal: series.decimal, leaveOut: LEAVE_OUT });
    } catch (e) {
      note(e);
    }
  }
  return series.choices;
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
      else
        note(
          new ImportFailure(importError('invalid-record', file, { line, column: 1 }, 'this line is JSON but not an object', 'Write one JSON object per line.')),
        );
    } catch (e) {
      note(
        new ImportFailure(
          importError(
            'invalid-json',
            file,
            { line, column: 1 },
            `this line is not valid JSON (${e instanceof Error ? e.message : String(e)})`,
            'Write one JSON object per line.',
          ),
        ),
      );
    }
  });
  const names = [...new Set(objects.flatMap((o) => Object.keys(o)))].slice(0, 50);
  const cell = (v: unknown): string =>
    v === undefined || v === null
      ? ''
      : typeof v === 'string'
        ? v
        : Array.isArray(v)
          ? v.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join(' ')
          : JSON.stringify(v);
  return { names, rows: objects.map((o) => names.map((n) => cell(o[n]))) };
}

/** A column named like a label, else the text or integer column with the fewest distinct values (2 to 50, at most half the rows). */
function guessLabel(columns: readonly ColumnPreview[], rows: number): string | undefined {
  const named = columns.find((c) => LABEL_NAMES.includes(c.name.toLowerCase()));
  if (named !== undefined) return named.name;
  const candidates = columns.filter((c) => (c.type === 'text' || c.type === 'integer') && c.distinct >= 2 && c.distinct <= Math.min(50, rows / 2));
  return candidates.sort((a, b) => a.distinct - b.distinct)[0]?.name;
}

/** A column named like a sequence, else the text column with the most tokens per cell (more than one). */
function guessSequence(columns: readonly ColumnPreview[], table: Table, level: TokenLevel): string | undefined {
  const named = columns.find((c) => SEQUENCE_NAMES.includes(c.name.toLowerCase()));
  if (named !== undefined) return named.name;
  let best: string | undefined;
  let bestMean = 1;
  table.names.forEach((name, j) => {
    if (at(columns, j, 'guessSequence: column previews').type !== 'text' || table.rows.length === 0) return;
    const mean = table.rows.reduce((s, r) => s + tokenize(r[j] ?? '', level).length, 0) / table.rows.length;
    if (mean > bestMean) [best, bestMean] = [name, mean];
  });
  return best;
}

function lengthsOf(table: Table, column: string | undefined, level: TokenLevel): DatasetPreview['lengths'] {
  const j = column === undefined ? -1 : table.names.indexOf(column);
  if (column === undefined || j < 0) return null;
  const counter = new LengthCounter();
  for (const r of table.rows) counter.add(tokenize(r[j] ?? '', level).length);
  const histogram = counter.histogram();
  return histogram === null ? null : { column, unit: level === 'char' ? 'characters' : 'tokens', histogram };
}

function balanceOf(table: Table, column: string | undefined): DatasetPreview['classBalance'] {
  const j = column === undefined ? -1 : table.names.indexOf(column);
  if (column === undefined || j < 0) return null;
  const counts = new Map<string, number>();
  for (const r of table.rows) {
    const label = (r[j] ?? '').trim();
    if (label !== '') counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return { column, classes: classBalance(counts) };
}
