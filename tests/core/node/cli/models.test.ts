// `seqlab export` and `seqlab infer` on runs trained by `seqlab train`: ONNX with its parity check,
// then the exported model described, queried and sampled through the same API as the playground; an
// existing file refused without --force, a failed parity check refused without --allow-failed-parity,
// unknown characters counted and named, number options checked against the API's own limits.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelExport, ModelInfo, Prediction } from '../../../../core/common/api/entities';
import { createCliFixture, tinySpec, type CliFixture } from './cli-fixture';

let fx: CliFixture;
let charRun: number;
let addingRun: number;

beforeAll(async () => {
  fx = createCliFixture();
  const charLm = {
    seed: 1,
    task: { id: 'char-lm', params: { window: 8, corpusLength: 1000 } },
    model: { cell: 'lstm', hiddenSize: 4, embeddingDim: 4 },
    training: { steps: 6, batchSize: 4, evalEvery: 3, evalBatches: 1, checkpointEvery: 3, gradNormsEvery: 0 },
  };
  const trained = [
    await fx.run(['train', fx.writeJson('char.json', charLm), '--json']),
    await fx.run(['train', fx.writeJson('adding.json', tinySpec(6)), '--json']),
  ];
  expect(
    trained.map((t) => t.code),
    trained.map((t) => t.stderr).join('\n'),
  ).toEqual([0, 0]);
  [charRun, addingRun] = trained.map((t) => t.json<{ run: { id: number } }>().run.id) as [number, number];
});
afterAll(() => fx.dispose());

describe('seqlab export', () => {
  it('writes an ONNX model that passes its parity check, and records it', async () => {
    const outcome = await fx.run(['export', String(charRun), '--onnx', 'char.onnx', '--json']);
    expect(outcome.code, outcome.stderr).toBe(0);
    const exported = outcome.json<{ export: ModelExport }>().export;
    expect(exported).toMatchObject({ runId: charRun, format: 'onnx', path: join(fx.dir, 'char.onnx'), checkpoint: { kind: 'latest', step: 6 } });
    expect(exported.parity?.passed).toBe(true);
    expect(existsSync(join(fx.dir, 'char.onnx'))).toBe(true);
    const text = await fx.run(['export', String(addingRun), '--onnx', 'adding.onnx']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/parity\s+passed over 8 cases, onnxruntime [\d.]+: \|Δ\| ≤ 1e-5 \+ 1e-4·\|SeqLab\| per element/);
    // the element closest to its bound, with both values to 7 significant digits and |Δ| and its bound to 3
    expect(text.stdout).toMatch(
      /closest to its bound: B=\d.*: (y|Y_h)\[\d+, \d+(, \d+)?\]: SeqLab -?[\d.e-]+, onnxruntime -?[\d.e-]+, \|Δ\| (0|\d\.\d\de-\d+) ≤ \d\.\d\de-\d+ allowed/,
    );
  });

  it('refuses to replace a file without --force, naming it and leaving it as it was', async () => {
    const path = join(fx.dir, 'char.onnx');
    const before = readFileSync(path);
    const refused = await fx.run(['export', String(charRun), '--onnx', 'char.onnx', '--json']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${path} already exists, so nothing was written. Choose another path, or overwrite it. Add --force to replace it.`);
    expect(refused.json<{ error: { issues: { path: string }[] } }>().error.issues.map((i) => i.path)).toEqual(['overwrite']);
    expect(readFileSync(path).equals(before)).toBe(true);
    const forced = await fx.run(['export', String(charRun), '--onnx', 'char.onnx', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
  });

  it('refuses a missing format or an unknown run with exit 2', async () => {
    expect((await fx.run(['export', String(charRun)])).code).toBe(2);
    const unknown = await fx.run(['export', '99', '--onnx', 'x.onnx']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Run 99 does not exist/);
  });
});

describe('seqlab infer', () => {
  it('describes, predicts on and generates from an exported character model', async () => {
    const described = await fx.run(['infer', 'char.onnx', '--json']);
    expect(described.code, described.stderr).toBe(0);
    expect(described.json<{ model: ModelInfo }>().model).toMatchObject({
      runId: charRun,
      cell: 'lstm',
      hiddenSize: 4,
      canGenerate: true,
      requests: ['predict', 'generate'],
    });
    // the "can" line lists what the model's kind says it answers, each with the flag that asks it
    expect((await fx.run(['infer', 'char.onnx'])).stdout).toContain('\n  can      predict (--text, --tokens or --values), generate (--generate --prompt)\n');
    expect((await fx.run(['infer', 'adding.onnx'])).stdout).toContain('\n  can      predict (--text, --tokens or --values)\n');

    const generated = await fx.run(['infer', 'char.onnx', '--generate', '--prompt', 'th', '--length', '5', '--temperature', '0', '--json']);
    expect(generated.code, generated.stderr).toBe(0);
    expect(generated.json<{ generation: { tokens: number } }>().generation.tokens).toBeGreaterThan(0);

    const predicted = await fx.run(['infer', 'char.onnx', '--text', 'the', '--json']);
    expect(predicted.code, predicted.stderr).toBe(0);
    expect(predicted.json<{ prediction: Prediction }>().prediction.predicted).toHaveLength(3);
  });

  it('predicts on numbers with a dense model', async () => {
    const outcome = await fx.run(['infer', 'adding.onnx', '--values', '[[0.5,1],[0.2,0],[0.3,1],[0.9,0],[0.1,0]]']);
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stdout).toMatch(/OUTPUT\s+VALUE/);
  });

  it('refuses a missing file, a file this database did not export, and bad input, with exit 2', async () => {
    const missing = await fx.run(['infer', 'nowhere.onnx']);
    expect(missing).toMatchObject({ code: 2, stderr: `seqlab infer: no such file: ${join(fx.dir, 'nowhere.onnx')}\n` });
    writeFileSync(join(fx.dir, 'stranger.onnx'), 'not ours');
    const unknown = await fx.run(['infer', 'stranger.onnx']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/stranger\.onnx is not an ONNX model exported from/);
    const wrongInput = await fx.run(['infer', 'adding.onnx', '--text', 'abc']);
    expect(wrongInput.code).toBe(2);
    expect((await fx.run(['infer', 'adding.onnx', '--values', 'nope'])).code).toBe(2);
  });
});

describe('seqlab infer, what it must not do silently', () => {
  it('counts and names input characters the vocabulary lacks, on stderr and in the JSON', async () => {
    const predicted = await fx.run(['infer', 'char.onnx', '--text', 'th\u00e9 \u00e9\u00fc', '--json']);
    expect(predicted.code, predicted.stderr).toBe(0);
    const out = predicted.json<{ prediction: Prediction; warnings: string[] }>();
    expect(out.prediction.unknown).toEqual({ count: 3, tokens: ['\u00e9', '\u00fc'] });
    expect(out.warnings).toEqual([expect.stringContaining("3 input tokens are not in the model's vocabulary and were read as <unk>")]);
    expect(predicted.stderr).toContain('read as <unk>, which the model may never have seen in training: "\u00e9", "\u00fc".');
    const known = await fx.run(['infer', 'char.onnx', '--text', 'the', '--json']);
    expect(known.json<{ prediction: Prediction; warnings: string[] }>()).toMatchObject({ prediction: { unknown: { count: 0, tokens: [] } }, warnings: [] });
    expect(known.stderr).not.toContain('warning');
  });

  it('asks for a prompt to generate from, as --help says, instead of failing in the worker', async () => {
    const outcome = await fx.run(['infer', 'char.onnx', '--generate']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('--generate needs --prompt P, the text to continue');
    const help = (await fx.run(['infer', '--help'])).stdout;
    expect(help).toContain('--generate --prompt P');
    expect(help).not.toContain("default '')");
  });

  it('takes negative numbers either way and refuses them in its own words, with the limits in --help from the API schema', async () => {
    for (const args of [['--temperature', '-1'], ['--temperature=-1']]) {
      const outcome = await fx.run(['infer', 'char.onnx', '--generate', '--prompt', 'th', ...args]);
      expect(outcome.code).toBe(2);
      expect(outcome.stderr).toContain('option --temperature: must be ≥ 0 (got -1)');
    }
    const tooLong = await fx.run(['infer', 'char.onnx', '--generate', '--prompt', 'th', '--length', '20000']);
    expect(tooLong.stderr).toContain('option --length: must be ≤ 10000 (got 20000)');
    expect((await fx.run(['infer', 'char.onnx', '--generate', '--prompt', 'th', '--top-k', '1.5'])).stderr).toContain(
      'option --top-k: must be a whole number (got 1.5)',
    );
    expect((await fx.run(['infer', 'char.onnx', '--generate', '--prompt', 'th', '--seed', 'abc'])).stderr).toContain(
      'option --seed: must be a number (got "abc")',
    );
    const help = (await fx.run(['infer', '--help'])).stdout;
    expect(help).toContain('--temperature X (0–10, default 1; 0 is greedy)');
    expect(help).toContain('--length N (1–10000, default 200)');
    expect(help).toContain('--top-k K (whole number ≥ 1)');
    expect(help).toContain('--seed S (0–4294967295)');
  });

  it('refuses an export that failed its parity check, naming the case, unless --allow-failed-parity, then warns', async () => {
    // the adding model's export, marked as failed in the store the way a failed check records it
    const db = new Database(fx.databasePath);
    const row = db.prepare('SELECT id, parity FROM exports WHERE path = ? ORDER BY id DESC').get(join(fx.dir, 'adding.onnx')) as { id: number; parity: string };
    const report = JSON.parse(row.parity) as {
      parity: {
        passed: boolean;
        cases: { name: string; pass: boolean; outputs: Record<string, { pass: boolean; worst: { actual: number; absDiff: number } }> }[];
      };
    };
    const failing = report.parity.cases[0];
    if (failing === undefined || failing.outputs.y === undefined) throw new Error('the adding export has parity cases with y');
    report.parity.passed = false;
    failing.pass = false;
    failing.outputs.y = { ...failing.outputs.y, pass: false, worst: { ...failing.outputs.y.worst, actual: 0.75, absDiff: 0.5 } };
    db.prepare('UPDATE exports SET parity = ? WHERE id = ?').run(JSON.stringify(report), row.id);
    db.close();

    const values = '[[0.5,1],[0.2,0],[0.3,1],[0.9,0],[0.1,0]]';
    const refused = await fx.run(['infer', 'adding.onnx', '--values', values]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${join(fx.dir, 'adding.onnx')}: its parity check failed when it was exported`);
    expect(refused.stderr).toContain(`1 of 8 cases fail; "${failing.name}": y[`);
    expect(refused.stderr).toContain('onnxruntime 0.7500000, |Δ| 5.00e-1 >');
    expect(refused.stderr).toContain('pass --allow-failed-parity to run it anyway');

    const allowed = await fx.run(['infer', 'adding.onnx', '--values', values, '--allow-failed-parity', '--json']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.stderr).toMatch(/^warning: .*adding\.onnx: its parity check failed/m);
    expect(allowed.json<{ warnings: string[] }>().warnings).toEqual([expect.stringContaining('its parity check failed')]);
  });
});
