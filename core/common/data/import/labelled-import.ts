// Importing labelled sequences for classification (many-to-one) from CSV or JSON Lines: a label field and a
// sequence field of space-separated numbers or tokens (or a JSON array). Classes are the distinct labels; the
// split is a seeded random 80/10/10. Pass 1 checks and counts; for numbers, pass 2 fits the z-score on the
// training sequences only; the loader reads every example into arrays.
//
// Legend: N examples; elements of all sequences are concatenated, example k's at offsets[k] … offsets[k + 1].
import type { Vocabulary } from '../vocabulary';
import { parseCellNumber, tooLargeToNormalise } from './cells';
import { resolveLayout, type TableLayout } from './detect';
import { storedLayout, storedZScore, ENCODER_FORMAT, ENCODER_VERSION, type LabelledEncoder } from './encoder';
import { checkLoadedValues, fail, quote, type Location, fieldLocation } from './import-error';
import { vocabularyLimit, type LabelledOptions } from './import-options';
import { classBalance, LengthCounter } from './histogram';
import { normalise, RunningStats, type ZScore } from './normaliser';
import { allNumbers, checkLength, fieldNumbers, fieldTokens, FloatBuffer, IntBuffer, resolveFieldPair } from './sequence-fields';
import { requireEnoughExamples, splitCounts, SplitAssigner } from './split-assignment';
import { rowValue, TableReader, type FieldValue, type TableRow } from './table-reader';
import { TableLoad } from './table-load';
import { SampledPass, type TextPass } from './text-pass';
import { TokenCounter } from './token-counter';

type Elements = 'numbers' | 'tokens';

function labelOf(value: FieldValue, name: string, at: Location, file: string): string {
  if (typeof value !== 'string')
    fail('invalid-record', file, at, `the label ${quote(name)} is a list`, 'Give each example a single label (a string or a number).');
  const label = value.trim();
  if (label === '') fail('empty-cell', file, at, `the label in ${quote(name)} is empty`, 'Give every example a label, or delete the row.');
  return label;
}

/** Reads one example's label and sequence elements, checked. */
function readExample(
  row: TableRow,
  fields: readonly [string, string],
  elements: Elements,
  options: LabelledOptions,
  file: string,
): { label: string; numbers: number[] | null; tokens: readonly string[] | null } {
  const labelAt = fieldLocation(row, 0);
  const at = fieldLocation(row, 1);
  const label = labelOf(rowValue(row, 0), fields[0], labelAt, file);
  const numbers = elements === 'numbers' ? fieldNumbers(rowValue(row, 1), fields[1], at, file) : null;
  const tokens = elements === 'tokens' ? fieldTokens(rowValue(row, 1), options.level, options.lowercase) : null;
  checkLength(numbers?.length ?? tokens?.length ?? 0, options.maxLength, fields[1], at, file);
  return { label, numbers, tokens };
}

/** Labels in class-id order: numerically if all are numbers, else in code-unit order. */
export function orderLabels(labels: Iterable<string>): string[] {
  const all = [...labels];
  const numeric = all.every((l) => parseCellNumber(l).kind === 'number');
  return all.sort((a, b) => (numeric ? Number(a) - Number(b) : 0) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Pass 1: every example checked; labels, vocabulary (tokens), lengths and the count. */
export class LabelledScan implements TextPass {
  readonly done = false;
  private readonly reader: TableReader;
  readonly labels = new Map<string, number>();
  readonly counter: TokenCounter | null;
  readonly lengths = new LengthCounter();
  count = 0;
  lastLine = 1;
  private elementsTotal = 0;

  constructor(
    private readonly file: string,
    private readonly options: LabelledOptions,
    readonly layout: TableLayout,
    readonly fields: readonly [string, string],
    readonly elements: Elements,
  ) {
    this.reader = new TableReader(file, layout, fields, options.maxRecordChars);
    this.counter =
      elements === 'tokens' ? new TokenCounter(file, vocabularyLimit(options), options.overflow, options.level === 'char' ? 'characters' : 'tokens') : null;
  }

  push(text: string): void {
    this.reader.push(text, this.onRow);
  }

  end(): void {
    this.reader.end(this.onRow);
    requireEnoughExamples(this.file, this.count, this.lastLine, 'example');
    if (this.labels.size < 2) {
      fail(
        'too-few-classes',
        this.file,
        { line: this.lastLine },
        `every example has the label ${quote([...this.labels.keys()][0] ?? '')}, so there is nothing to classify`,
        `Check that ${quote(this.fields[0])} is the label column; a classifier needs at least two classes.`,
      );
    }
  }

  private readonly onRow = (row: TableRow): void => {
    const { label, tokens, numbers } = readExample(row, this.fields, this.elements, this.options, this.file);
    if (!this.labels.has(label) && this.labels.size >= this.options.maxClasses) {
      fail(
        'too-many-classes',
        this.file,
        fieldLocation(row, 0),
        `the label ${quote(label)} is class number ${this.labels.size + 1}, over the limit of ${this.options.maxClasses}`,
        `Check that ${quote(this.fields[0])} is the label column, or raise maxClasses.`,
      );
    }
    this.labels.set(label, (this.labels.get(label) ?? 0) + 1);
    if (tokens !== null && this.counter !== null) for (const t of tokens) this.counter.add(t, () => fieldLocation(row, 1));
    const length = numbers?.length ?? tokens?.length ?? 0;
    this.lengths.add(length);
    this.count++;
    this.lastLine = row.line;
    this.elementsTotal += length;
    checkLoadedValues(this.file, row.line, this.elementsTotal + 2 * this.count, this.options.maxLoadedBytes, 'sequences');
  };
}

export function labelledScan(options: LabelledOptions, file: string): SampledPass<LabelledScan> {
  return new SampledPass((sample, complete) => {
    const expectedNames = [options.label ?? 'label', options.sequence ?? 'sequence'];
    const layout = resolveLayout(sample, complete, file, { ...options, expectedNames });
    if (layout === null) return null;
    const fields = resolveFieldPair(layout, [options.label, options.sequence], ['label', 'sequence'], file);
    let elements: Elements = options.elements === 'auto' ? 'numbers' : options.elements;
    if (options.elements === 'auto') {
      // numbers only if every sequence in the first rows is all numbers
      let rows = 0;
      let numeric = true;
      new TableReader(file, layout, fields, options.maxRecordChars).push(sample, (row) => {
        if (rows++ < 1000) numeric &&= allNumbers(rowValue(row, 1));
      });
      if (rows === 0 || !numeric) elements = 'tokens';
    }
    return new LabelledScan(file, options, layout, fields, elements);
  });
}

/** Pass 2 (numbers only): one z-score over every value of the training examples. */
export class LabelledFit implements TextPass {
  readonly done = false;
  private readonly reader: TableReader;
  private readonly assigner: SplitAssigner;
  private readonly stats = new RunningStats();

  constructor(
    private readonly file: string,
    private readonly options: LabelledOptions,
    private readonly scan: LabelledScan,
  ) {
    this.reader = new TableReader(file, scan.layout, scan.fields, options.maxRecordChars);
    this.assigner = new SplitAssigner(splitCounts(scan.count), options.seed);
  }

  push(text: string): void {
    this.reader.push(text, this.onRow);
  }

  end(): void {
    this.reader.end(this.onRow);
  }

  zScore(): ZScore {
    return this.stats.zScore(this.scan.fields[1]);
  }

  private readonly onRow = (row: TableRow): void => {
    const { numbers } = readExample(row, this.scan.fields, 'numbers', this.options, this.file);
    if (this.assigner.next() !== 0) return;
    for (const x of numbers ?? []) {
      this.stats.add(x);
      if (!this.stats.finite) tooLargeToNormalise(x, this.scan.fields[1], fieldLocation(row, 1), this.file);
    }
  };
}

export function labelledEncoder(options: LabelledOptions, scan: LabelledScan, vocabulary: Vocabulary | null, normaliser: ZScore | null): LabelledEncoder {
  return {
    format: ENCODER_FORMAT,
    version: ENCODER_VERSION,
    kind: 'labelled',
    options,
    layout: storedLayout(scan.layout),
    label: scan.fields[0],
    sequence: scan.fields[1],
    elements: scan.elements,
    examples: scan.count,
    split: { seed: options.seed, ...splitCounts(scan.count) },
    labels: orderLabels(scan.labels.keys()),
    vocabulary: vocabulary?.toJSON() ?? null,
    normaliser: normaliser === null ? null : storedZScore(normaliser),
  };
}

export function labelledStats(scan: LabelledScan, vocabulary: Vocabulary | null, unknownOccurrences: number): unknown {
  return {
    kind: 'labelled',
    examples: scan.count,
    elements: scan.elements,
    split: splitCounts(scan.count),
    classBalance: classBalance(scan.labels),
    lengths: scan.lengths.histogram(),
    vocabularySize: vocabulary?.size ?? null,
    unknownOccurrences,
  };
}

export interface LabelledData {
  /** [N] class ids */
  readonly labels: Int32Array;
  /** [N + 1] */
  readonly offsets: Int32Array;
  /** numbers: z-scored values; tokens: null */
  readonly values: Float32Array | null;
  /** tokens: ids; numbers: null */
  readonly ids: Int32Array | null;
}

export class LabelledLoad extends TableLoad {
  private readonly classIds: Map<string, number>;
  private readonly labels: Int32Array;
  private readonly offsets: Int32Array;
  private readonly values = new FloatBuffer();
  private readonly ids = new IntBuffer();

  constructor(
    file: string,
    private readonly encoder: LabelledEncoder,
    private readonly vocabulary: Vocabulary | null,
  ) {
    super(file, encoder.layout, [encoder.label, encoder.sequence], encoder.options.maxRecordChars, encoder.examples);
    this.classIds = new Map(encoder.labels.map((l, i) => [l, i]));
    this.labels = new Int32Array(encoder.examples);
    this.offsets = new Int32Array(encoder.examples + 1);
  }

  data(): LabelledData {
    const numbers = this.encoder.elements === 'numbers';
    return { labels: this.labels, offsets: this.offsets, values: numbers ? this.values.toArray() : null, ids: numbers ? null : this.ids.toArray() };
  }

  protected encodeRow(row: TableRow): void {
    const e = this.encoder;
    const { label, numbers, tokens } = readExample(row, [e.label, e.sequence], e.elements, e.options, this.file);
    const id = this.classIds.get(label);
    if (id === undefined) this.changed();
    this.labels[this.n] = id;
    if (numbers !== null && e.normaliser !== null) for (const x of numbers) this.values.push(normalise(x, e.normaliser));
    if (tokens !== null && this.vocabulary !== null) for (const t of tokens) this.ids.push(this.vocabulary.id(t));
    this.offsets[this.n + 1] = numbers !== null ? this.values.length : this.ids.length;
  }

  protected heldAtImport(): string {
    return `the ${this.encoder.examples} examples and ${this.encoder.labels.length} labels`;
  }
}
