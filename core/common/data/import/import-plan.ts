// The passes an import makes over a file, by kind, so the Node reader can drive any importer the same way:
// run `first` over the whole file, then each pass `next()` returns, then take `result()`. A load (reading a
// registered dataset back for training) is one pass. Each step may throw an ImportFailure; the caller
// catches it, and nothing is registered.
import { Vocabulary } from '../vocabulary';
import type { DatasetData } from './dataset-task';
import type { DatasetEncoder } from './encoder';
import type { ImportKind, ImportOptions } from './import-options';
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
}

export interface ImportPlan {
  /** Pass 1, from the top of the file: layout detection and every check. */
  readonly first: TextPass;
  /** After the previous pass ended: the next pass over the file from the top, or null when there is none. */
  next(): TextPass | null;
  result(): ImportOutput;
}

export function planImport(options: ImportOptions, file: string): ImportPlan {
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
          const normaliser = fit.normaliser(scan.inner.columns.used);
          return { kind: 'series', encoder: seriesEncoder(options, scan.inner, normaliser), stats: seriesStats(scan.inner) };
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
          return { kind: 'text', encoder: textEncoder(options, scan, vocabulary), stats: textStats(options, scan, vocabulary, unknownOccurrences) };
        },
      };
    }
    case 'pairs': {
      const scan = pairsScan(options, file);
      return {
        first: scan,
        next: () => null,
        result() {
          const [source, target] = scan.inner.counters.map((c) => c.build(options.level));
          const vocabularies = [source.vocabulary, target.vocabulary] as const;
          return { kind: 'pairs', encoder: pairsEncoder(options, scan.inner, vocabularies), stats: pairsStats(scan.inner, vocabularies, [source.unknownOccurrences, target.unknownOccurrences]) };
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
          return { kind: 'labelled', encoder, stats: labelledStats(scan.inner, vocabulary, built?.unknownOccurrences ?? 0) };
        },
      };
    }
  }
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
