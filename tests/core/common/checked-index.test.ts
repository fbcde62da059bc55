import { describe, expect, it } from 'vitest';
import { at, mustGet } from '../../../core/common/checked-index';

describe('checked element reads', () => {
  it('at returns the element inside the range and names the list and range outside it', () => {
    expect(at([10, 20], 1, 'xs')).toBe(20);
    expect(at(Float64Array.of(0), 0, 'xs')).toBe(0); // 0 is a value, not a missing element
    expect(() => at([10, 20], 2, 'Recurrent.outs')).toThrow('Recurrent.outs: no element at index 2 (length 2)');
    expect(() => at([10], -1, 'xs')).toThrow('xs: no element at index -1 (length 1)');
  });

  it('mustGet returns the entry and names the map and key when it is absent', () => {
    const m = new Map([['x', 0]]);
    expect(mustGet(m, 'x', 'grads')).toBe(0);
    expect(() => mustGet(m, 'h0', 'reference gradients')).toThrow('reference gradients: no entry for h0');
  });
});
