// The passes an import makes over a file, by kind, so the Node reader can drive any importer the same way:
// run `first` over the whole file, then each pass `next()` returns, then take `result()`. A load (reading a
// registered dataset back for training) is one pass. Each step may throw an ImportFailure; the caller
// catches it, and nothing is registered.
import { Vocabulary } from '../vocabulary';
import type { DatasetData } from './dataset-data';
import type { DatasetEncoder } from './encoder';
import type { TableLayout } from './detect';
import { quote, quoteList } from './import-error';
import type { ImportKind, ImportOptions } from './import-options';
import { windowNotes, type ImportReport } from './import-report';
import { labelledEncoder, LabelledFit, LabelledLoad, labelledScan, labelledStats } from './labelled-import';
import { pairsEncoder, PairsLoad, pairsScan, pairsStats } from './pairs-import';
import { checkSeriesSize, seriesEncoder, SeriesFit, SeriesLoad, seriesScan, seriesStats } from './series-import';
import { textEncoder, TextLoad, TextScan, textStats } from './text-import';
import type { TextPass } from './text-pass';

export interface ImportOutput {
  readonly kind: ImportKind;
  readonly encoder: DatasetEncoder;
  /** Counts, column summaries, length histograms and class balance, for the dataset list. */
  readonly stats: unknown;
  /** What to tell the person importing: the kind and why, the columns chosen and why, the windows that fit. */
  readonly report: ImportReport;
}

export interface ImportPlan {
  /** Pass 1, from the top of the file: layout detection and every check. */
  readonly first: TextPass;
  /** After the previous pass ended: the next pass over the file from the top, or null when there is none. */
  next(): TextPass | null;
  result(): ImportOutput;
}

/** @param kindReason how the kind was chosen, for the report ("as asked", or what the detection saw) */
export function planImport(options: ImportOptions, file: string, kindReason = 'as asked'): ImportPlan {
  const report = (columns: ImportReport['columns'], windows: { maxWindow: number; notes: string[] } | null, notes: readonly string[] = []): ImportReport => ({
    kind: options.kind,
    kindReason,
    columns,
    maxWindow: windows?.maxWindow ?? null,
    notes: [...notes, ...(windows?.notes ?? [])],
  });
  switch (options.kind) {
    case 'series': {
      const scan = seriesScan(options, file);
      let fit: SeriesFit | null = null;
      return {
        first: scan,
        next() {
          if (fit !== null) return null;
          checkSeriesSize(scan.inner, options, file);
          fit = new SeriesFit(file, scan.inner.layout, scan.inner.columns, scan.inner.count, options.maxRecordChars);
          return fit;
        },
        result() {
          if (fit === null) throw new Error('planImport: result() before the fitting pass');
          const { columns } = scan.inner;
          const normaliser = fit.normaliser(columns.used);
          const windows = windowNotes(scan.inner.count, options.window, options.horizon, 'rows');
          return {
            kind: 'series',
            encoder: seriesEncoder(options, scan.inner, normaliser),
            stats: seriesStats(scan.inner),
            report: report(columns.choices, windows, columns.notes),
          };
        },
      };
    }
    case 'text': {
      const scan = new TextScan(file, options);
      return {
        first: scan,
        next: () => null,
        result() {
          const { vocabulary, unknownOccurrences } = scan.counter.build(options.level);
          const windows = windowNotes(scan.count, options.window, 1, 'tokens');
          return {
            kind: 'text',
            encoder: textEncoder(options, scan, vocabulary),
            stats: textStats(options, scan, vocabulary, unknownOccurrences),
            report: report([], windows),
          };
        },
      };
    }
    case 'pairs': {
      const scan = pairsScan(options, file);
      return {
        first: scan,
        next: () => null,
        result() {
          const [source, target] = [scan.inner.counters[0].build(options.level), scan.inner.counters[1].build(options.level)];
          const vocabularies = [source.vocabulary, target.vocabulary] as const;
          return {
            kind: 'pairs',
            encoder: pairsEncoder(options, scan.inner, vocabularies),
            stats: pairsStats(scan.inner, vocabularies, [source.unknownOccurrences, target.unknownOccurrences]),
            report: report([], null, [
              `the source is ${quote(scan.inner.fields[0])} and the target ${quote(scan.inner.fields[1])}`,
              ...headerNote(options, scan.inner.layout, ['source', 'target']),
            ]),
          };
        },
      };
    }
    case 'labelled': {
      const scan = labelledScan(options, file);
      let fit: LabelledFit | null = null;
      return {
        first: scan,
        next() {
          if (fit !== null || scan.inner.elements === 'tokens') return null;
          fit = new LabelledFit(file, options, scan.inner);
          return fit;
        },
        result() {
          const built = scan.inner.counter?.build(options.level === 'char' ? 'char' : 'word') ?? null;
          const vocabulary = built?.vocabulary ?? null;
          const encoder = labelledEncoder(options, scan.inner, vocabulary, fit?.zScore() ?? null);
          const [label, sequence] = scan.inner.fields;
          const read = `the label is ${quote(label)} and the sequence ${quote(sequence)}, read as ${scan.inner.elements}`;
          return {
            kind: 'labelled',
            encoder,
            stats: labelledStats(scan.inner, vocabulary, built?.unknownOccurrences ?? 0),
            report: report([], null, [read, ...headerNote(options, scan.inner.layout, ['label', 'sequence'])]),
          };
        },
      };
    }
  }
}

/**
 * A first row taken for a header without the expected names: said, since a file of unique text rows gives no sure
 * sign either way, and a header read as data (or data as a header) would otherwise go unnoticed.
 */
function headerNote(options: { readonly header: boolean | 'auto' }, layout: TableLayout, expected: readonly string[]): string[] {
  if (options.header !== 'auto' || layout.format !== 'delimited' || !layout.header || expected.every((n) => layout.columns.includes(n))) return [];
  return [
    `the first row was taken for a header naming the columns (${quoteList(layout.columns, 4)}); if it is data, import with header: false (--no-header) to keep it`,
  ];
}

export interface LoadPlan {
  readonly pass: TextPass;
  /** After the pass ended: the arrays for `datasetTask`. */
  data(): DatasetData;
}

/** One pass that reads a registered dataset back with its stored encoder. */
export function planLoad(encoder: DatasetEncoder, file: string): LoadPlan {
  switch (encoder.kind) {
    case 'series': {
      const load = new SeriesLoad(file, encoder);
      return { pass: load, data: () => ({ kind: 'series', series: load.data() }) };
    }
    case 'text': {
      const load = new TextLoad(file, encoder, Vocabulary.fromJSON(encoder.vocabulary));
      return { pass: load, data: () => ({ kind: 'text', ids: load.ids }) };
    }
    case 'pairs': {
      const load = new PairsLoad(file, encoder, [Vocabulary.fromJSON(encoder.sourceVocabulary), Vocabulary.fromJSON(encoder.targetVocabulary)]);
      return { pass: load, data: () => ({ kind: 'pairs', pairs: load.data() }) };
    }
    case 'labelled': {
      const load = new LabelledLoad(file, encoder, encoder.vocabulary === null ? null : Vocabulary.fromJSON(encoder.vocabulary));
      return { pass: load, data: () => ({ kind: 'labelled', labelled: load.data() }) };
    }
  }
}
