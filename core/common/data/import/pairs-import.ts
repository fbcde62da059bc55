// Importing source→target pairs (translation-like seq2seq data) from TSV/CSV or JSON Lines: each side split into
// characters or words, a vocabulary per side under a limit, lengths under a limit, and a seeded random
// 80/10/10 split of the pairs. Pass 1 checks and counts; the loader encodes every pair into ids.
//
// Legend: N pairs; ids of all sources (targets) are concatenated, pair k's at offsets[k] … offsets[k + 1].
import type { Vocabulary } from '../vocabulary';
import { resolveLayout, type TableLayout } from './detect';
import { storedLayout, ENCODER_FORMAT, ENCODER_VERSION, type PairsEncoder } from './encoder';
import { checkLoadedValues, fieldLocation } from './import-error';
import { vocabularyLimit, type PairsOptions } from './import-options';
import { LengthCounter } from './histogram';
import { checkLength, fieldTokens, IntBuffer, resolveFieldPair } from './sequence-fields';
import { requireEnoughExamples, splitCounts } from './split-assignment';
import { rowValue, TableReader, type TableRow } from './table-reader';
import { TableLoad } from './table-load';
import { SampledPass, type TextPass } from './text-pass';
import { TokenCounter } from './token-counter';

function pairTokens(row: TableRow, options: PairsOptions, fields: readonly [string, string], file: string): [readonly string[], readonly string[]] {
  const side = (k: 0 | 1): readonly string[] => {
    const tokens = fieldTokens(rowValue(row, k), options.level, options.lowercase);
    checkLength(tokens.length, options.maxLength, fields[k], fieldLocation(row, k), file, k === 1);
    return tokens;
  };
  return [side(0), side(1)];
}

/** Pass 1: every pair checked; vocabularies, lengths and the count. */
export class PairsScan implements TextPass {
  readonly done = false;
  private readonly reader: TableReader;
  readonly counters: [TokenCounter, TokenCounter];
  readonly lengths: [LengthCounter, LengthCounter] = [new LengthCounter(), new LengthCounter()];
  count = 0;
  lastLine = 1;
  private tokens = 0;

  constructor(
    private readonly file: string,
    private readonly options: PairsOptions,
    readonly layout: TableLayout,
    readonly fields: readonly [string, string],
  ) {
    this.reader = new TableReader(file, layout, fields, options.maxRecordChars);
    const limit = vocabularyLimit(options);
    const unit = options.level === 'char' ? 'characters' : 'words';
    this.counters = [new TokenCounter(file, limit, options.overflow, `source ${unit}`), new TokenCounter(file, limit, options.overflow, `target ${unit}`)];
  }

  push(text: string): void {
    this.reader.push(text, this.onRow);
  }

  end(): void {
    this.reader.end(this.onRow);
    requireEnoughExamples(this.file, this.count, this.lastLine, 'pair');
  }

  private readonly onRow = (row: TableRow): void => {
    const sides = pairTokens(row, this.options, this.fields, this.file);
    for (const k of [0, 1] as const) {
      const at = () => fieldLocation(row, k);
      for (const t of sides[k]) this.counters[k].add(t, at);
      this.lengths[k].add(sides[k].length);
    }
    this.count++;
    this.lastLine = row.line;
    this.tokens += sides[0].length + sides[1].length + 2;
    // ids, plus two offsets, per pair
    checkLoadedValues(this.file, row.line, this.tokens + 2 * this.count, this.options.maxLoadedBytes, 'pairs');
  };
}

export function pairsScan(options: PairsOptions, file: string): SampledPass<PairsScan> {
  return new SampledPass((sample, complete) => {
    const expectedNames = [options.source ?? 'source', options.target ?? 'target'];
    const layout = resolveLayout(sample, complete, file, { ...options, expectedNames });
    if (layout === null) return null;
    return new PairsScan(file, options, layout, resolveFieldPair(layout, [options.source, options.target], ['source', 'target'], file));
  });
}

export function pairsEncoder(options: PairsOptions, scan: PairsScan, vocabularies: readonly [Vocabulary, Vocabulary]): PairsEncoder {
  return {
    format: ENCODER_FORMAT,
    version: ENCODER_VERSION,
    kind: 'pairs',
    options,
    layout: storedLayout(scan.layout),
    source: scan.fields[0],
    target: scan.fields[1],
    examples: scan.count,
    split: { seed: options.seed, ...splitCounts(scan.count) },
    sourceVocabulary: vocabularies[0].toJSON(),
    targetVocabulary: vocabularies[1].toJSON(),
  };
}

export function pairsStats(scan: PairsScan, vocabularies: readonly [Vocabulary, Vocabulary], unknown: readonly [number, number]): unknown {
  return {
    kind: 'pairs',
    examples: scan.count,
    split: splitCounts(scan.count),
    source: { field: scan.fields[0], lengths: scan.lengths[0].histogram(), vocabularySize: vocabularies[0].size, unknownOccurrences: unknown[0] },
    target: { field: scan.fields[1], lengths: scan.lengths[1].histogram(), vocabularySize: vocabularies[1].size, unknownOccurrences: unknown[1] },
  };
}

/** Every pair as ids (no BOS/EOS: collation adds them). */
export interface PairsData {
  readonly sourceIds: Int32Array;
  /** [N + 1] */
  readonly sourceOffsets: Int32Array;
  readonly targetIds: Int32Array;
  /** [N + 1] */
  readonly targetOffsets: Int32Array;
}

export class PairsLoad extends TableLoad {
  private readonly ids = [new IntBuffer(), new IntBuffer()] as const;
  private readonly offsets: [Int32Array, Int32Array];

  constructor(
    file: string,
    private readonly encoder: PairsEncoder,
    private readonly vocabularies: readonly [Vocabulary, Vocabulary],
  ) {
    super(file, encoder.layout, [encoder.source, encoder.target], encoder.options.maxRecordChars, encoder.examples);
    this.offsets = [new Int32Array(encoder.examples + 1), new Int32Array(encoder.examples + 1)];
  }

  data(): PairsData {
    return { sourceIds: this.ids[0].toArray(), sourceOffsets: this.offsets[0], targetIds: this.ids[1].toArray(), targetOffsets: this.offsets[1] };
  }

  protected encodeRow(row: TableRow): void {
    const sides = pairTokens(row, this.encoder.options, [this.encoder.source, this.encoder.target], this.file);
    for (const k of [0, 1] as const) {
      for (const t of sides[k]) this.ids[k].push(this.vocabularies[k].id(t));
      this.offsets[k][this.n + 1] = this.ids[k].length;
    }
  }

  protected heldAtImport(): string {
    return `the ${this.encoder.examples} pairs`;
  }
}
