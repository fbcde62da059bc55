// The model kinds and the one training session over them: the registry covers every kind a spec can
// name, each kind builds, describes and refuses what it cannot train, and every kind trains exactly
// as the three sessions it replaced did (training-golden.json: step stats, gradient norms,
// evaluations, final parameters and random streams recorded at commit e853c98, before the merge).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_KINDS } from '../../../../core/common/spec/model-spec';
import { parseExperimentSpec, type ExperimentSpecInput } from '../../../../core/common/spec/experiment-spec';
import { MODEL_KIND_REGISTRY, buildTrainable } from '../../../../core/common/models/model-kinds';
import { TrainingSession } from '../../../../core/common/models/training-session';
import { Rng } from '../../../../core/common/random/rng';

const GOLDEN_SPECS: Record<string, ExperimentSpecInput> = {
  charLm: {
    seed: 3,
    task: { id: 'char-lm', params: { window: 12, corpusLength: 2000 } },
    model: { cell: 'lstm', hiddenSize: 16, embeddingDim: 8, numLayers: 2, dropout: 0.2 },
    training: { steps: 12, batchSize: 6, gradNormsEvery: 4, bptt: { mode: 'truncated', k1: 4, k2: 6 }, clip: { kind: 'norm', max: 0.5 }, evalBatches: 2 },
  },
  parity: {
    seed: 4,
    task: { id: 'parity', params: { minLength: 2, maxLength: 10 } },
    model: { cell: 'gru', hiddenSize: 12, bidirectional: true },
    training: { steps: 10, batchSize: 8, optimizer: { kind: 'adam' }, gradNormsEvery: 3, clip: { kind: 'value', max: 0.1 }, evalBatches: 2 },
  },
  reverse: {
    seed: 5,
    task: { id: 'reverse-string', params: { alphabet: 6, minLength: 3, maxLength: 7 } },
    model: { kind: 'seq2seq', cell: 'lstm', hiddenSize: 16, embeddingDim: 8, attention: { size: 12 }, numLayers: 2, dropout: 0.2 },
    training: {
      steps: 10,
      batchSize: 8,
      learningRate: 1e-2,
      evalBatches: 2,
      gradNormsEvery: 5,
      teacherForcing: { kind: 'linear', start: 1, floor: 0.5, slope: 0.05 },
    },
  },
  reverseConst: {
    seed: 7,
    task: { id: 'reverse-string', params: { alphabet: 5, minLength: 2, maxLength: 5 } },
    model: { kind: 'seq2seq', cell: 'gru', hiddenSize: 10, embeddingDim: 6, attention: null },
    training: { steps: 8, batchSize: 4, evalBatches: 2, gradNormsEvery: 2 },
  },
  waveform: {
    seed: 6,
    task: { id: 'waveform-generation', params: {} },
    model: { kind: 'conditioned', cell: 'gru', hiddenSize: 12 },
    training: { steps: 10, batchSize: 4, evalBatches: 2, gradNormsEvery: 5, teacherForcing: { kind: 'inverse-sigmoid', k: 3 } },
  },
};

function parsed(input: ExperimentSpecInput) {
  const r = parseExperimentSpec(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r;
}

/** A session's whole run, in the JSON the golden file was written in. */
function record(input: ExperimentSpecInput): unknown {
  const { spec, task } = parsed(input);
  const s = new TrainingSession(spec, task);
  const steps = [];
  while (!s.finished) {
    const st = s.next();
    // The golden file predates an LSTM's ‖∂L/∂c_t‖ series (they are checked below): it holds the ‖∂L/∂h_t‖ ones.
    const hidden = st.gradNorms?.filter((g) => g.state === 'h');
    steps.push({ ...st, gradNorms: hidden?.map((g) => ({ layer: g.layer, t0: g.t0, values: Array.from(g.values) })) ?? null });
  }
  const cp = s.checkpoint();
  const hash = createHash('sha256');
  for (const [k, v] of Object.entries(cp.params)) hash.update(k).update(Buffer.from(v.buffer));
  const run = {
    steps,
    evaluation: s.evaluate(),
    test: s.evaluate('test'),
    params: hash.digest('hex'),
    optimizer: JSON.stringify(cp.optimizer).length,
    rng: [cp.dataRng, cp.dropoutRng],
  };
  return JSON.parse(JSON.stringify(run, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)));
}

const golden = JSON.parse(readFileSync(join(import.meta.dirname, 'training-golden.json'), 'utf8')) as Record<string, unknown>;

describe('the model-kind registry', () => {
  it('has one kind for every model kind a spec can name, under its own name', () => {
    expect(Object.keys(MODEL_KIND_REGISTRY).sort()).toEqual([...MODEL_KINDS].sort());
    for (const [name, kind] of Object.entries(MODEL_KIND_REGISTRY)) {
      expect(kind.kind).toBe(name);
      expect(kind.description.length).toBeGreaterThan(20);
    }
  });

  it('builds each kind from its spec and describes the model', () => {
    const described = ['charLm', 'reverse', 'waveform'].map((name) => {
      const { spec, task } = parsed(GOLDEN_SPECS[name]!);
      return buildTrainable(spec.model, spec.training, task, new Rng(1)).describe();
    });
    expect(described[0]).toMatch(/^sequence model: lstm 2×16 → \d+ per step, [\d,]+ parameters$/);
    expect(described[1]).toMatch(/^encoder–decoder: lstm 2×16 encoder, lstm 16 with attention 12 decoder → \d+ tokens, [\d,]+ parameters$/);
    expect(described[2]).toMatch(/^conditioned decoder: gru 12 conditioned on .+ → \d+ per step, [\d,]+ parameters$/);
  });

  it('refuses a task its kind cannot train, and a batch of another kind, naming both', () => {
    const sequence = parsed(GOLDEN_SPECS.charLm!);
    const seq2seq = parsed(GOLDEN_SPECS.reverse!);
    const model = seq2seq.spec.model;
    if (model.kind !== 'seq2seq') throw new Error('a seq2seq spec expected');
    expect(() => MODEL_KIND_REGISTRY.seq2seq.build(model, sequence.task, new Rng(1))).toThrow(/task char-lm is many-to-many, not seq2seq/);
    const trainable = buildTrainable(seq2seq.spec.model, seq2seq.spec.training, seq2seq.task, new Rng(1));
    const wrong = sequence.task.batch(new Rng(2), 2, 'train');
    expect(() => trainable.gradient.compute(wrong, 0, { rng: new Rng(3), gradNorms: false })).toThrow(
      'an encoder–decoder: the task produced sequence batches; this model trains on seq2seq batches',
    );
  });
});

describe('one TrainingSession for every kind', () => {
  for (const name of Object.keys(GOLDEN_SPECS)) {
    it(`${name}: trains, evaluates and checkpoints bit-identically to the per-kind sessions it replaced`, () => {
      expect(record(GOLDEN_SPECS[name]!)).toEqual(golden[name]);
    });
  }

  it('an LSTM samples ‖∂L/∂c_t‖ beside every ‖∂L/∂h_t‖ series (same layer and window), other cells none', () => {
    for (const name of Object.keys(GOLDEN_SPECS)) {
      const { spec, task } = parsed(GOLDEN_SPECS[name]!);
      const s = new TrainingSession(spec, task);
      let sampled = 0;
      while (!s.finished) {
        const norms = s.next().gradNorms;
        if (norms === null || norms === undefined) continue;
        sampled++;
        const hidden = norms.filter((g) => g.state === 'h');
        const cell = norms.filter((g) => g.state === 'c');
        if (spec.model.kind === 'sequence' && spec.model.cell === 'lstm') {
          expect(
            cell.map((g) => [g.layer, g.t0, g.values.length]),
            name,
          ).toEqual(hidden.map((g) => [g.layer, g.t0, g.values.length]));
          expect(
            cell.every((g) => Array.from(g.values).every((v) => v > 0 && Number.isFinite(v))),
            name,
          ).toBe(true);
        } else {
          expect(cell, name).toEqual([]);
        }
      }
      expect(sampled, name).toBeGreaterThan(0);
    }
  });

  it('modelOf returns the model of the kind asked for and refuses another', () => {
    const { spec, task } = parsed(GOLDEN_SPECS.waveform!);
    const s = new TrainingSession(spec, task);
    expect(s.modelOf('conditioned').params).toBe(s.params);
    expect(() => s.modelOf('sequence')).toThrow('the session trains a conditioned model, not a sequence model');
  });
});
