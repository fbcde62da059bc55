// Import options: defaults filled in, and an invalid option named in an 'invalid-options' error.
import { describe, expect, it } from 'vitest';
import { parseImportOptions } from '../../../../../core/common/data/import/import-options';

describe('parseImportOptions', () => {
  it('fills in the defaults of a kind', () => {
    const parsed = parseImportOptions({ kind: 'series', target: 'y' }, 'f.csv');
    expect(parsed).toMatchObject({
      ok: true,
      value: { kind: 'series', target: 'y', window: 50, horizon: 1, delimiter: 'auto', header: 'auto', format: 'auto' },
    });
  });

  it('names the invalid option, and says the file was not read', () => {
    for (const [raw, path] of [
      [{ kind: 'text', window: 0 }, 'window'],
      [{ kind: 'pairs', delimiter: '""' }, 'delimiter'],
      [{ kind: 'labelled', colour: 'red' }, '(options)'],
      [{ kind: 'images' }, 'kind'],
    ] as const) {
      const parsed = parseImportOptions(raw, 'f.csv');
      if (parsed.ok) throw new Error('expected an error');
      expect(parsed.error.code).toBe('invalid-options');
      expect(parsed.error.message).toContain(`the import option ${path}`);
      expect(parsed.error.message).toContain('the file was not read');
    }
  });
});
