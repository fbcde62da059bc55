// Which kind of dataset a file holds when the import is not told: a series (columns of numbers), plain text,
// source → target pairs or labelled sequences — read from the options given and the file's first part, with the
// reason shown to the user. A file that could be more than one, or none, is not guessed at: the import asks.
import { defaultInputs, detectDecimal, profileColumns, type ColumnProfile } from './column-profile';
import { detectFormat, recordsBeforeProblem, resolveLayout } from './detect';
import { ImportFailure, quote, quoteList } from './import-error';
import { IMPORT_KINDS, type ImportKind } from './import-kinds';
import { LineSplitter } from './line-splitter';
import { at } from '../../checked-index';
import type { FormatChoice } from './file-formats';

export interface KindDetection {
  /** null when the content does not say; `reason` then says what it saw, and the import asks for the kind. */
  readonly kind: ImportKind | null;
  readonly reason: string;
}

/** What the caller already knows: the options given (by name), and how to read a table. */
/** What the import options already say; an absent or undefined hint is not given. */
export interface KindHints {
  readonly keys?: readonly string[] | undefined;
  readonly format?: FormatChoice | undefined;
  readonly delimiter?: string | undefined;
  readonly header?: boolean | 'auto' | undefined;
  readonly decimal?: 'auto' | '.' | ',' | undefined;
  readonly maxRecordChars?: number | undefined;
}

/** Options only one kind takes: naming one says the kind. */
const OWN_OPTIONS: Readonly<Record<ImportKind, readonly string[]>> = {
  series: ['columns', 'horizon', 'decimal'],
  text: ['maxTokenChars'],
  pairs: ['source'],
  labelled: ['label', 'sequence', 'elements', 'maxClasses'],
};
const TEXT_FILE = /\.(?:txt|text|md|markdown)$/i;
const PAIR_NAMES = ['source', 'target'] as const;
const LABELLED_NAMES = ['label', 'sequence'] as const;
/** Objects or rows looked at. */
const SAMPLE_ROWS = 1000;

/**
 * The kind of `sample` (the file's beginning; `complete` when it is the whole file). Throws an ImportFailure only
 * for what the import itself would refuse in the first rows (a header with a duplicate name, a broken quote).
 */
export function detectKind(sample: string, complete: boolean, file: string, hints: KindHints = {}): KindDetection {
  const keys = hints.keys ?? [];
  const own = (kind: ImportKind): string[] => OWN_OPTIONS[kind].filter((o) => keys.includes(o));
  const named = IMPORT_KINDS.filter((kind) => own(kind).length > 0);
  const [onlyNamed] = named;
  if (named.length === 1 && onlyNamed !== undefined)
    return { kind: onlyNamed, reason: `the options name ${own(onlyNamed).join(' and ')}, which only a ${onlyNamed} import takes` };
  if (named.length > 1)
    return { kind: null, reason: `the options given belong to different kinds (${named.map((k) => `${own(k).join(', ')}: ${k}`).join('; ')})` };
  if (hints.format === 'text') return { kind: 'text', reason: 'the format option says plain text' };
  const extension = TEXT_FILE.exec(file);
  if (extension !== null && hints.format === undefined) return { kind: 'text', reason: `the file name ends in ${extension[0]}: plain text` };
  if (sample.trim() === '') return { kind: null, reason: 'the file holds no text' };
  const maxRecordChars = hints.maxRecordChars ?? 1_000_000;
  const format = hints.format === undefined ? 'auto' : hints.format;
  if (detectFormat(sample, file, format) === 'jsonl') return jsonLinesKind(sample, complete, file, maxRecordChars);
  return tableKind(sample, complete, file, hints, maxRecordChars);
}

function jsonLinesKind(sample: string, complete: boolean, file: string, maxRecordChars: number): KindDetection {
  const keys = new Set<string>();
  let objects = 0;
  const take = (text: string): void => {
    if (objects >= SAMPLE_ROWS || text.trim() === '') return;
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
      objects++;
      for (const key of Object.keys(value)) keys.add(key);
    } catch {
      // a bad line is the import's to report, at its line
    }
  };
  const splitter = new LineSplitter(file, maxRecordChars);
  try {
    splitter.push(sample, take);
    if (complete) splitter.end(take);
  } catch (e) {
    if (!(e instanceof ImportFailure)) throw e;
  }
  if (objects === 0) return { kind: null, reason: 'it starts like JSON Lines, but none of its first lines is a JSON object' };
  const pairs = PAIR_NAMES.every((n) => keys.has(n));
  const labelled = LABELLED_NAMES.every((n) => keys.has(n));
  if (pairs && !labelled) return { kind: 'pairs', reason: 'JSON Lines whose objects have the fields "source" and "target"' };
  if (labelled && !pairs) return { kind: 'labelled', reason: 'JSON Lines whose objects have the fields "label" and "sequence"' };
  const which = pairs
    ? 'both "source" and "target" (pairs) and "label" and "sequence" (labelled sequences)'
    : 'neither "source" and "target" (pairs) nor "label" and "sequence" (labelled sequences)';
  return { kind: null, reason: `JSON Lines whose objects have the fields ${quoteList([...keys], 6)}: ${which}` };
}

function tableKind(sample: string, complete: boolean, file: string, hints: KindHints, maxRecordChars: number): KindDetection {
  const layout = resolveLayout(sample, complete, file, {
    format: 'delimited',
    delimiter: hints.delimiter ?? 'auto',
    header: hints.header ?? 'auto',
    maxRecordChars,
  });
  if (layout === null) return { kind: null, reason: 'its first record is longer than the part of the file read to detect the kind' };
  if (layout.format !== 'delimited') throw new Error('detectKind: a delimited layout expected');
  const names = layout.columns;
  if (layout.header) {
    if (PAIR_NAMES.every((n) => names.includes(n))) return { kind: 'pairs', reason: 'its header names the columns "source" and "target"' };
    if (LABELLED_NAMES.every((n) => names.includes(n))) return { kind: 'labelled', reason: 'its header names the columns "label" and "sequence"' };
  }
  const records = recordsBeforeProblem(sample, complete, file, layout.delimiter, maxRecordChars).slice(layout.header ? 1 : 0, SAMPLE_ROWS + 1);
  const decimal = detectDecimal(records, layout.delimiter, hints.decimal ?? 'auto');
  const profiles = profileColumns(records, names.length, decimal.mark);
  if (names.length === 1) {
    if (at(profiles, 0, 'detectKind: column profiles').numeric) return { kind: 'series', reason: 'its one column holds numbers' };
    return { kind: 'text', reason: 'its lines do not split into columns (no delimiter among , tab ; | splits them alike) and hold text, not numbers' };
  }
  const filled = names.map((name, j) => ({ name, profile: at(profiles, j, 'detectKind: column profiles') })).filter((c) => c.profile.type !== 'empty');
  const [a, b] = filled;
  if (filled.length === 2 && a !== undefined && b !== undefined) {
    for (const [label, sequence] of [
      [a, b],
      [b, a],
    ] as const) {
      if (labelLike(label.profile, records.length) && sequenceLike(sequence.profile)) {
        return {
          kind: 'labelled',
          reason: `column ${quote(label.name)} holds a few distinct values (${label.profile.distinct}) like class labels, and column ${quote(sequence.name)} sequences of ${sequence.profile.meanWords().toFixed(1)} elements on average`,
        };
      }
    }
  }
  const { inputs } = defaultInputs(names, profiles);
  if (inputs.length > 0) {
    const commas = decimal.mark === ',' ? ', written with decimal commas' : '';
    return {
      kind: 'series',
      reason: `${inputs.length === 1 ? 'column' : 'columns'} ${quoteList(inputs, 4)} hold${inputs.length === 1 ? 's' : ''} numbers${commas}`,
    };
  }
  if (filled.length === 2 && a !== undefined && b !== undefined && layout.delimiter === '\t' && filled.every((c) => c.profile.type === 'text')) {
    return { kind: 'pairs', reason: `two columns of text (${quote(a.name)} and ${quote(b.name)}) separated by tabs, as source → target pairs are written` };
  }
  return {
    kind: null,
    reason: `its ${names.length} columns (${quoteList(names, 4)}) hold no numbers to forecast, are not a label beside a sequence, and are not two tab-separated columns of text`,
  };
}

/** A few distinct single-token values: class labels. */
function labelLike(p: ColumnProfile, rows: number): boolean {
  return (p.type === 'text' || p.type === 'integer') && p.distinct >= 2 && p.distinct <= Math.min(50, rows / 2) && p.meanWords() <= 1;
}

/** Several space-separated elements per cell: sequences. */
function sequenceLike(p: ColumnProfile): boolean {
  return p.type === 'text' && p.meanWords() > 1;
}
