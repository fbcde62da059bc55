// Detection from the first part of a file: JSON Lines or delimited, which delimiter, whether the first row is
// a header. The choices are stored with the dataset, so later reads of the file never guess again.
import { isNumberLike } from './cells';
import { DelimitedTokenizer, type DelimitedRecord } from './delimited-tokenizer';
import { fail, ImportFailure, quote, quoteList, fieldLocation } from './import-error';
import type { FileFormat, TableFormatChoice } from './file-formats';

/** How a table-like file is laid out, as resolved for one import. */
export type TableLayout =
  | {
      readonly format: 'delimited';
      readonly delimiter: string;
      readonly header: boolean;
      /** Column names: the header's cells, or column1, column2, … */
      readonly columns: readonly string[];
    }
  | { readonly format: 'jsonl' };

/** Characters of the file's beginning read for detection. */
export const SAMPLE_CHARS = 64 * 1024;

const CANDIDATES = [',', '\t', ';', '|'] as const;

/** JSON Lines when asked for, when the file is .jsonl / .ndjson, or when its first non-blank character is '{'. */
export function detectFormat(sample: string, file: string, requested: TableFormatChoice): Exclude<FileFormat, 'text'> {
  if (requested !== 'auto') return requested;
  if (/\.(jsonl|ndjson)$/i.test(file)) return 'jsonl';
  return /^\s*\{/.test(sample) ? 'jsonl' : 'delimited';
}

/**
 * The records of a sample; when the sample is not the whole file its last record may be cut, so it is dropped.
 * Throws an ImportFailure for a syntax error inside the sample.
 */
export function sampleRecords(sample: string, complete: boolean, file: string, delimiter: string, maxRecordChars: number): DelimitedRecord[] {
  const records: DelimitedRecord[] = [];
  const tokenizer = new DelimitedTokenizer(file, delimiter, maxRecordChars);
  tokenizer.push(sample, (r) => records.push(r));
  if (complete) tokenizer.end((r) => records.push(r));
  return records;
}

/**
 * The records of a sample up to its first syntax error, which the full read will report at the same place;
 * throws that error only when it comes before the first record.
 */
export function recordsBeforeProblem(sample: string, complete: boolean, file: string, delimiter: string, maxRecordChars: number): DelimitedRecord[] {
  const records: DelimitedRecord[] = [];
  const tokenizer = new DelimitedTokenizer(file, delimiter, maxRecordChars);
  try {
    tokenizer.push(sample, (r) => records.push(r));
    if (complete) tokenizer.end((r) => records.push(r));
  } catch (e) {
    if (!(e instanceof ImportFailure) || records.length === 0) throw e;
  }
  return records;
}

/**
 * The candidate delimiter that splits the sample's records into the same number (> 1) of fields most
 * consistently; ties go to the earlier of , tab ; | (tab first for .tsv / .tab files). One column: ','.
 */
export function detectDelimiter(sample: string, complete: boolean, file: string, maxRecordChars: number): string {
  const order = /\.(tsv|tab)$/i.test(file) ? ['\t', ',', ';', '|'] : [...CANDIDATES];
  let best = order[0] === '\t' ? '\t' : ',';
  let bestScore = 0;
  for (const delimiter of order) {
    let records: DelimitedRecord[];
    try {
      records = sampleRecords(sample, complete, file, delimiter, maxRecordChars).slice(0, 200);
    } catch (e) {
      if (e instanceof ImportFailure) continue;
      throw e;
    }
    const counts = new Map<number, number>();
    for (const r of records) counts.set(r.fields.length, (counts.get(r.fields.length) ?? 0) + 1);
    let modeFields = 1;
    let modeCount = 0;
    for (const [fields, count] of counts) if (count > modeCount || (count === modeCount && fields > modeFields)) [modeFields, modeCount] = [fields, count];
    if (modeFields < 2) continue;
    // consistency first, then more columns
    const score = modeCount / records.length + modeFields * 1e-6;
    if (score > bestScore) [best, bestScore] = [delimiter, score];
  }
  return best;
}

/**
 * Whether the first record names the columns. It does when it holds all `expectedNames`; otherwise when
 * none of its cells is a number and, column by column, its cells look unlike the data below (numbers under
 * a text cell, or a cell that never repeats in its column).
 */
export function detectHeader(records: readonly DelimitedRecord[], expectedNames: readonly string[] = []): boolean {
  const firstRecord = records[0];
  if (firstRecord === undefined) return false;
  const first = firstRecord.fields.map((f) => f.trim());
  if (expectedNames.length > 0 && expectedNames.every((n) => first.includes(n))) return true;
  // a number in either decimal format (1.5 or 1,5) is data, never a column name
  if (first.some((cell) => isNumberLike(cell)) || first.every((cell) => cell === '')) return false;
  const rest = records.slice(1);
  if (rest.length === 0) return true;
  let votes = 0;
  first.forEach((name, j) => {
    if (name === '') return;
    const cells = rest.map((r) => (r.fields[j] ?? '').trim()).filter((c) => c !== '');
    if (cells.length === 0) return;
    const numeric = cells.filter((c) => isNumberLike(c)).length;
    if (numeric * 2 >= cells.length) votes++;
    else if (cells.includes(name)) votes--;
  });
  return votes > 0 || (votes === 0 && rest.every((r) => r.fields.every((f, j) => f.trim() !== first[j])));
}

/** Column names from a header record; empty or repeated names are errors at their cell. */
export function headerColumns(header: DelimitedRecord, file: string): string[] {
  const seen = new Map<string, number>();
  return header.fields.map((raw, j) => {
    const name = raw.trim();
    const at = fieldLocation(header, j);
    if (name === '') {
      fail(
        'missing-header',
        file,
        at,
        `column ${j + 1} of the header row has no name`,
        'Give every column a name in the first row, or import with header: false to number the columns (column1, column2, …).',
      );
    }
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      fail(
        'duplicate-header',
        file,
        at,
        `the column name ${quote(name)} appears twice in the header row (columns ${earlier + 1} and ${j + 1})`,
        'Rename one of the columns so every name is unique.',
      );
    }
    seen.set(name, j);
    return name;
  });
}

/**
 * A layout's columns for a message: the first few names, quoted; or, for one column, why there is only one (its
 * name is then the whole first line of the file, which is no help to quote).
 */
export function columnsForMessage(columns: readonly string[]): string {
  return columns.length === 1 ? 'it has a single column (no delimiter among , tab ; | splits its first rows alike)' : `its columns are ${quoteList(columns)}`;
}

/** column1 … columnN. */
export function numberedColumns(count: number): string[] {
  return Array.from({ length: count }, (_, j) => `column${j + 1}`);
}

export interface LayoutRequest {
  readonly format: TableFormatChoice;
  readonly delimiter: string;
  readonly header: boolean | 'auto';
  readonly maxRecordChars: number;
  /** Column names the options ask for; their presence in the first row marks it as a header. */
  readonly expectedNames?: readonly string[];
}

/**
 * Resolves the layout from the file's beginning (`complete` when the sample is the whole file), or null when
 * the sample does not hold one whole record yet and more of the file is needed.
 * Throws an ImportFailure for an empty file, a bad header, or a syntax error in the first records.
 */
export function resolveLayout(sample: string, complete: boolean, file: string, request: LayoutRequest): TableLayout | null {
  if (sample.trim() === '' && complete) {
    fail('empty-file', file, null, 'the file holds no text (it is empty or only blank lines)', 'Choose the file that holds the data.');
  }
  if (detectFormat(sample, file, request.format) === 'jsonl') return { format: 'jsonl' };
  const delimiter = request.delimiter === 'auto' ? detectDelimiter(sample, complete, file, request.maxRecordChars) : request.delimiter;
  const records = recordsBeforeProblem(sample, complete, file, delimiter, request.maxRecordChars);
  const first = records[0];
  if (first === undefined) {
    if (!complete) return null;
    fail('empty-file', file, null, 'the file holds no records', 'Choose the file that holds the data.');
  }
  const header = request.header === 'auto' ? detectHeader(records, request.expectedNames) : request.header;
  const columns = header ? headerColumns(first, file) : numberedColumns(first.fields.length);
  return { format: 'delimited', delimiter, header, columns };
}
