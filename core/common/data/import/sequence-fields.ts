// Shared by the pair and labelled-sequence importers: which fields to read, a field read as a sequence of
// tokens or numbers under a length limit, and growable typed buffers for the loaded examples.
import { parseCellNumber, requireNumber, tokenize, type TokenLevel } from './cells';
import { columnsForMessage, type TableLayout } from './detect';
import { fail, quote, type Location } from './import-error';
import type { FieldValue } from './table-reader';
import { at } from '../../checked-index';

/**
 * Field names for a delimited file or JSON Lines: as asked, else `preferred` if the file has such a column
 * (JSON Lines: always), else the columns in order. Fails naming the columns the file has.
 */
export function resolveFields(layout: TableLayout, asked: readonly (string | undefined)[], preferred: readonly string[], file: string): string[] {
  const preferredFor = (k: number): string => at(preferred, k, 'resolveFields: preferred names (one per asked field)');
  if (layout.format === 'jsonl') return asked.map((a, k) => a ?? preferredFor(k));
  const columns = layout.columns;
  const reserved = new Set([...asked, ...preferred].filter((n): n is string => n !== undefined && columns.includes(n)));
  const chosen: string[] = [];
  asked.forEach((a, k) => {
    // as asked; else the preferred name; else the first column no other field asks for or prefers
    const fallback = columns.find((c) => !chosen.includes(c) && !reserved.has(c)) ?? columns.find((c) => !chosen.includes(c));
    const name = a ?? (columns.includes(preferredFor(k)) ? preferredFor(k) : fallback);
    if (name === undefined || !columns.includes(name)) {
      const which = a === undefined ? `column for ${quote(preferredFor(k))}` : `column ${quote(a)}`;
      fail(
        'unknown-column',
        file,
        { line: 1 },
        `the file has no ${which}; ${columnsForMessage(columns)}`,
        'Name the columns to read in the import options (without a header row they are column1, column2, …).',
      );
    }
    chosen.push(name);
  });
  return chosen;
}

/** `resolveFields` for the two fields of a pair or labelled import, as a pair. */
export function resolveFieldPair(
  layout: TableLayout,
  asked: readonly [string | undefined, string | undefined],
  preferred: readonly [string, string],
  file: string,
): [string, string] {
  const [first, second] = resolveFields(layout, asked, preferred, file);
  if (first === undefined || second === undefined) throw new Error('resolveFieldPair: resolveFields returned fewer than the two fields asked for');
  return [first, second];
}

/** Tokens of a field: a JSON array is already split; a string is split by level. */
export function fieldTokens(value: FieldValue, level: TokenLevel, lowercase: boolean): readonly string[] {
  // empty strings in a JSON array are not tokens (a vocabulary cannot hold one)
  if (typeof value !== 'string') return value.filter((t) => t !== '').map((t) => (lowercase ? t.toLowerCase() : t));
  return tokenize(lowercase ? value.toLowerCase() : value, level);
}

/** Elements of a numeric field: a JSON array, or a string of numbers separated by spaces. */
export function fieldElements(value: FieldValue): readonly string[] {
  return typeof value === 'string' ? value.split(/\s+/u).filter((e) => e !== '') : value;
}

/** Whether every element of a field is a finite number (for elements: 'auto'). */
export function allNumbers(value: FieldValue): boolean {
  const elements = fieldElements(value);
  return elements.length > 0 && elements.every((e) => parseCellNumber(e).kind === 'number');
}

/** Numbers of a field, each checked. */
export function fieldNumbers(value: FieldValue, name: string, at: Location, file: string): number[] {
  return fieldElements(value).map((e) =>
    requireNumber(e, name, at, file, 'the sequence is read as numbers (import with elements: "tokens" to read it as tokens)'),
  );
}

/** Fails unless 1 ≤ length ≤ maxLength (`allowEmpty` lets 0 pass, for seq2seq targets). */
export function checkLength(length: number, maxLength: number, name: string, at: Location, file: string, allowEmpty = false): void {
  if (length === 0 && !allowEmpty) {
    fail('empty-sequence', file, at, `the sequence in ${quote(name)} is empty`, 'Give every row a sequence of at least one element, or delete the row.');
  }
  if (length > maxLength) {
    fail(
      'sequence-too-long',
      file,
      at,
      `the sequence in ${quote(name)} has ${length} elements, over the limit of ${maxLength}`,
      'Shorten or split the sequence, or raise maxLength (longer sequences train slower and need more memory).',
    );
  }
}

/** An Int32Array that grows by doubling. */
export class IntBuffer {
  private data = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  /** A trimmed copy. */
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/** A Float32Array that grows by doubling. */
export class FloatBuffer {
  private data = new Float32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Float32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  toArray(): Float32Array {
    return this.data.slice(0, this.length);
  }
}
