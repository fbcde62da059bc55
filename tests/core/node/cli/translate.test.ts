// `seqlab infer --translate` on an encoder–decoder trained by `seqlab train` and exported as its two
// graphs: the output, and per output token the source token it attended to most.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Translation } from '../../../../core/common/api/entities';
import { describeTranslation } from '../../../../core/node/cli/infer';
import { createCliFixture, type CliFixture } from './cli-fixture';

let fx: CliFixture;
let runId: number;

beforeAll(async () => {
  fx = createCliFixture();
  const reverse = {
    seed: 1,
    task: { id: 'reverse-string', params: { alphabet: 4, minLength: 2, maxLength: 5 } },
    model: { kind: 'seq2seq', cell: 'gru', hiddenSize: 8, embeddingDim: 4, attention: { size: 4 } },
    training: { steps: 6, batchSize: 4, evalEvery: 3, evalBatches: 1, checkpointEvery: 3, gradNormsEvery: 0 },
  };
  const trained = await fx.run(['train', fx.writeJson('reverse.json', reverse), '--json']);
  expect(trained.code, trained.stderr).toBe(0);
  runId = trained.json<{ run: { id: number } }>().run.id;
  const exported = await fx.run(['export', String(runId), '--onnx', 'rev.onnx']);
  expect(exported.code, exported.stderr).toBe(0);
  expect(existsSync(join(fx.dir, 'rev.step.onnx'))).toBe(true);
});
afterAll(() => fx.dispose());

describe('seqlab infer --translate', () => {
  it('runs the pair on a source and shows where each output token looked', async () => {
    const json = await fx.run(['infer', 'rev.onnx', '--translate', 'abcd', '--length', '6', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const translation = json.json<{ translation: Translation }>().translation;
    expect(translation.sourceTokens).toEqual(['a', 'b', 'c', 'd']);
    expect(translation.tokens.length).toBeGreaterThan(0);
    expect(translation.tokens.length).toBeLessThanOrEqual(6);
    expect(translation.attention).toHaveLength(translation.tokens.length);

    const text = await fx.run(['infer', 'rev.onnx', '--translate', 'abcd', '--length', '6']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('LOOKS AT');
    expect(text.stdout.split('\n').length).toBeGreaterThanOrEqual(translation.tokens.length + 2);
  });

  it('counts and names the source characters the vocabulary lacks, on stderr and in the JSON', async () => {
    const json = await fx.run(['infer', 'rev.onnx', '--translate', 'abzxz', '--length', '4', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const out = json.json<{ translation: Translation; warnings: string[] }>();
    expect(out.translation.unknown).toEqual({ count: 3, tokens: ['z', 'x'] });
    expect(out.translation.sourceTokens).toEqual(['a', 'b', '<unk>', '<unk>', '<unk>']);
    expect(out.warnings).toHaveLength(1);
    expect(json.stderr).toContain(
      'warning: 3 input tokens are not in the model\'s vocabulary and were read as <unk>, which the model may never have seen in training: "z", "x".',
    );
  });

  it('refuses to export over either graph of the pair, writing neither, unless --force', async () => {
    writeFileSync(join(fx.dir, 'other.step.onnx'), 'kept');
    const refused = await fx.run(['export', String(runId), '--onnx', 'other.onnx']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${join(fx.dir, 'other.step.onnx')} already exists, so nothing was written`);
    expect(existsSync(join(fx.dir, 'other.onnx'))).toBe(false);
    expect(readFileSync(join(fx.dir, 'other.step.onnx'), 'utf8')).toBe('kept');

    const before = readFileSync(join(fx.dir, 'rev.onnx'));
    const again = await fx.run(['export', String(runId), '--onnx', 'rev.onnx']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`${join(fx.dir, 'rev.onnx')} already exists`);
    expect(readFileSync(join(fx.dir, 'rev.onnx')).equals(before)).toBe(true);
    const forced = await fx.run(['export', String(runId), '--onnx', 'other.onnx', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(fx.dir, 'other.step.onnx'), 'utf8')).not.toBe('kept');
  });

  it('--beam K searches K hypotheses through the exported graphs and lists them best first', async () => {
    const greedy = (await fx.run(['infer', 'rev.onnx', '--translate', 'abcd', '--length', '6', '--json'])).json<{ translation: Translation }>().translation;
    const json = await fx.run(['infer', 'rev.onnx', '--translate', 'abcd', '--length', '6', '--beam', '1', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const one = json.json<{ translation: Translation }>().translation;
    expect(one.tokens).toEqual(greedy.tokens); // width 1 is greedy decoding
    expect(one.beams).toHaveLength(1);

    const wide = (await fx.run(['infer', 'rev.onnx', '--translate', 'abcd', '--length', '6', '--beam', '3', '--json'])).json<{ translation: Translation }>()
      .translation;
    const beams = wide.beams ?? [];
    expect(beams.length).toBeGreaterThanOrEqual(1);
    expect(beams.length).toBeLessThanOrEqual(3);
    expect(beams[0]?.tokens).toEqual(wide.tokens);
    for (let i = 1; i < beams.length; i++) expect(beams[i]?.score).toBeLessThanOrEqual(beams[i - 1]?.score ?? NaN);
    const text = await fx.run(['infer', 'rev.onnx', '--translate', 'abcd', '--length', '6', '--beam', '3']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Beam search, ');
    expect(text.stdout).toMatch(/RANK\s+SCORE\s+LOG P/);
  });

  it('refuses --beam without --translate, with sampling options, or out of range, naming the flag (exit 2)', async () => {
    for (const [args, message] of [
      [['--beam', '0'], 'option --beam: must be ≥ 1 (got 0)'],
      [['--beam', '17'], 'option --beam: must be ≤ 16 (got 17)'],
      [['--beam', '2.5'], 'option --beam: must be a whole number (got 2.5)'],
      [['--beam', '2', '--temperature', '0.5', '--seed', '3'], '--beam K keeps the K most likely translations; it does not sample: drop --temperature, --seed'],
    ] as const) {
      const refused = await fx.run(['infer', 'rev.onnx', '--translate', 'ab', ...args]);
      expect(refused.code, refused.stderr).toBe(2);
      expect(refused.stderr).toContain(message);
    }
    const elsewhere = await fx.run(['infer', 'rev.onnx', '--text', 'ab', '--beam', '2']);
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toContain('--beam K is beam search over an encoder–decoder: give it with --translate SOURCE');
  });

  it('refuses two inputs at once with exit 2', async () => {
    const both = await fx.run(['infer', 'rev.onnx', '--translate', 'ab', '--text', 'ab']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give one input');
  });
});

describe('describeTranslation', () => {
  it('prints the text, an unfinished note, and the most-attended source token per output token', () => {
    const out = describeTranslation({
      sourceTokens: ['a', 'b'],
      tokens: ['b', 'a'],
      text: 'ba',
      finished: false,
      attention: [
        [0.1, 0.9],
        [0.8, 0.2],
      ],
      unknown: { count: 0, tokens: [] },
    });
    const lines = out.split('\n');
    expect(lines[0]).toBe('ba  (stopped at 2 tokens without <eos>)');
    expect(lines[2]).toMatch(/^b\s+b\s+2\s+0\.90$/);
    expect(lines[3]).toMatch(/^a\s+a\s+1\s+0\.80$/);
    expect(describeTranslation({ sourceTokens: ['a'], tokens: ['a'], text: 'a', finished: true, attention: null, unknown: { count: 0, tokens: [] } })).toBe(
      'a',
    );
  });

  it('lists beam hypotheses with their score, log-probability and whether they ended', () => {
    const beams = [
      { tokens: ['a', '<eos>'], text: 'a', logProb: -0.5, score: -0.25, finished: true },
      { tokens: ['b', 'b'], text: 'bb', logProb: -1.2, score: -0.6, finished: false },
    ];
    const lines = describeTranslation({
      sourceTokens: ['a'],
      tokens: ['a', '<eos>'],
      text: 'a',
      finished: true,
      attention: null,
      unknown: { count: 0, tokens: [] },
      beams,
    }).split('\n');
    expect(lines[1]).toBe('Beam search, 2 hypotheses (score = log p / length, the first is shown above):');
    expect(lines[3]).toMatch(/^\s*1\s+-0\.2500\s+-0\.5000\s+yes\s+a$/);
    expect(lines[4]).toMatch(/^\s*2\s+-0\.6000\s+-1\.2000\s+no\s+bb$/);
  });
});
