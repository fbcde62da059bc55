import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BOS_ID, EOS_ID, PAD_ID, SPECIAL_TOKENS, UNK_ID, Vocabulary } from '../../../../core/common/data/vocabulary';

describe('Vocabulary', () => {
  it('reserves PAD = 0, BOS, EOS, UNK before the ordinary tokens', () => {
    const v = new Vocabulary(['x', 'y']);
    expect([PAD_ID, BOS_ID, EOS_ID, UNK_ID]).toEqual([0, 1, 2, 3]);
    expect(v.size).toBe(6);
    expect(v.id('<pad>')).toBe(PAD_ID);
    expect(v.id('x')).toBe(4);
    expect(v.token(5)).toBe('y');
    expect(v.ordinaryTokens).toEqual(['x', 'y']);
  });

  it('builds a character vocabulary sorted by code point, and round-trips text', () => {
    const v = Vocabulary.fromText('hello, world');
    expect(v.ordinaryTokens).toEqual([' ', ',', 'd', 'e', 'h', 'l', 'o', 'r', 'w']);
    expect(v.decodeText(v.encode('hello, world'))).toBe('hello, world');
  });

  it('encodes unknown tokens as UNK and adds BOS / EOS on request', () => {
    const v = new Vocabulary(['the', 'cat']);
    expect(Array.from(v.encode(['the', 'dog', 'cat'], { bos: true, eos: true }))).toEqual([BOS_ID, 4, UNK_ID, 5, EOS_ID]);
  });

  it('decodes stopping at EOS and skipping PAD / BOS, unless told otherwise', () => {
    const v = new Vocabulary(['a', 'b']);
    const ids = [BOS_ID, 4, 5, EOS_ID, 4, PAD_ID];
    expect(v.decode(ids)).toEqual(['a', 'b']);
    expect(v.decode(ids, { stopAtEos: false })).toEqual(['a', 'b', 'a']);
    expect(v.decode(ids, { skipSpecial: false })).toEqual(['<bos>', 'a', 'b']);
    expect(v.decodeText([4, UNK_ID, 5], '-')).toBe('a-<unk>-b');
  });

  it('survives JSON and refuses a malformed one, naming the field', () => {
    const v = new Vocabulary(['α', 'β', ' ']);
    const back = Vocabulary.fromJSON(JSON.parse(JSON.stringify(v)));
    expect(back.ordinaryTokens).toEqual(v.ordinaryTokens);
    expect(back.encode('βα ')).toEqual(v.encode('βα '));
    expect(() => Vocabulary.fromJSON({ format: 'seqlab-vocabulary', version: 1, tokens: ['a', 7] })).toThrow(/tokens\.1/);
    expect(() => Vocabulary.fromJSON({ format: 'seqlab-vocabulary', version: 2, tokens: [] })).toThrow(/version/);
  });

  it('refuses duplicate, empty and reserved tokens', () => {
    expect(() => new Vocabulary(['a', 'a'])).toThrow(/tokens\[1\].*duplicate/);
    expect(() => new Vocabulary([''])).toThrow(/tokens\[0\] is empty/);
    expect(() => new Vocabulary([SPECIAL_TOKENS[2]])).toThrow(/reserved/);
    expect(() => new Vocabulary(['a']).token(9)).toThrow(/outside \[0, 5\)/);
  });

  it('round-trips any text through its own character vocabulary (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        const v = Vocabulary.fromText(text);
        const ids = v.encode(text);
        expect(ids.every((id) => id > UNK_ID && id < v.size)).toBe(true);
        expect(v.decodeText(ids)).toBe(text);
        expect(Vocabulary.fromJSON(JSON.parse(JSON.stringify(v))).decodeText(ids)).toBe(text);
      }),
    );
  });
});
