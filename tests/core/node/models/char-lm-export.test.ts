// A character-level language model trained here for a few dozen steps, exported as the export
// worker does it (runExportJob, called directly): its parity report passes, the file is what its hash
// says, and onnxruntime generates the same greedy text as SeqLab's own StreamGenerator. A file already
// at the path (or beside it, for a two-graph export) is refused unless the job says overwrite.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EOS_ID, type Vocabulary } from '../../../../core/common/data/vocabulary';
import { argmaxRow } from '../../../../core/common/generate/pick';
import { StreamGenerator } from '../../../../core/common/models/sequence/stream-generator';
import { decodeSafetensors } from '../../../../core/common/models/safetensors';
import { parseExperimentSpec } from '../../../../core/common/spec/experiment-spec';
import { CORPUS_SEED } from '../../../../core/common/tasks/char-lm';
import { syntheticText } from '../../../../core/common/tasks/synthetic-text';
import { encodeCheckpoint } from '../../../../core/common/train/checkpoint-codec';
import { TrainingSession } from '../../../../core/common/models/training-session';
import { sha256Hex } from '../../../../core/node/onnx/write-model';
import { runExportJob } from '../../../../core/node/models/export-job';
import type { ExportJob } from '../../../../core/node/models/export-protocol';
import { InferenceEngine } from '../../../../core/node/models/inference-engine';

const dir = mkdtempSync(join(tmpdir(), 'seqlab-char-lm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const corpusLength = 2000;
const rawSpec = {
  seed: 4,
  task: { id: 'char-lm', params: { window: 16, corpusLength } },
  model: { cell: 'lstm', hiddenSize: 24, embeddingDim: 8 },
  training: { steps: 40, batchSize: 8, learningRate: 1e-2 },
};

function trained(): { session: TrainingSession; spec: unknown } {
  const parsed = parseExperimentSpec(rawSpec);
  if (!parsed.ok) throw new Error('spec should be valid');
  const session = new TrainingSession(parsed.spec, parsed.task);
  while (!session.finished) session.next();
  return { session, spec: parsed.spec };
}

function job(spec: unknown, session: TrainingSession, format: ExportJob['format'], path: string, overwrite = false): ExportJob {
  const bytes = encodeCheckpoint(session.checkpoint()).slice().buffer as ArrayBuffer;
  return {
    type: 'export',
    runId: 1,
    spec,
    checkpoint: { kind: 'latest', step: session.step, bytes },
    format,
    path,
    overwrite,
    createFolder: true,
    seqlabVersion: 'test',
  };
}

/** SeqLab's greedy continuation of `prompt`, one step at a time with carried state. */
function seqlabGreedy(session: TrainingSession, vocabulary: Vocabulary, prompt: string, length: number): string {
  const generator = new StreamGenerator(session.modelOf('sequence'));
  const V = vocabulary.size;
  const promptIds = vocabulary.encode(prompt);
  let out = generator.step([promptIds[0] as number]);
  for (const id of promptIds.subarray(1)) out = generator.step([id]);
  const ids: number[] = [];
  while (ids.length < length) {
    const next = argmaxRow(out, 0, V);
    ids.push(next);
    if (next === EOS_ID) break;
    out = generator.step([next]);
  }
  return vocabulary.decodeText(ids);
}

describe('char-level LM export', () => {
  const { session, spec } = trained();
  const vocabulary = session.task.input.kind === 'tokens' ? session.task.input.vocabulary : null;
  if (vocabulary === null) throw new Error('char-lm has token inputs');

  it('exports with a passing parity report and generates the same greedy text as SeqLab', async () => {
    const path = join(dir, 'exports', 'run-1.onnx');
    const result = await runExportJob(job(spec, session, 'onnx', path));
    if (!result.ok) throw new Error(result.message);
    expect(result.sha256).toBe(sha256Hex(readFileSync(path)));
    expect(result.parity?.cases).toHaveLength(8);
    expect(result.parity?.passed).toBe(true);
    expect(result.parity?.maxAbsDiff).toBeLessThanOrEqual(1e-5);

    const prompt = syntheticText(CORPUS_SEED, corpusLength).slice(0, 12);
    const expected = seqlabGreedy(session, vocabulary, prompt, 80);
    const engine = new InferenceEngine();
    try {
      const generated = await engine.handle({ type: 'generate', model: { exportId: 1, path, sha256: result.sha256 }, prompt, length: 80, temperature: 0 });
      if (!generated.ok) throw new Error(generated.message);
      expect((generated.value as { text: string }).text).toBe(expected);
      expect(new Set(expected).size).toBeGreaterThan(1);
    } finally {
      await engine.close();
    }
  });

  it('exports the same weights as safetensors under PyTorch names', async () => {
    const path = join(dir, 'run-1.safetensors');
    const result = await runExportJob(job(spec, session, 'safetensors', path));
    if (!result.ok) throw new Error(result.message);
    expect(result.parity).toBeNull();
    const file = decodeSafetensors(readFileSync(path));
    expect([...file.tensors.keys()]).toEqual([
      'embedding.weight',
      'rnn.weight_ih_l0',
      'rnn.weight_hh_l0',
      'rnn.bias_ih_l0',
      'rnn.bias_hh_l0',
      'head.weight',
      'head.bias',
    ]);
    expect(file.tensors.get('rnn.weight_hh_l0')?.data).toEqual(session.modelOf('sequence').rnn.params.find((p) => p.name === 'rnn.weight_hh_l0')?.data);
    expect(file.metadata).toMatchObject({ format: 'pt', 'seqlab.run_id': '1' });
  });

  it('refuses a file already at the path, naming it and leaving it as it was, unless told to overwrite', async () => {
    const path = join(dir, 'taken.onnx');
    writeFileSync(path, 'a file someone wanted');
    const refused = await runExportJob(job(spec, session, 'onnx', path));
    expect(refused).toMatchObject({ ok: false, code: 'exists' });
    expect(refused.ok ? '' : refused.message).toContain(path);
    expect(readFileSync(path, 'utf8')).toBe('a file someone wanted');
    const weights = join(dir, 'taken.safetensors');
    writeFileSync(weights, 'weights');
    expect(await runExportJob(job(spec, session, 'safetensors', weights))).toMatchObject({ ok: false, code: 'exists' });
    expect(readFileSync(weights, 'utf8')).toBe('weights');

    const replaced = await runExportJob(job(spec, session, 'onnx', path, true));
    if (!replaced.ok) throw new Error(replaced.message);
    expect(replaced.sha256).toBe(sha256Hex(readFileSync(path)));
  });

  it('refuses a two-graph export when only its decoder step is in the way, before writing either file', async () => {
    const seq2seqSpec = { seed: 1, task: { id: 'reverse-string', params: {} }, model: { kind: 'seq2seq' }, training: { steps: 1 } };
    const path = join(dir, 'pair.onnx');
    writeFileSync(join(dir, 'pair.step.onnx'), 'an older decoder step');
    const refused = await runExportJob(job(seq2seqSpec, session, 'onnx', path));
    expect(refused).toMatchObject({ ok: false, code: 'exists' });
    expect(refused.ok ? '' : refused.message).toContain(join(dir, 'pair.step.onnx'));
    expect(existsSync(path)).toBe(false);
    expect(readFileSync(join(dir, 'pair.step.onnx'), 'utf8')).toBe('an older decoder step');
  });

  it('reports a spec that no longer validates', async () => {
    const result = await runExportJob(job({ ...rawSpec, model: { cell: 'lstm', hiddenSize: -1 } }, session, 'onnx', join(dir, 'bad.onnx')));
    expect(result).toMatchObject({ ok: false, code: 'invalid-spec' });
  });
});
