import { describe, expect, it } from 'vitest';
import { fieldLocation } from '../../../../../core/common/data/import/import-error';

describe('fieldLocation', () => {
  const record = { line: 3, lines: [3, 4], columns: [1, 7] };

  it('places a field where it starts (a quoted field may start on a later line than its record)', () => {
    expect(fieldLocation(record, 0)).toEqual({ line: 3, column: 1 });
    expect(fieldLocation(record, 1)).toEqual({ line: 4, column: 7 });
  });

  it('places a field the record lacks at the record line, with no made-up column', () => {
    expect(fieldLocation(record, 2)).toEqual({ line: 3 });
  });
});
