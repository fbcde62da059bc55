// The shape of one streaming read of a file's decoded text, and the wrapper that holds back the first part
// of the file until the layout (format, delimiter, header) is known.
import { SAMPLE_CHARS } from './detect';

/** One read of a file's text, chunk by chunk; `end` after the last chunk. */
export interface TextPass {
  push(text: string): void;
  end(): void;
  /** True once the pass needs no more text, so the reader may stop early. */
  readonly done: boolean;
}

/**
 * Buffers the first SAMPLE_CHARS characters (more while `start` returns null, which it may only do for an
 * incomplete sample), then hands everything buffered and after it to the pass `start` creates from the sample.
 * `start` sees no more than the sample, however large the chunks: detection stays cheap and the reader yields.
 */
export class SampledPass<P extends TextPass> implements TextPass {
  private buffer = '';
  private wanted = SAMPLE_CHARS;
  private pass: P | null = null;

  constructor(private readonly start: (sample: string, complete: boolean) => P | null) {}

  get done(): boolean {
    return this.pass?.done ?? false;
  }

  /** The pass started from the sample; throws before the sample was complete (a bug in the caller). */
  get inner(): P {
    if (this.pass === null) throw new Error('SampledPass.inner: the pass has not started (call end() first)');
    return this.pass;
  }

  push(text: string): void {
    if (this.pass !== null) {
      this.pass.push(text);
      return;
    }
    this.buffer += text;
    if (this.buffer.length >= this.wanted) this.begin(false);
  }

  end(): void {
    if (this.pass === null) this.begin(true);
    this.inner.end();
  }

  private begin(complete: boolean): void {
    // detection reads at most `wanted` characters: a large first chunk is not tokenised whole, several times over
    for (;;) {
      const whole = this.buffer.length <= this.wanted;
      const pass = this.start(whole ? this.buffer : this.buffer.slice(0, this.wanted), complete && whole);
      if (pass !== null) {
        this.pass = pass;
        const text = this.buffer;
        this.buffer = '';
        pass.push(text);
        return;
      }
      if (complete && whole) throw new Error('SampledPass: start returned null for the complete file');
      this.wanted *= 2;
      if (!complete && this.buffer.length < this.wanted) return;
    }
  }
}
