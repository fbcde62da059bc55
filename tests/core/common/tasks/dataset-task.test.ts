// Imported data as Tasks: time-ordered windows that never cross a split, a normaliser fitted on the training
// rows only, seeded random splits for examples, and the baselines (persistence, unigram, majority class).
import { describe, expect, it } from 'vitest';
import type { SeriesEncoder, TextEncoder } from '../../../../core/common/data/import/encoder';
import { assignSplits } from '../../../../core/common/data/import/split-assignment';
import { Vocabulary } from '../../../../core/common/data/vocabulary';
import { Rng } from '../../../../core/common/random/rng';
import { splitRange } from '../../../../core/common/data/series-split';
import { loadText, importText, taskFromText } from '../data/import/run-plan';

/** Rows t = 0 … n − 1 of a series whose value is t itself, so a window's values say where it came from. */
const ramp = (n: number): string => 'step,x,y\n' + Array.from({ length: n }, (_, t) => `${t},${t},${2 * t + 1}`).join('\n') + '\n';

describe('series datasets', () => {
  const { task, output } = taskFromText(ramp(200), { kind: 'series', columns: ['x', 'y'], target: 'y', window: 5, horizon: 2 });
  const encoder = output.encoder as SeriesEncoder;

  it('fits the z-score on the training rows only (the first 80%)', () => {
    const x = encoder.normaliser[0]!;
    const train = Array.from({ length: 160 }, (_, t) => t);
    const mean = train.reduce((a, b) => a + b, 0) / 160;
    const std = Math.sqrt(train.reduce((a, t) => a + (t - mean) ** 2, 0) / 160);
    expect(x).toMatchObject({ name: 'x' });
    expect(x.mean).toBeCloseTo(mean, 10);
    expect(x.std).toBeCloseTo(std, 10);
  });

  it('declares a many-to-one MSE task with the columns as features', () => {
    expect(task).toMatchObject({ id: 'dataset-series', shape: 'many-to-one', loss: 'mse', params: { window: 5, horizon: 2 } });
    expect(task.input).toMatchObject({ kind: 'dense', features: 2, names: ['x', 'y'] });
    expect(task.output).toMatchObject({ kind: 'dense', features: 2 });
  });

  it('draws windows and targets that lie wholly inside their own split', () => {
    const x = encoder.normaliser[0]!;
    const rng = new Rng(5);
    for (const split of ['train', 'validation', 'test'] as const) {
      const [from, to] = splitRange(200, split);
      for (let i = 0; i < 100; i++) {
        const e = task.sample(rng, split);
        if (e.kind !== 'sequence' || e.input.kind !== 'dense' || e.target.kind !== 'sequence-values') throw new Error('wrong kind');
        const first = Math.round(e.input.x[0]! * x.std + x.mean);
        const ys = Array.from(e.target.values, (v) => Math.round(v * encoder.normaliser[1]!.std + encoder.normaliser[1]!.mean));
        expect(first).toBeGreaterThanOrEqual(from);
        expect(first + 5 + 2).toBeLessThanOrEqual(to);
        expect(ys).toEqual([2 * (first + 5) + 1, 2 * (first + 6) + 1]);
      }
    }
  });

  it('has the persistence baseline: for a ramp, the squared step of the target, in z-scored units', () => {
    const step = 2 / encoder.normaliser[1]!.std;
    // horizon 2: errors of one and two steps
    expect(task.baseline.value).toBeCloseTo((step ** 2 + (2 * step) ** 2) / 2, 4);
  });

  it('lets a run choose another window, within the smallest split', () => {
    expect(loadText(ramp(200), output, 'mem.csv', { window: 10 }).task.params.window).toBe(10);
    expect(() => loadText(ramp(200), output, 'mem.csv', { window: 30 })).toThrow(/does not fit/);
  });

  it('refuses a window that does not fit by the window asked for, saying what follows it and the largest that fits', () => {
    // 200 rows: the smallest split has 20; with a horizon of 2, windows up to 18 fit
    expect(loadText(ramp(200), output, 'mem.csv', { window: 18 }).task.params.window).toBe(18);
    expect(() => loadText(ramp(200), output, 'mem.csv', { window: 19 })).toThrow(
      /a window of 19 rows does not fit in the smallest split .*the 2 forecast values after it \(task\.params\.horizon\), one example spans 21 rows.* has 20\. Set task\.params\.window to 18 or less/,
    );
    expect(() => loadText(ramp(200), output, 'mem.csv', { window: 1, horizon: 20 })).toThrow(/No window fits .* set task\.params\.horizon to 19 or less/);
  });

  it('imports a series too short for the window it was given, and says which windows fit', () => {
    const short = importText(ramp(300), { kind: 'series', columns: ['x'], window: 50 });
    if (!short.ok) throw new Error(short.error.message);
    expect(short.value.report).toMatchObject({
      maxWindow: 29,
      notes: [expect.stringContaining('windows of up to 29 rows fit every split'), expect.stringContaining('must set task.params.window to 29 or less')],
    });
    expect(() => loadText(ramp(300), short.value)).toThrow(/a window of 50 rows does not fit .*Set task\.params\.window to 29 or less/);
    expect(loadText(ramp(300), short.value, 'mem.csv', { window: 29 }).task.params.window).toBe(29);
  });
});

describe('text datasets', () => {
  const text = 'abcabcabd\n'.repeat(40);
  it('models characters with the vocabulary of the text and windows inside each split', () => {
    const { task, output, data } = taskFromText(text, { kind: 'text', window: 8 }, 't.txt');
    const vocabulary = Vocabulary.fromJSON((output.encoder as TextEncoder).vocabulary);
    expect(vocabulary.ordinaryTokens).toEqual(['\n', 'a', 'b', 'c', 'd']);
    if (data.kind !== 'text') throw new Error('text data expected');
    expect(vocabulary.decodeText(data.ids)).toBe(text);
    const rng = new Rng(1);
    const [from, to] = splitRange(text.length, 'test');
    for (let i = 0; i < 50; i++) {
      const e = task.sample(rng, 'test');
      if (e.kind !== 'sequence' || e.input.kind !== 'tokens' || e.target.kind !== 'step-classes') throw new Error('wrong kind');
      expect(text.slice(from, to)).toContain(vocabulary.decodeText(e.input.ids) + vocabulary.decodeText(e.target.ids.subarray(7)));
    }
    expect(task.baseline.metric).toBe('perplexity');
    expect(task.baseline.value).toBeGreaterThan(1);
    expect(task.metrics).toContain('bits-per-char');
  });

  it('names the window a run asked for, not the window plus its next token', () => {
    const { output } = taskFromText('abcabcabd\n'.repeat(40), { kind: 'text', window: 8 }, 't.txt');
    let message = '';
    try {
      loadText('abcabcabd\n'.repeat(40), output, 't.txt', { window: 5000 });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('a window of 5000 tokens does not fit in the smallest split');
    expect(message).toContain('the token after it (the target of its last step), one example spans 5001 tokens');
    expect(message).not.toContain('window of 5001');
    expect(message).toContain('Set task.params.window to 39 or less');
  });

  it('models words, lower-cased, with rare words as <unk> under overflow "unknown"', () => {
    const { output, data } = taskFromText(
      'The cat. the CAT sat on the mat\n'.repeat(20) + 'zebra',
      { kind: 'text', level: 'word', lowercase: true, maxVocabulary: 5, overflow: 'unknown', window: 4 },
      't.txt',
    );
    const vocabulary = Vocabulary.fromJSON((output.encoder as TextEncoder).vocabulary);
    expect(vocabulary.ordinaryTokens).toEqual(['the', 'cat', 'cat.', 'mat', 'on']);
    if (data.kind !== 'text') throw new Error('text data expected');
    expect(vocabulary.decodeText(data.ids.subarray(0, 7), ' ')).toBe('the cat. the cat <unk> on the');
    expect(output.stats).toMatchObject({ tokens: 161, unknownOccurrences: 21 });
  });

  it('reports bits per character only when a token is a character', () => {
    const byWord = taskFromText('the cat sat on the mat\n'.repeat(20), { kind: 'text', level: 'word', window: 4 }, 't.txt').task;
    expect(byWord.metrics).toContain('perplexity');
    expect(byWord.metrics).not.toContain('bits-per-char');
  });
});

describe('labelled datasets', () => {
  const rows = Array.from({ length: 60 }, (_, i) => `${i % 3 === 0 ? 'b' : 'a'},${Array.from({ length: 2 + (i % 4) }, (_, t) => i + t).join(' ')}`);
  const csv = 'label,sequence\n' + rows.join('\n') + '\n';

  it('reads numbers, z-scored over the training examples, with a seeded random split', () => {
    const { task, output, data } = taskFromText(csv, { kind: 'labelled', seed: 4 });
    if (data.kind !== 'labelled' || output.encoder.kind !== 'labelled') throw new Error('labelled expected');
    const e = output.encoder;
    expect(e).toMatchObject({ elements: 'numbers', labels: ['a', 'b'], examples: 60, split: { seed: 4, train: 48, validation: 6, test: 6 } });
    const codes = assignSplits(60, 4);
    const trainValues = rows.flatMap((r, i) => (codes[i] === 0 ? r.split(',')[1]!.split(' ').map(Number) : []));
    expect(e.normaliser?.mean).toBeCloseTo(trainValues.reduce((a, b) => a + b, 0) / trainValues.length, 10);
    expect(task).toMatchObject({ shape: 'many-to-one', loss: 'cross-entropy', output: { kind: 'classes', labels: ['a', 'b'] } });
    const validationLabels = [...codes.keys()].filter((i) => codes[i] === 1).map((i) => (i % 3 === 0 ? 'b' : 'a'));
    const trainA = [...codes.keys()].filter((i) => codes[i] === 0 && i % 3 !== 0).length;
    const majority = trainA * 2 >= 48 ? 'a' : 'b';
    expect(task.baseline.value).toBeCloseTo(validationLabels.filter((l) => l === majority).length / 6, 10);
    // every validation sample is one of the validation examples: the one at one int(n) draw of the same stream
    const rng = new Rng(2);
    const twin = new Rng(2);
    const validation = [...codes.keys()].filter((i) => codes[i] === 1);
    for (let i = 0; i < 30; i++) {
      const s = task.sample(rng, 'validation');
      if (s.kind !== 'sequence' || s.input.kind !== 'dense' || s.target.kind !== 'sequence-class') throw new Error('wrong kind');
      const first = Math.round(s.input.x[0]! * (e.normaliser?.std ?? 1) + (e.normaliser?.mean ?? 0));
      expect(codes[first]).toBe(1);
      expect(first).toBe(validation[twin.int(validation.length)]);
      expect(s.target.id).toBe(first % 3 === 0 ? 1 : 0);
    }
  });

  it('skips empty strings in JSON token arrays (a vocabulary cannot hold an empty token)', () => {
    const jsonl = Array.from({ length: 6 }, (_, i) => JSON.stringify({ label: i % 2, sequence: ['', 'a', ''] })).join('\n');
    const { output } = taskFromText(jsonl, { kind: 'labelled', elements: 'tokens' }, 'e.jsonl');
    expect(output.stats).toMatchObject({ lengths: { min: 1, max: 1 } });
  });

  it('reads tokens from JSON Lines arrays, and orders numeric labels numerically', () => {
    const jsonl = Array.from({ length: 12 }, (_, i) => JSON.stringify({ y: String(i % 2 === 0 ? 10 : 9), seq: ['x', i % 2 === 0 ? 'y' : 'z'] })).join('\n');
    const { task, output } = taskFromText(jsonl, { kind: 'labelled', label: 'y', sequence: 'seq' }, 'd.jsonl');
    expect(output.encoder).toMatchObject({ elements: 'tokens', labels: ['9', '10'] });
    expect(task.input.kind).toBe('tokens');
  });
});

describe('pair datasets', () => {
  const tsv = 'en\tfr\n' + ['cat\tchat', 'dog\tchien', 'house\tmaison', 'sun\tsoleil', 'moon\tlune'].join('\n') + '\n';
  it('encodes each side with its own vocabulary and samples whole pairs', () => {
    const { task, output } = taskFromText(tsv, { kind: 'pairs', source: 'en', target: 'fr' }, 'p.tsv');
    if (output.encoder.kind !== 'pairs') throw new Error('pairs expected');
    const source = Vocabulary.fromJSON(output.encoder.sourceVocabulary);
    const target = Vocabulary.fromJSON(output.encoder.targetVocabulary);
    expect(task).toMatchObject({ shape: 'seq2seq', input: { kind: 'tokens' }, output: { kind: 'tokens' } });
    const pairs = new Set(tsv.split('\n').slice(1, -1));
    const rng = new Rng(3);
    for (let i = 0; i < 20; i++) {
      const e = task.sample(rng, 'train');
      if (e.kind !== 'seq2seq' || e.source.kind !== 'tokens') throw new Error('wrong kind');
      expect(pairs.has(`${source.decodeText(e.source.ids)}\t${target.decodeText(e.target)}`)).toBe(true);
    }
    const batch = task.batch(rng, 3, 'train');
    expect(batch.kind).toBe('seq2seq');
  });

  it('keeps the stats a dataset list shows: counts, lengths and split sizes', () => {
    const result = importText(tsv, { kind: 'pairs', source: 'en', target: 'fr' }, 'p.tsv');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.stats).toMatchObject({
      examples: 5,
      split: { train: 3, validation: 1, test: 1 },
      source: { field: 'en', lengths: { min: 3, max: 5 } },
    });
  });
});
