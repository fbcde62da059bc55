// The resource estimate of a spec: its terms worked out by hand for small LSTM, GRU, RNN and encoder–decoder specs,
// the truncated-BPTT schedule, and — so the formulas cannot drift from the code — the bytes a real model's layers
// hold after a training step and an evaluation, which the estimate must match within ESTIMATE_FACTOR.
import { describe, expect, it } from 'vitest';
import { parseExperimentSpec, parseSpecFields, type ExperimentSpec } from '../../../../core/common/spec/experiment-spec';
import {
  bpttSchedule,
  describeEstimate,
  estimateResources,
  formatBytes,
  formatSeconds,
  type TaskDimensions,
} from '../../../../core/common/spec/resource-estimate';
import { taskDimensions } from '../../../../core/common/spec/task-dimensions';
import { TrainingSession } from '../../../../core/common/models/training-session';

/** Activations + workspaces estimated against those allocated: within this factor either way. */
const ESTIMATE_FACTOR = 1.05;

function fields(raw: unknown): ExperimentSpec {
  const parsed = parseSpecFields(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.spec;
}

const F = 4; // bytes of a float32 (and of an int32)

describe('estimateResources by hand', () => {
  it('an LSTM on dense inputs, read once per sequence (many-to-one)', () => {
    // I = 2, H = 4, G = 4H = 16, L = D = 1, O = 1; T = 10 steps, B = 3; Adam; JavaScript kernels (no wasm staging)
    const spec = fields({ task: { id: 'adding-problem' }, model: { cell: 'lstm', hiddenSize: 4 }, training: { batchSize: 3, evalBatches: 1, kernels: 'js' } });
    const dims: TaskDimensions = {
      input: { kind: 'dense', features: 2 },
      outputSize: 1,
      decoderReads: 'dense',
      perStep: false,
      inputSteps: 10,
      targetSteps: null,
      rowBytes: 100,
    };
    const e = estimateResources(spec, dims);
    const [I, H, G, O, T, B] = [2, 4, 16, 1, 10, 3];
    const P = G * (I + H + 2) + O * (H + 1); // weight_ih, weight_hh, two biases; head weight and bias
    expect(P).toBe(133);
    expect(e.parameters).toBe(P);
    expect(e.memory.parameters).toBe(P * F);
    expect(e.memory.gradients).toBe(P * F);
    expect(e.memory.optimizer).toBe(2 * P * F); // exp_avg, exp_avg_sq
    const activations =
      T * B * I + //                         the batch's input x
      T * B * G + //                         gate activations
      2 * (T + 1) * B * H + //               h and c, T + 1 slots each
      T * B * H + //                         tanh(c_t)
      T * B * H + //                         the layer's output y
      2 * B * H + //                         hN, cN
      B * O; //                              the head's output
    expect(activations).toBe(1071);
    expect(e.memory.activations).toBe(activations * F);
    const workspace =
      T * B * I + //                         ∂L/∂x of the batch
      T * B * G +
      B * G +
      4 * B * H + //     dGates, hProj, dh dhPrev dc dcPrev
      2 * B * H +
      T * B * I +
      2 * T + //     dh0 dc0, the layer's dx, per-step norms (float64)
      B * H +
      B * O + //                     the head's dx, BatchGradient's dOut
      B * H +
      B * H; //                      final features, ∂L/∂hN
    expect(workspace).toBe(779);
    expect(e.memory.workspace).toBe(workspace * F);
    expect(e.memory.data).toBe(B * 100 * (1 + 2)); // training batch, 1 evaluation batch, one being collated
    expect(e.memory.threads).toBe(0);
    expect(e.memory.total).toBe(P * F * 4 + activations * F + workspace * F + 900);
    const forward = T * B * (2 * G * (I + H) + 5 * G) + B * 2 * H * O + 5 * B * O; // recurrence, head, loss
    const backward = T * B * (4 * G * (I + H) + 10 * G) + B * 4 * H * O;
    expect(e.flopsPerStep).toBe(forward + backward + 15 * P);
    expect(e.flopsPerStep).toBe(26_562);
    expect(e.gflops).toBe(1);
    expect(e.secondsPerStep).toBeCloseTo(26_562e-9, 15);
    expect(e.steps).toEqual({ input: 10, target: null, window: 10 });
  });

  it('a stacked bidirectional GRU on tokens, read at every step (many-to-many), with SGD momentum', () => {
    // V = 5, E = 3, H = 2, G = 3H = 6, L = 2, D = 2, O = 5; T = 4, B = 2
    const spec = fields({
      task: { id: 'running-parity' },
      model: { cell: 'gru', hiddenSize: 2, numLayers: 2, bidirectional: true, embeddingDim: 3 },
      training: { batchSize: 2, evalBatches: 1, kernels: 'js', optimizer: { kind: 'sgd', momentum: 0.9 } },
    });
    const dims: TaskDimensions = {
      input: { kind: 'tokens', vocab: 5 },
      outputSize: 5,
      decoderReads: 'tokens',
      perStep: true,
      inputSteps: 4,
      targetSteps: null,
      rowBytes: 10,
    };
    const e = estimateResources(spec, dims);
    const [V, E, H, G, D, O, T, B] = [5, 3, 2, 6, 2, 5, 4, 2];
    const P = V * E + D * G * (E + H + 2) + D * G * (D * H + H + 2) + O * (D * H + 1);
    expect(P).toBe(15 + 84 + 96 + 25);
    expect(e.parameters).toBe(P);
    expect(e.memory.optimizer).toBe(P * F); // momentum_buffer
    const perDirection = T * B * G + (T + 1) * B * H + T * B * H; // gates, h, W_hn h + b_hn
    const activations = T * B * E + T * B * E + 4 * perDirection + 2 * T * B * D * H + 2 * D * B * H + T * B * O; // embedding y, x, directions, outputs, hN, head y
    expect(e.memory.activations).toBe(activations * F);
  });

  it('an RNN with truncated BPTT: the schedule of windows, and FLOPs of the steps run', () => {
    // k1 = k2 = 5 over 10 steps: two windows, the state carried from the first to the second
    expect(bpttSchedule(10, { mode: 'truncated', k1: 5, k2: 5 }, true)).toEqual({ forwardSteps: 10, backwardSteps: 10, longestPass: 5, passes: 2 });
    // k1 = 2, k2 = 4: windows [0,2) [0,4) [2,6) [4,8) [6,10), each after advancing the carried state 2 steps from the third on
    expect(bpttSchedule(10, { mode: 'truncated', k1: 2, k2: 4 }, true)).toEqual({
      forwardSteps: 2 + 4 + (2 + 4) * 3,
      backwardSteps: 2 + 4 * 4,
      longestPass: 4,
      passes: 8,
    });
    // a per-sequence target is scored once, in the last window
    expect(bpttSchedule(10, { mode: 'truncated', k1: 2, k2: 4 }, false).backwardSteps).toBe(4);
    expect(bpttSchedule(10, { mode: 'full' }, true)).toEqual({ forwardSteps: 10, backwardSteps: 10, longestPass: 10, passes: 1 });

    // I = 1, H = 3, G = H, O = 2 per step; T = 10, B = 2; plain SGD (no state)
    const spec = fields({
      task: { id: 'running-parity' },
      model: { cell: 'rnn_tanh', hiddenSize: 3 },
      training: { batchSize: 2, kernels: 'js', optimizer: { kind: 'sgd' }, bptt: { mode: 'truncated', k1: 2, k2: 4 } },
    });
    const dims: TaskDimensions = {
      input: { kind: 'dense', features: 1 },
      outputSize: 2,
      decoderReads: 'tokens',
      perStep: true,
      inputSteps: 10,
      targetSteps: null,
      rowBytes: 40,
    };
    const e = estimateResources(spec, dims);
    const [I, H, O, B] = [1, 3, 2, 2];
    const P = H * (I + H + 2) + O * (H + 1);
    expect(e.memory.optimizer).toBe(0);
    const step = { forward: B * (2 * H * (I + H) + 5 * H), backward: B * (4 * H * (I + H) + 10 * H) };
    const head = { forward: 24 * B * 2 * H * O + 5 * 18 * B * O, backward: 18 * B * 4 * H * O };
    expect(e.flopsPerStep).toBe(24 * step.forward + 18 * step.backward + head.forward + head.backward + 15 * P);
    expect(e.steps.window).toBe(4);
    // evaluation runs forward over all 10 steps, so the recurrent buffers are sized for them, not for the window
    expect(e.memory.activations).toBe((10 * B * I + 10 * B * H + 11 * B * H + 10 * B * H + B * H + 10 * B * O) * F);
  });

  it('an encoder–decoder with attention: parameters and activations', () => {
    // source V = 6, target V = 7, E = 2 both; LSTM encoder H = 3 (D = 1, so the bridge copies), LSTM decoder H = 3,
    // attention A = 2 over He = 3; S = 4 source steps, T = 5 target steps, B = 2
    const spec = fields({
      task: { id: 'reverse-string' },
      model: { kind: 'seq2seq', cell: 'lstm', hiddenSize: 3, embeddingDim: 2, attention: { size: 2 } },
      training: { batchSize: 2, kernels: 'js' },
    });
    const dims: TaskDimensions = {
      input: { kind: 'tokens', vocab: 6 },
      outputSize: 7,
      decoderReads: 'tokens',
      perStep: false,
      inputSteps: 4,
      targetSteps: 5,
      rowBytes: 50,
    };
    const e = estimateResources(spec, dims);
    const [Vs, Vt, E, H, G, A, He, S, T, B] = [6, 7, 2, 3, 12, 2, 3, 4, 5, 2];
    const I = E + He; // the decoder cell reads [emb(y_{t-1}); ctx_t]
    const Hin = H + He; // the output layer reads [h_t; ctx_t]
    const P = Vs * E + G * (E + H + 2) + Vt * E + G * (I + H + 2) + A * (H + He + 2) + Vt * (Hin + 1);
    expect(P).toBe(12 + 84 + 14 + 120 + 16 + 49);
    expect(e.parameters).toBe(P);
    const encoder = S * B * E + S * B * G + 2 * (S + 1) * B * H + S * B * H + S * B * H + 2 * B * H + 2 * B * He; // emb y, gates, h c, tanh c, y, hN cN, final finalC
    const decoder =
      T * B * G +
      2 * (T + 1) * B * H +
      T * B * H + //        the cell's gates, h c, tanh c
      T * B * I +
      T * B * I +
      T * B * Hin +
      T * B + //         its inputs (stepper, decoder), head inputs, token ids
      T * B * E + //                                           embedding y
      S * B * He +
      S * B * A +
      T * B * H +
      T * S * B * A +
      T * S * B +
      T * B * He + // attention: enc, keys, queries, u, alpha, contexts
      T * B * Vt; //                                           logits
    expect(e.memory.activations).toBe((encoder + decoder) * F);
    expect(e.steps).toEqual({ input: 4, target: 5, window: 5 });
  });

  it('adds what each extra data-parallel thread needs, and counts wasm staging only with wasm kernels', () => {
    const dims: TaskDimensions = {
      input: { kind: 'dense', features: 2 },
      outputSize: 1,
      decoderReads: 'dense',
      perStep: false,
      inputSteps: 50,
      targetSteps: null,
      rowBytes: 400,
    };
    const one = estimateResources(fields({ task: { id: 'adding-problem' }, model: { hiddenSize: 32 }, training: { batchSize: 32, kernels: 'js' } }), dims);
    const two = estimateResources(
      fields({ task: { id: 'adding-problem' }, model: { hiddenSize: 32 }, training: { batchSize: 32, kernels: 'js', threads: 2 } }),
      dims,
    );
    const wasm = estimateResources(fields({ task: { id: 'adding-problem' }, model: { hiddenSize: 32 }, training: { batchSize: 32, kernels: 'wasm' } }), dims);
    expect(one.memory.threads).toBe(0);
    // the worker's gradient row, its half batch's buffers (about half the coordinator's) and its own heap
    expect(two.memory.threads).toBeGreaterThan(one.memory.gradients + (one.memory.activations + one.memory.workspace) / 2);
    expect(two.memory.threads).toBeLessThan(one.memory.gradients + one.memory.activations + one.memory.workspace + 11 * 2 ** 20);
    expect(two.flopsPerStep).toBe(one.flopsPerStep);
    expect(two.secondsPerStep).toBeCloseTo(one.secondsPerStep / 1.7, 12);
    // the input projection's operands [T*B, I] + [G, I] + [T*B, G] and the packing area
    expect(wasm.memory.workspace - one.memory.workspace).toBeGreaterThanOrEqual((1600 * 2 + 128 * 2 + 1600 * 128 + 128 * 256 + 256 * 1024) * F);
    expect(wasm.secondsPerStep).toBeCloseTo(one.secondsPerStep / 5, 12);
  });

  it('formats sizes and times for people, and says the time is an estimate', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(47 * 2 ** 30)).toBe('47 GiB');
    expect(formatSeconds(0.035)).toBe('35 ms');
    expect(formatSeconds(90)).toBe('90 s');
    expect(formatSeconds(5400)).toBe('90 min');
    expect(formatSeconds(86_400 * 5)).toBe('5.0 days');
    const e = estimateResources(fields({ task: { id: 'adding-problem' } }), {
      input: { kind: 'dense', features: 2 },
      outputSize: 1,
      decoderReads: 'dense',
      perStep: false,
      inputSteps: 50,
      targetSteps: null,
      rowBytes: 400,
    });
    const line = describeEstimate(e, 1000);
    expect(line).toMatch(/^≈ [\d.]+ [KMG]iB of memory \(.*activations kept for BPTT .*\); ≈ .* per step, ≈ .* for 1000 steps/);
    expect(line).toContain('an estimate, not a measurement');
  });
});

/** Bytes of every ArrayBuffer reachable from `root`, each once, not walking into `skip`. */
function reachableBuffers(root: unknown, skip: ReadonlySet<unknown>): Set<ArrayBufferLike> {
  const seen = new Set<unknown>();
  const buffers = new Set<ArrayBufferLike>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value) || skip.has(value)) continue;
    seen.add(value);
    if (ArrayBuffer.isView(value)) buffers.add(value.buffer);
    else if (value instanceof ArrayBuffer) buffers.add(value);
    else if (value instanceof Map) for (const [key, item] of value) stack.push(key, item);
    else for (const key of Object.getOwnPropertyNames(value)) stack.push((value as Record<string, unknown>)[key]);
  }
  return buffers;
}

const bytesOf = (buffers: Iterable<ArrayBufferLike>): number => [...buffers].reduce((sum, buffer) => sum + buffer.byteLength, 0);

describe('the estimate against the buffers the layers allocate', () => {
  const cases: [string, unknown][] = [
    [
      'stacked LSTM with dropout on tokens, every step',
      {
        task: { id: 'char-lm', params: { window: 12, corpusLength: 2000 } },
        model: { cell: 'lstm', hiddenSize: 16, numLayers: 2, dropout: 0.2, embeddingDim: 8 },
        training: { batchSize: 8 },
      },
    ],
    [
      'bidirectional GRU on values, once per sequence',
      {
        task: { id: 'adding-problem', params: { length: 20 } },
        model: { cell: 'gru', hiddenSize: 12, numLayers: 2, bidirectional: true },
        training: { batchSize: 6, optimizer: { kind: 'sgd', momentum: 0.9 } },
      },
    ],
    [
      'RNN with truncated BPTT',
      {
        task: { id: 'running-parity', params: { minLength: 30, maxLength: 30 } },
        model: { cell: 'rnn_tanh', hiddenSize: 10 },
        training: { batchSize: 5, bptt: { mode: 'truncated', k1: 5, k2: 10 } },
      },
    ],
    [
      'encoder–decoder with attention',
      {
        task: { id: 'reverse-string', params: { minLength: 6, maxLength: 6 } },
        model: { kind: 'seq2seq', cell: 'lstm', hiddenSize: 8, bidirectional: true, embeddingDim: 4, attention: { size: 6 } },
        training: { batchSize: 4 },
      },
    ],
    [
      'encoder–decoder without attention',
      {
        task: { id: 'reverse-string', params: { minLength: 6, maxLength: 6 } },
        model: { kind: 'seq2seq', cell: 'gru', hiddenSize: 8, embeddingDim: 4, attention: null },
        training: { batchSize: 4 },
      },
    ],
    [
      'conditioned decoder',
      { task: { id: 'waveform-generation', params: { length: 20 } }, model: { kind: 'conditioned', cell: 'lstm', hiddenSize: 8 }, training: { batchSize: 4 } },
    ],
  ];

  it.each(cases)('%s', (_name, raw) => {
    const withJs = { ...(raw as Record<string, Record<string, unknown>>) };
    withJs.training = { ...withJs.training, kernels: 'js', evalBatches: 1 };
    const parsed = parseExperimentSpec(withJs);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const estimate = estimateResources(parsed.spec, taskDimensions(parsed.task, parsed.spec.training.batchSize));

    const session = new TrainingSession(parsed.spec, parsed.task);
    session.next(); //     a training step sizes every buffer of the backward pass
    session.evaluate(); // and evaluation runs forward over whole batches
    const params = new Set(session.params.map((p) => p.data.buffer));
    const grads = new Set(session.params.map((p) => p.grad.buffer));
    const optimizer = reachableBuffers((session as unknown as { optimizer: unknown }).optimizer, new Set());
    const everything = reachableBuffers(session, new Set<unknown>([parsed.task, session.spec]));
    for (const buffer of [...params, ...grads, ...optimizer]) everything.delete(buffer);

    expect(estimate.memory.parameters).toBe(bytesOf(params));
    expect(estimate.memory.gradients).toBe(bytesOf(grads));
    expect(estimate.memory.optimizer).toBe(bytesOf(optimizer));
    const allocated = bytesOf(everything); // activations, workspaces and the layers' small buffers
    const estimated = estimate.memory.activations + estimate.memory.workspace;
    expect(estimated / allocated).toBeGreaterThan(1 / ESTIMATE_FACTOR);
    expect(estimated / allocated).toBeLessThan(ESTIMATE_FACTOR);
  });
});
