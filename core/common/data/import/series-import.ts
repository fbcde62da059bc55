// Importing a CSV/TSV time series: chosen input columns and a target column, one row per time step.
// Pass 1 (scan) checks every row and counts them; pass 2 (fit) reads the training rows again to fit the z-score
// normaliser on them only (the split is time-ordered, 80/10/10, so it is known once the rows are counted);
// the loader reads the whole file into normalised arrays for training.
//
// Legend: N rows (time steps), I input columns, U columns used (inputs, plus the target if it is not one).
import { lengthForSplit, smallestSplit, splitRange } from '../series-split';
import { cellNumberOrNaN, requireNumber, tooLargeToNormalise, type DecimalMark } from './cells';
import { defaultInputs, detectDecimal, profileColumns, type ColumnChoice } from './column-profile';
import { columnsForMessage, resolveLayout, sampleRecords, type TableLayout } from './detect';
import { storedLayout, storedZScore, ENCODER_FORMAT, ENCODER_VERSION, type SeriesEncoder } from './encoder';
import { fail, quote, fieldLocation } from './import-error';
import type { SeriesOptions } from './import-options';
import { normalise, RunningStats, type ZScore } from './normaliser';
import { missingColumns, rowValue, TableReader, type TableRow } from './table-reader';
import { SampledPass, type TextPass } from './text-pass';
import { at } from '../../checked-index';

export interface SeriesColumns {
  readonly inputs: readonly string[];
  readonly target: string;
  /** inputs, then the target if it is not among them */
  readonly used: readonly string[];
  /** The mark before a number's fraction, as asked or detected. */
  readonly decimal: DecimalMark;
  /** Every column of the file: input, target or left out, and why (shown by the CLI, the API and the Data view). */
  readonly choices: readonly ColumnChoice[];
  /** Facts the import reports beside the columns (decimal commas read as such). */
  readonly notes: readonly string[];
}

/** How a user leaves a column out of a series import, for messages. */
export const LEAVE_OUT =
  'Or leave the column out by naming the input columns yourself (the columns option: --columns A,B in seqlab data import, "Input columns" in the import form).';

/**
 * The columns to read: as asked, or every numeric column of the first rows except an index-like first column
 * (numeric in most rows is numeric: its other cells are errors when read, never a reason to drop it). The target
 * defaults to the last input. Fails when no column is left to read.
 */
export function resolveSeriesColumns(options: SeriesOptions, layout: TableLayout, sample: string, complete: boolean, file: string): SeriesColumns {
  if (layout.format !== 'delimited') throw new Error('resolveSeriesColumns: a series is a delimited file');
  const asked = [...(options.columns ?? []), ...(options.target === undefined ? [] : [options.target])];
  const unknown = missingColumns(layout, asked);
  const [firstUnknown] = unknown;
  if (firstUnknown !== undefined) {
    fail(
      'unknown-column',
      file,
      { line: 1 },
      `the file has no column ${quote(firstUnknown)}; ${columnsForMessage(layout.columns)}`,
      'Choose columns from this list (without a header row they are named column1, column2, …).',
    );
  }
  const records = sampleRecords(sample, complete, file, layout.delimiter, options.maxRecordChars).slice(layout.header ? 1 : 0, 1001);
  const decimal = detectDecimal(records, layout.delimiter, options.decimal);
  let inputs: readonly string[];
  let why: (name: string) => string;
  if (options.columns === undefined) {
    const found = defaultInputs(layout.columns, profileColumns(records, layout.columns.length, decimal.mark));
    if (found.inputs.length === 0) {
      const index = found.index;
      if (index !== null) {
        fail(
          'not-a-number',
          file,
          { line: records[0]?.line ?? 1, column: 1 },
          `the only column that holds numbers in the first rows, ${quote(index)}, is ${found.reasons.get(index)?.reason ?? 'an index'}`,
          `To forecast it anyway, name it: the columns option (--columns ${index} in seqlab data import).`,
        );
      }
      fail(
        'not-a-number',
        file,
        { line: records[0]?.line ?? 1, column: 1 },
        'no column holds numbers in the first rows, and a series needs at least one',
        'Choose a file with numeric columns, or name the columns to read with the columns option.',
      );
    }
    inputs = found.inputs;
    why = (name) => found.reasons.get(name)?.reason ?? '';
  } else {
    inputs = [...new Set(options.columns)];
    why = (name) => (inputs.includes(name) ? 'named in the columns option' : 'not named in the columns option');
  }
  const target = options.target ?? inputs[inputs.length - 1];
  if (target === undefined)
    throw new Error('resolveSeriesColumns: no input column to default the target to (the options schema and defaultInputs both require one)');
  const targetWhy =
    options.target !== undefined
      ? 'named in the target option'
      : 'the last input column (choose another with the target option: --target in seqlab data import)';
  const choices = layout.columns.map((name): ColumnChoice => {
    const input = inputs.includes(name);
    if (name === target)
      return { name, role: input ? 'input and target' : 'target', reason: input ? `${why(name)}; forecast as ${targetWhy}` : `forecast as ${targetWhy}` };
    return { name, role: input ? 'input' : 'left out', reason: why(name) };
  });
  const used = inputs.includes(target) ? inputs : [...inputs, target];
  return { inputs, target, used, decimal: decimal.mark, choices, notes: decimal.note === null ? [] : [decimal.note] };
}

/** Reads the used columns of each row as finite numbers, or fails at the bad cell. */
class SeriesRows {
  readonly reader: TableReader;
  readonly values: Float64Array;

  constructor(
    private readonly file: string,
    layout: TableLayout,
    private readonly columns: Pick<SeriesColumns, 'used' | 'target' | 'decimal'>,
    maxRecordChars: number,
  ) {
    this.reader = new TableReader(file, layout, columns.used, maxRecordChars);
    this.values = new Float64Array(columns.used.length);
  }

  /** [U] the row's values (a shared buffer, overwritten by the next row). */
  parse(row: TableRow): Float64Array {
    const { used, target, decimal } = this.columns;
    for (let u = 0; u < used.length; u++) {
      const cell = rowValue(row, u);
      if (typeof cell !== 'string')
        throw new Error(`SeriesRows.parse: a series is read from a delimited file, whose cells are text; field ${u} at line ${row.line} is a JSON array`);
      const value = cellNumberOrNaN(cell, decimal);
      if (!Number.isNaN(value)) this.values[u] = value;
      else {
        const name = at(used, u, 'SeriesRows.parse: used columns');
        const role = name === target ? 'it is the target of the series' : 'it is an input of the series';
        this.values[u] = requireNumber(cell, name, fieldLocation(row, u), this.file, role, { decimal, leaveOut: LEAVE_OUT });
      }
    }
    return this.values;
  }
}

/** Pass 1: every row checked, counted, and summarised per column (over all rows, for the dataset's stats). */
export class SeriesScan implements TextPass {
  readonly done = false;
  private readonly rows: SeriesRows;
  readonly stats: RunningStats[];
  count = 0;
  lastLine = 1;

  constructor(
    private readonly file: string,
    readonly layout: TableLayout,
    readonly columns: SeriesColumns,
    maxRecordChars: number,
  ) {
    this.rows = new SeriesRows(file, layout, columns, maxRecordChars);
    this.stats = columns.used.map(() => new RunningStats());
  }

  push(text: string): void {
    this.rows.reader.push(text, this.onRow);
  }

  end(): void {
    this.rows.reader.end(this.onRow);
  }

  private readonly onRow = (row: TableRow): void => {
    const values = this.rows.parse(row);
    for (let u = 0; u < values.length; u++) {
      const stats = at(this.stats, u, 'SeriesScan: column stats');
      stats.add(values[u]!);
      if (!stats.finite) tooLargeToNormalise(values[u]!, at(this.columns.used, u, 'SeriesScan: used columns'), fieldLocation(row, u), this.file);
    }
    this.count++;
    this.lastLine = row.line;
  };
}

/** Pass 1 from the top of the file: detects the layout and columns from the first rows, then scans. */
export function seriesScan(options: SeriesOptions, file: string): SampledPass<SeriesScan> {
  return new SampledPass((sample, complete) => {
    // 'auto' picks the delimiter: a series is always delimited text, even if it starts with a brace
    const layout = resolveLayout(sample, complete, file, {
      ...options,
      format: 'delimited',
      expectedNames: [...(options.columns ?? []), ...(options.target === undefined ? [] : [options.target])],
    });
    if (layout === null) return null;
    return new SeriesScan(file, layout, resolveSeriesColumns(options, layout, sample, complete, file), options.maxRecordChars);
  });
}

/**
 * Checks that some run can use the series (one window of 1 row and 1 forecast step fits every split) and that its
 * arrays fit in memory; fails at the file's last row otherwise. Which window a run uses is the run's choice: a
 * window that does not fit is refused when the run's spec is checked, not here.
 */
export function checkSeriesSize(scan: SeriesScan, options: SeriesOptions, file: string): void {
  const room = scan.count >= 3 ? smallestSplit(scan.count) : 0;
  if (room < 2) {
    fail(
      'too-few-rows',
      file,
      { line: scan.lastLine },
      `the series has ${scan.count} rows, so its smallest split (10% for validation and for test) has ${room}, too few for even one window of 1 row and the 1 value after it`,
      `Use a series of at least ${lengthForSplit(2)} rows.`,
    );
  }
  const bytes = scan.count * (scan.columns.inputs.length + 1) * 4;
  if (bytes > options.maxLoadedBytes) {
    fail(
      'too-large',
      file,
      { line: scan.lastLine },
      `${scan.count} rows × ${scan.columns.inputs.length + 1} values need ${(bytes / 2 ** 20).toFixed(0)} MiB in memory for training, over the limit of ${(options.maxLoadedBytes / 2 ** 20).toFixed(0)} MiB`,
      'Import fewer columns or a shorter excerpt, or raise maxLoadedBytes if the machine has the memory.',
    );
  }
}

/** Pass 2: the z-score of each used column over the training rows (the first 80%), and no further. */
export class SeriesFit implements TextPass {
  private readonly rows: SeriesRows;
  private readonly stats: RunningStats[];
  private seen = 0;
  private readonly trainRows: number;

  constructor(file: string, layout: TableLayout, columns: SeriesColumns, totalRows: number, maxRecordChars: number) {
    this.rows = new SeriesRows(file, layout, columns, maxRecordChars);
    this.stats = columns.used.map(() => new RunningStats());
    this.trainRows = splitRange(totalRows, 'train')[1];
  }

  get done(): boolean {
    return this.seen >= this.trainRows;
  }

  push(text: string): void {
    if (!this.done) this.rows.reader.push(text, this.onRow);
  }

  end(): void {
    if (!this.done) this.rows.reader.end(this.onRow);
  }

  normaliser(names: readonly string[]): ZScore[] {
    return this.stats.map((s, u) => s.zScore(at(names, u, 'normaliser: column names (one per used column)')));
  }

  private readonly onRow = (row: TableRow): void => {
    if (this.seen >= this.trainRows) return;
    const values = this.rows.parse(row);
    for (let u = 0; u < values.length; u++) at(this.stats, u, 'normaliser: column stats').add(values[u]!);
    this.seen++;
  };
}

export function seriesEncoder(options: SeriesOptions, scan: SeriesScan, normaliser: readonly ZScore[]): SeriesEncoder {
  return {
    format: ENCODER_FORMAT,
    version: ENCODER_VERSION,
    kind: 'series',
    options,
    layout: storedLayout(scan.layout),
    decimal: scan.columns.decimal,
    inputs: [...scan.columns.inputs],
    target: scan.columns.target,
    rows: scan.count,
    normaliser: normaliser.map(storedZScore),
  };
}

export function seriesStats(scan: SeriesScan): unknown {
  const [trainEnd, validationEnd] = [splitRange(scan.count, 'train')[1], splitRange(scan.count, 'validation')[1]];
  return {
    kind: 'series',
    rows: scan.count,
    columns: scan.columns.used.map((name, u) => ({ name, ...at(scan.stats, u, 'seriesStats: column stats').summary() })),
    inputs: scan.columns.inputs,
    target: scan.columns.target,
    split: { train: trainEnd, validation: validationEnd - trainEnd, test: scan.count - validationEnd },
  };
}

/** The normalised series in memory. */
export interface SeriesData {
  /** [N, I] row-major, z-scored */
  readonly features: Float32Array;
  /** [N] the target column, z-scored */
  readonly target: Float32Array;
}

/** Reads the whole series into normalised arrays with the stored layout, columns and normaliser. */
export class SeriesLoad implements TextPass {
  readonly done = false;
  private readonly rows: SeriesRows;
  private readonly features: Float32Array;
  private readonly target: Float32Array;
  private readonly targetIndex: number;
  private n = 0;

  constructor(
    private readonly file: string,
    private readonly encoder: SeriesEncoder,
  ) {
    const columns = { target: encoder.target, used: encoder.normaliser.map((z) => z.name), decimal: encoder.decimal };
    this.rows = new SeriesRows(file, encoder.layout, columns, encoder.options.maxRecordChars);
    this.features = new Float32Array(encoder.rows * encoder.inputs.length);
    this.target = new Float32Array(encoder.rows);
    this.targetIndex = columns.used.indexOf(encoder.target);
  }

  push(text: string): void {
    this.rows.reader.push(text, this.onRow);
  }

  end(): void {
    this.rows.reader.end(this.onRow);
  }

  /** The arrays; fails when the file has a different number of rows than at import. */
  data(): SeriesData {
    if (this.n !== this.encoder.rows) this.changed(this.n);
    return { features: this.features, target: this.target };
  }

  private readonly onRow = (row: TableRow): void => {
    if (this.n >= this.encoder.rows) this.changed(this.n + 1, row.line);
    const values = this.rows.parse(row);
    const I = this.encoder.inputs.length;
    const z = this.encoder.normaliser;
    for (let i = 0; i < I; i++) this.features[this.n * I + i] = normalise(values[i]!, at(z, i, 'SeriesLoad: normalisers'));
    this.target[this.n] = normalise(values[this.targetIndex]!, at(z, this.targetIndex, 'SeriesLoad: normalisers'));
    this.n++;
  };

  private changed(rows: number, line?: number): never {
    return fail(
      'source-changed',
      this.file,
      line === undefined ? null : { line },
      `the file now has ${line === undefined ? rows : 'more than ' + this.encoder.rows} rows, but had ${this.encoder.rows} when it was imported`,
      'Import the file again to register its new content as a new dataset.',
    );
  }
}
