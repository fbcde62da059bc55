// The import form bounds and prefills its window from the import schema (import-options.ts), not from numbers of its own.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IMPORT_WINDOW, IMPORT_WINDOW_LIMITS, importOptionsSchema } from '../../../core/common/data/import/import-options';

describe('the import form’s window', () => {
  it('is bounded by the limits the schema enforces, with the schema’s defaults per kind', () => {
    const parse = (kind: 'series' | 'text', window?: number) => importOptionsSchema.safeParse(window === undefined ? { kind } : { kind, window });
    for (const kind of ['series', 'text'] as const) {
      const defaults = parse(kind);
      expect(defaults.success && 'window' in defaults.data && defaults.data.window, kind).toBe(DEFAULT_IMPORT_WINDOW[kind]);
      expect(parse(kind, IMPORT_WINDOW_LIMITS.max).success, kind).toBe(true);
      expect(parse(kind, IMPORT_WINDOW_LIMITS.max + 1).success, kind).toBe(false);
      expect(parse(kind, IMPORT_WINDOW_LIMITS.min - 1).success, kind).toBe(false);
    }
    const source = readFileSync(new URL('../../../renderer/src/components/DataImportForm.vue', import.meta.url), 'utf8');
    expect(source).not.toMatch(/\s(min|max)="\d/);
    expect(source).not.toMatch(/'(50|64)'/);
  });
});
