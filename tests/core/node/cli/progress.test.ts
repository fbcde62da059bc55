// Progress on stderr: a bar redrawn in place on a terminal, a line per tenth of the run otherwise.
import { describe, expect, it } from 'vitest';
import { ProgressView } from '../../../../core/node/cli/progress';

const progress = (step: number) => ({
  runId: 7,
  step,
  totalSteps: 100,
  loss: 0.25,
  accuracy: 0.5,
  learningRate: 0.001,
  gradNorm: 1,
  tokensPerSecond: null,
  etaSeconds: 12,
});

function sink(isTTY: boolean, columns: number | undefined = 100) {
  const chunks: string[] = [];
  return { chunks, sink: { write: (text: string) => chunks.push(text), isTTY, columns } };
}

describe('ProgressView', () => {
  it('redraws one bar line on a terminal and prints notes above it', () => {
    const { chunks, sink: tty } = sink(true);
    const view = new ProgressView(tty);
    view.progress(progress(50));
    expect(chunks.at(-1)).toBe('\r\u001b[2Krun 7 ██████████░░░░░░░░░░  50% 50/100 · loss 0.25 · acc 50.0% · ETA 12.0 s');
    view.note('hello');
    expect(chunks.slice(-3)).toEqual(['\r\u001b[2K', 'hello\n', expect.stringContaining('50/100')]);
    view.finish();
    expect(chunks.at(-1)).toBe('\r\u001b[2K');
  });

  it('fits the bar in the width a terminal reports, and treats 0 or no width as unknown (80), not as no room', () => {
    const full = '\r\u001b[2Krun 7 ██████████░░░░░░░░░░  50% 50/100 · loss 0.25 · acc 50.0% · ETA 12.0 s';
    for (const columns of [0, undefined]) {
      const { chunks, sink: tty } = sink(true, columns);
      new ProgressView(tty).progress(progress(50));
      expect(chunks.at(-1)).toBe(full);
    }
    const { chunks, sink: narrow } = sink(true, 30);
    new ProgressView(narrow).progress(progress(50));
    expect(chunks.at(-1)).toBe('\r\u001b[2Krun 7 ██████████░░░░░░░░░░  5');
  });

  it('prints a plain line at each tenth of the run elsewhere', () => {
    const { chunks, sink: plain } = sink(false);
    const view = new ProgressView(plain, (id) => `trial 1/2 (run ${id})`);
    for (const step of [1, 5, 10, 11, 19, 20, 55, 100]) view.progress(progress(step));
    expect(chunks.map((c) => c.split(' · ')[0])).toEqual([
      'trial 1/2 (run 7): step 10/100 (10%)',
      'trial 1/2 (run 7): step 20/100 (20%)',
      'trial 1/2 (run 7): step 55/100 (55%)',
      'trial 1/2 (run 7): step 100/100 (100%)',
    ]);
  });
});
