// Importing plain text for language modelling: characters (line breaks normalised to \n) or whitespace-separated
// words, a vocabulary under a limit fitted on the whole text, and windows drawn from a time-ordered 80/10/10 split.
// Pass 1 counts tokens and fits the vocabulary; the loader encodes the whole text into ids.
import { lengthForSplit, smallestSplit } from '../series-split';
import type { Vocabulary } from '../vocabulary';
import type { TokenLevel } from './cells';
import { ENCODER_FORMAT, ENCODER_VERSION, type TextEncoder } from './encoder';
import { fail, type Location } from './import-error';
import { vocabularyLimit, type TextOptions } from './import-options';
import type { TextPass } from './text-pass';
import { TokenCounter } from './token-counter';

export type TokenSink = (token: string, at: () => Location) => void;

/** The characters JavaScript's \s matches. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Splits streamed text into tokens, each with a lazily computed location (its first character). */
export class TextTokens {
  private line = 1;
  private column = 0;
  private afterCr = false;
  private word = '';
  private wordLine = 1;
  private wordColumn = 1;

  constructor(
    private readonly file: string,
    private readonly level: TokenLevel,
    private readonly lowercase: boolean,
    private readonly maxTokenChars: number,
  ) {}

  push(text: string, emit: TokenSink): void {
    const source = this.lowercase ? text.toLowerCase() : text;
    for (let i = 0; i < source.length; i++) {
      const c = source.charCodeAt(i);
      const high = (c & 0xfc00) === 0xd800 && i + 1 < source.length;
      const ch = high ? source.slice(i, i + 2) : source.charAt(i); // i < source.length
      const line = this.line;
      const column = this.column + 1;
      if (this.level === 'char') {
        // CRLF and a lone CR are one line break, \n
        if (!(c === 0x0a && this.afterCr)) emit(c === 0x0d ? '\n' : ch, () => ({ line, column }));
      } else if (isSpace(c)) {
        this.flush(emit);
      } else {
        if (this.word === '') [this.wordLine, this.wordColumn] = [line, column];
        this.word += ch;
        if (this.word.length > this.maxTokenChars) {
          fail(
            'token-too-long',
            this.file,
            { line: this.wordLine, column: this.wordColumn },
            `the word starting here is longer than ${this.maxTokenChars} characters`,
            'Check that this is prose with spaces between words, use character level, or raise maxTokenChars.',
          );
        }
      }
      if (high) i++;
      this.advance(c);
    }
  }

  end(emit: TokenSink): void {
    this.flush(emit);
  }

  private flush(emit: TokenSink): void {
    if (this.word === '') return;
    const [line, column] = [this.wordLine, this.wordColumn];
    emit(this.word, () => ({ line, column }));
    this.word = '';
  }

  private advance(c: number): void {
    if (c === 0x0a) {
      if (!this.afterCr) this.line++;
      this.column = 0;
      this.afterCr = false;
    } else if (c === 0x0d) {
      this.line++;
      this.column = 0;
      this.afterCr = true;
    } else {
      this.afterCr = false;
      this.column++;
    }
  }

  get lines(): number {
    return this.line;
  }

  /** Where the text ends, for errors about the whole text. */
  get position(): Location {
    return { line: this.line, column: this.column + 1 };
  }
}

/** Pass 1: counts tokens and distinct tokens (under the vocabulary limit), and the lines. */
export class TextScan implements TextPass {
  readonly done = false;
  readonly tokens: TextTokens;
  readonly counter: TokenCounter;
  count = 0;
  private readonly maxTokens: number;

  constructor(
    private readonly file: string,
    private readonly options: TextOptions,
  ) {
    this.tokens = new TextTokens(file, options.level, options.lowercase, options.maxTokenChars);
    this.counter = new TokenCounter(file, vocabularyLimit(options), options.overflow, options.level === 'char' ? 'characters' : 'words');
    this.maxTokens = Math.floor(options.maxLoadedBytes / 4);
  }

  push(text: string): void {
    this.tokens.push(text, this.onToken);
  }

  end(): void {
    this.tokens.end(this.onToken);
    const room = this.count >= 3 ? smallestSplit(this.count) : 0;
    if (this.count === 0) fail('empty-file', this.file, null, 'the file holds no text', 'Choose the file that holds the text.');
    // which window a run reads is the run's choice (refused then if it does not fit); here, only that one can
    if (room < 2) {
      const what = this.options.level === 'char' ? 'characters' : 'words';
      fail(
        'too-few-rows',
        this.file,
        this.tokens.position,
        `the text has ${this.count} ${what}, so its smallest split (10% each for validation and test) has ${room}, too few for even one window of 1 and the token after it`,
        `Use a longer text (at least ${lengthForSplit(2)} ${what}).`,
      );
    }
  }

  private readonly onToken: (token: string, at: () => Location) => void = (token, at) => {
    if (++this.count > this.maxTokens) {
      fail(
        'too-large',
        this.file,
        at(),
        `the text has more than ${this.maxTokens} tokens, over the memory limit of ${(this.options.maxLoadedBytes / 2 ** 20).toFixed(0)} MiB for training`,
        'Import a shorter excerpt, or raise maxLoadedBytes if the machine has the memory.',
      );
    }
    this.counter.add(token, at);
  };
}

export function textEncoder(options: TextOptions, scan: TextScan, vocabulary: Vocabulary): TextEncoder {
  return { format: ENCODER_FORMAT, version: ENCODER_VERSION, kind: 'text', options, tokens: scan.count, vocabulary: vocabulary.toJSON() };
}

export function textStats(options: TextOptions, scan: TextScan, vocabulary: Vocabulary, unknownOccurrences: number): unknown {
  return {
    kind: 'text',
    level: options.level,
    tokens: scan.count,
    lines: scan.tokens.lines,
    distinctTokens: scan.counter.distinct,
    vocabularySize: vocabulary.size,
    unknownOccurrences,
  };
}

/** Encodes the whole text into ids with the stored vocabulary. */
export class TextLoad implements TextPass {
  readonly done = false;
  private readonly tokens: TextTokens;
  readonly ids: Int32Array;
  private n = 0;

  constructor(
    private readonly file: string,
    private readonly encoder: TextEncoder,
    private readonly vocabulary: Vocabulary,
  ) {
    const o = encoder.options;
    this.tokens = new TextTokens(file, o.level, o.lowercase, o.maxTokenChars);
    this.ids = new Int32Array(encoder.tokens);
  }

  push(text: string): void {
    this.tokens.push(text, this.onToken);
  }

  end(): void {
    this.tokens.end(this.onToken);
    if (this.n !== this.ids.length) this.changed();
  }

  private readonly onToken: TokenSink = (token) => {
    if (this.n >= this.ids.length) this.changed();
    this.ids[this.n++] = this.vocabulary.id(token);
  };

  private changed(): never {
    return fail(
      'source-changed',
      this.file,
      null,
      `the text no longer has the ${this.encoder.tokens} tokens it had when it was imported`,
      'Import the file again to register its new content as a new dataset.',
    );
  }
}
