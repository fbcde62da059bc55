// Colour slots of compared runs stay put when other runs are added or removed.
import { describe, expect, it } from 'vitest';
import { assignColorSlots } from '../../../../../core/common/runs/compare/stable-colors';

describe('assignColorSlots', () => {
  it('keeps a run its slot when others come and go; a new run takes the lowest free slot', () => {
    const first = assignColorSlots(new Map(), [3, 7, 9]);
    expect([...first]).toEqual([
      [3, 0],
      [7, 1],
      [9, 2],
    ]);
    const without7 = assignColorSlots(first, [3, 9]);
    expect([...without7]).toEqual([
      [3, 0],
      [9, 2],
    ]);
    const with12 = assignColorSlots(without7, [12, 3, 9, 15]);
    expect(with12.get(3)).toBe(0);
    expect(with12.get(9)).toBe(2);
    expect(with12.get(12)).toBe(1);
    expect(with12.get(15)).toBe(3);
  });
});
