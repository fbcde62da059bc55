// JSON from an editor: refused at the line and column where it breaks.
import { describe, expect, it } from 'vitest';
import { lineColumn, parseJsonText } from '../../../renderer/src/composables/json-text';

describe('parseJsonText', () => {
  it('parses valid JSON', () => {
    expect(parseJsonText('{ "a": [1, 2] }')).toEqual({ ok: true, value: { a: [1, 2] } });
  });

  it('names the line and column of the character that breaks it', () => {
    const parsed = parseJsonText('{\n  "a": 1,\n  }');
    expect(parsed).toMatchObject({ ok: false, line: 3, column: 3 });
    expect(!parsed.ok && parsed.message).toMatch(/at line 3, column 3$/);
  });

  it('places a text that ends too early at its end', () => {
    expect(parseJsonText('{ "a": ')).toMatchObject({ ok: false, line: 1, column: 8 });
  });

  it('counts lines and columns from 1', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
