// Counting the distinct tokens of a file while streaming, under a vocabulary limit: over the limit is either
// an error at the first token too many, or (overflow 'unknown') the most frequent tokens are kept and the rest
// become <unk>. The result is a Vocabulary with a stable order, saved with the dataset.
import { SPECIAL_TOKENS, Vocabulary } from '../vocabulary';
import type { TokenLevel } from './cells';
import { fail, quote, type Location } from './import-error';

/** Distinct tokens counted at most, whatever the limit, so a file of random words cannot exhaust memory. */
export const MAX_DISTINCT_COUNTED = 2_000_000;

const RESERVED: ReadonlySet<string> = new Set(SPECIAL_TOKENS);

export class TokenCounter {
  private readonly counts = new Map<string, number>();
  private dropped = 0;

  /**
   * @param limit most ordinary tokens the vocabulary may hold
   * @param what what the tokens are, for messages, e.g. 'characters' or 'source words'
   */
  constructor(
    private readonly file: string,
    private readonly limit: number,
    private readonly overflow: 'error' | 'unknown',
    private readonly what: string,
  ) {}

  /** Counts one token seen at `at` (the reserved tokens such as <unk> encode to their own ids and are not counted). */
  add(token: string, at: () => Location): void {
    const count = this.counts.get(token);
    if (count !== undefined) {
      this.counts.set(token, count + 1);
      return;
    }
    if (RESERVED.has(token)) return;
    const cap = this.overflow === 'error' ? this.limit : Math.max(this.limit, MAX_DISTINCT_COUNTED);
    if (this.counts.size >= cap) {
      const over = this.overflow === 'error' ? `more than ${this.limit} distinct ${this.what}` : `more than ${cap} distinct ${this.what}, too many to count`;
      const todo =
        this.overflow === 'error'
          ? `Raise maxVocabulary, or import with overflow: "unknown" to keep the ${this.limit} most frequent and read the rest as <unk>${this.what.includes('character') ? '' : ', or use character level'}.`
          : 'Check that this is the right file and tokenisation (character level has far fewer distinct tokens).';
      fail('vocabulary-over-limit', this.file, at(), `the file has ${over}: ${quote(token)} here is one too many`, todo);
    }
    this.counts.set(token, 1);
  }

  get distinct(): number {
    return this.counts.size;
  }

  /**
   * The vocabulary: the `limit` most frequent tokens (ties in code-unit order), then ordered by code point for
   * characters (as Vocabulary.fromText) or by frequency for words. Also how many occurrences fall outside it.
   */
  build(level: TokenLevel): { vocabulary: Vocabulary; unknownOccurrences: number } {
    const byFrequency = [...this.counts].sort((a, b) => b[1] - a[1] || compareStrings(a[0], b[0]));
    const kept = byFrequency.slice(0, this.limit);
    this.dropped = byFrequency.slice(this.limit).reduce((sum, [, c]) => sum + c, 0);
    const tokens = kept.map(([t]) => t);
    if (level === 'char') tokens.sort(compareStrings);
    return { vocabulary: new Vocabulary(tokens), unknownOccurrences: this.dropped };
  }
}

/** Code-unit order; for single code points the same as code-point order except across surrogates. */
function compareStrings(a: string, b: string): number {
  const ca = a.codePointAt(0) ?? 0;
  const cb = b.codePointAt(0) ?? 0;
  if (ca !== cb) return ca - cb;
  return a < b ? -1 : a > b ? 1 : 0;
}
