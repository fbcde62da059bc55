// SampledPass: the layout is detected from at most the sample, however large the first chunk, and the pass it
// starts still receives every character in order.
import { describe, expect, it } from 'vitest';
import { SAMPLE_CHARS } from '../../../../../core/common/data/import/detect';
import { SampledPass, type TextPass } from '../../../../../core/common/data/import/text-pass';

class Collect implements TextPass {
  readonly done = false;
  text = '';
  ended = false;
  push(text: string): void {
    this.text += text;
  }
  end(): void {
    this.ended = true;
  }
}

describe('SampledPass', () => {
  it('starts from the first SAMPLE_CHARS characters of a larger first chunk, and passes on all of it', () => {
    const samples: [number, boolean][] = [];
    const inner = new Collect();
    const pass = new SampledPass((sample, complete) => (samples.push([sample.length, complete]), inner));
    const big = 'x'.repeat(4 * SAMPLE_CHARS);
    pass.push(big);
    pass.push('tail');
    pass.end();
    expect(samples).toEqual([[SAMPLE_CHARS, false]]);
    expect(inner.text).toBe(`${big}tail`);
    expect(inner.ended).toBe(true);
  });

  it('doubles the sample while the start needs more, and gives a small file whole and complete', () => {
    const samples: [number, boolean][] = [];
    const pass = new SampledPass(
      (sample, complete) => (samples.push([sample.length, complete]), complete || sample.length >= 2 * SAMPLE_CHARS ? new Collect() : null),
    );
    pass.push('y'.repeat(3 * SAMPLE_CHARS));
    expect(samples).toEqual([
      [SAMPLE_CHARS, false],
      [2 * SAMPLE_CHARS, false],
    ]);
    const small = new SampledPass((sample, complete) => (samples.push([sample.length, complete]), new Collect()));
    small.push('a,b\n');
    small.end();
    expect(samples.at(-1)).toEqual([4, true]);
  });
});
