// The UTF-8 check: valid text in any chunking passes; NUL bytes, invalid and truncated sequences, and UTF-16
// files fail with the line and column of the first bad byte.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8Checker } from '../../../../../core/common/data/import/utf8-check';
import { failure } from './failure';

function check(bytes: Uint8Array, chunk = bytes.length || 1): void {
  const checker = new Utf8Checker('f.txt');
  for (let i = 0; i < bytes.length; i += chunk) checker.check(bytes.subarray(i, i + chunk));
  checker.finish();
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const concat = (...parts: (Uint8Array | number[])[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

describe('Utf8Checker', () => {
  it('accepts any valid UTF-8 in any chunking, a byte-order mark included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.integer({ min: 1, max: 7 }), (text, chunk) => {
        check(utf8(text), chunk);
        check(concat([0xef, 0xbb, 0xbf], utf8(text)), chunk);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with a fatal TextDecoder on random bytes (300 runs)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 30 }), fc.integer({ min: 1, max: 5 }), (bytes, chunk) => {
        const clean = bytes.map((b) => (b === 0 ? 1 : b));
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(clean);
        } catch {
          valid = false;
        }
        const error = valid ? null : failure(() => check(clean, chunk));
        if (valid) check(clean, chunk);
        else expect(error?.code).toBe('invalid-encoding');
      }),
      { numRuns: 300 },
    );
  });

  it('locates a NUL byte', () => {
    expect(failure(() => check(concat(utf8('ab\ncé'), [0, 0x41]), 2))).toMatchObject({ code: 'binary-file', line: 2, column: 3 });
  });

  it('locates a Latin-1 byte after multi-byte characters, counting columns in characters', () => {
    const error = failure(() => check(concat(utf8('x\r\nα😀'), [0xe9], utf8('!')), 3));
    expect(error).toMatchObject({ code: 'invalid-encoding', line: 2, column: 3 });
    expect(error.message).toMatch(/f\.txt, line 2, column 3: the bytes from 0xE9 at byte offset 9 are not valid UTF-8.*Save the file as UTF-8/);
  });

  it('rejects overlong forms, surrogates and code points above U+10FFFF', () => {
    for (const bad of [
      [0xc0, 0x80],
      [0xe0, 0x80, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf5, 0x80, 0x80, 0x80],
    ]) {
      expect(failure(() => check(concat([0x61], bad)))).toMatchObject({ code: 'invalid-encoding', line: 1, column: 2 });
    }
  });

  it('rejects a character cut off by the end of the file', () => {
    expect(failure(() => check(concat(utf8('ok\n'), [0xe2, 0x82])))).toMatchObject({ code: 'invalid-encoding', line: 2, column: 1 });
  });

  it('names UTF-16 for a UTF-16 byte-order mark', () => {
    const error = failure(() => check(Uint8Array.from([0xff, 0xfe, 0x61, 0x00])));
    expect(error).toMatchObject({ code: 'invalid-encoding', line: 1, column: 1 });
    expect(error.message).toContain('UTF-16');
  });
});
