// Token ↔ id mapping with the reserved ids every token batch relies on, saved with a run as JSON so
// inference decodes exactly as training encoded.
import { z } from 'zod';

/** Reserved ids, the same in every vocabulary: padding is 0 so zero-filled buffers are padded. */
export const PAD_ID = 0;
export const BOS_ID = 1;
export const EOS_ID = 2;
export const UNK_ID = 3;
export const SPECIAL_TOKENS = ['<pad>', '<bos>', '<eos>', '<unk>'] as const;
const RESERVED = SPECIAL_TOKENS.length;

const vocabularyJsonSchema = z.object({
  format: z.literal('seqlab-vocabulary'),
  version: z.literal(1),
  /** The ordinary tokens; token i has id RESERVED + i. */
  tokens: z.array(z.string().min(1)),
});
export type VocabularyJson = z.infer<typeof vocabularyJsonSchema>;

export interface DecodeOptions {
  /** Stop at the first EOS (default true). */
  readonly stopAtEos?: boolean;
  /** Leave out PAD, BOS and EOS (default true); UNK is always kept, as `<unk>`. */
  readonly skipSpecial?: boolean;
}

export class Vocabulary {
  private readonly tokens: readonly string[];
  private readonly ids: ReadonlyMap<string, number>;

  /** @param tokens the ordinary tokens in id order (ids start after the reserved ones); no duplicates. */
  constructor(tokens: readonly string[]) {
    const ids = new Map<string, number>();
    SPECIAL_TOKENS.forEach((token, id) => ids.set(token, id));
    tokens.forEach((token, i) => {
      if (token.length === 0) throw new Error(`Vocabulary: tokens[${i}] is empty`);
      if (ids.has(token)) throw new Error(`Vocabulary: tokens[${i}] = ${JSON.stringify(token)} is a duplicate or a reserved token`);
      ids.set(token, RESERVED + i);
    });
    this.tokens = [...SPECIAL_TOKENS, ...tokens];
    this.ids = ids;
  }

  /** A character vocabulary: the distinct code points of `text`, sorted by code point so it is stable. */
  static fromText(text: string): Vocabulary {
    return new Vocabulary([...new Set(Array.from(text))].sort(compareCodePoints));
  }

  /** Rebuilds a vocabulary from `toJSON()` output; throws naming the bad field if it is not one. */
  static fromJSON(json: unknown): Vocabulary {
    const parsed = vocabularyJsonSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`Vocabulary.fromJSON: ${issue === undefined ? 'invalid' : `${issue.path.join('.') || '(root)'}: ${issue.message}`}`);
    }
    return new Vocabulary(parsed.data.tokens);
  }

  /** Number of ids, reserved ones included: the V of a batch. */
  get size(): number {
    return this.tokens.length;
  }

  /** The ordinary tokens, in id order. */
  get ordinaryTokens(): readonly string[] {
    return this.tokens.slice(RESERVED);
  }

  has(token: string): boolean {
    return this.ids.has(token);
  }

  /** The id of a token, UNK_ID when it is not in the vocabulary. */
  id(token: string): number {
    return this.ids.get(token) ?? UNK_ID;
  }

  token(id: number): string {
    const token = Number.isInteger(id) ? this.tokens[id] : undefined;
    if (token === undefined) throw new Error(`Vocabulary.token: id ${id} is outside [0, ${this.tokens.length})`);
    return token;
  }

  /**
   * Encodes tokens; a string is iterated by code point, so `encode('abc')` is character-level and
   * `encode(['the', 'cat'])` word-level.
   */
  encode(tokens: Iterable<string>, options: { bos?: boolean; eos?: boolean } = {}): Int32Array {
    const ids: number[] = options.bos === true ? [BOS_ID] : [];
    for (const token of tokens) ids.push(this.id(token));
    if (options.eos === true) ids.push(EOS_ID);
    return Int32Array.from(ids);
  }

  decode(ids: ArrayLike<number>, options: DecodeOptions = {}): string[] {
    const stopAtEos = options.stopAtEos ?? true;
    const skipSpecial = options.skipSpecial ?? true;
    const out: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (stopAtEos && id === EOS_ID) break;
      if (skipSpecial && (id === PAD_ID || id === BOS_ID || id === EOS_ID)) continue;
      out.push(this.token(id));
    }
    return out;
  }

  /** Decodes and joins, e.g. back to the string a character vocabulary encoded. */
  decodeText(ids: ArrayLike<number>, separator = '', options: DecodeOptions = {}): string {
    return this.decode(ids, options).join(separator);
  }

  toJSON(): VocabularyJson {
    return { format: 'seqlab-vocabulary', version: 1, tokens: this.tokens.slice(RESERVED) };
  }
}

function compareCodePoints(a: string, b: string): number {
  return (a.codePointAt(0) ?? 0) - (b.codePointAt(0) ?? 0);
}
