import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../core/common/random/rng';
import { paritySample } from '../../../../core/common/tasks/parity';

describe('parity', () => {
  it('targets the XOR of all bits, with lengths uniform in range and both classes equally likely', () => {
    const rng = new Rng(3);
    let odd = 0;
    const lengths = new Set<number>();
    const wrong: number[][] = [];
    for (let i = 0; i < 4000; i++) {
      const e = paritySample(rng, 3, 7, false);
      if (e.input.kind !== 'dense' || e.target.kind !== 'sequence-class') throw new Error('wrong kind');
      const bits = Array.from(e.input.x);
      lengths.add(bits.length);
      if (!bits.every((b) => b === 0 || b === 1) || e.target.id !== bits.reduce<number>((a, b) => a ^ b, 0)) wrong.push(bits);
      odd += e.target.id;
    }
    expect(wrong).toEqual([]);
    expect([...lengths].sort()).toEqual([3, 4, 5, 6, 7]);
    expect(Math.abs(odd - 2000)).toBeLessThan(130);
  });

  it('running parity targets the XOR of every prefix', () => {
    const rng = new Rng(5);
    const wrong: string[] = [];
    for (let i = 0; i < 500; i++) {
      const e = paritySample(rng, 1, 20, true);
      if (e.input.kind !== 'dense' || e.target.kind !== 'step-classes') throw new Error('wrong kind');
      let p = 0;
      const expected = Array.from(e.input.x, (bit) => (p ^= bit));
      if (expected.join('') !== Array.from(e.target.ids).join('')) wrong.push(Array.from(e.input.x).join(''));
    }
    expect(wrong).toEqual([]);
  });
});
