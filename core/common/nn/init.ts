// Weight initialisers: each is a named function with its reference, filling a parameter in place
// from the one seeded Rng. Shapes are PyTorch's: weights [out, in], fused gates [G*H, ·], biases [G*H].
//
// Legend: H hidden units, G fused gates (4 LSTM, 3 GRU, 1 vanilla RNN), I input features.

import { LSTM_GATE_ORDER } from './lstm';
import type { FloatArray, Param } from './param';
import type { Rng } from '../random/rng';

/** Anything with a flat buffer and its row-major shape; a `Param` is one. */
export interface InitTarget {
  readonly data: FloatArray;
  readonly shape: readonly number[];
  readonly name?: string;
}

function label(fn: string, target: InitTarget): string {
  return `${fn}(${target.name ?? 'tensor'} [${target.shape.join(', ')}])`;
}

function checkSize(fn: string, target: InitTarget): void {
  const size = target.shape.reduce((a, b) => a * b, 1);
  if (size !== target.data.length) {
    throw new Error(`${label(fn, target)}: shape holds ${size} values but data has ${target.data.length}`);
  }
}

/** Rows and columns of a 2-D weight [out, in]. */
function matrixDims(fn: string, target: InitTarget): [rows: number, cols: number] {
  checkSize(fn, target);
  if (target.shape.length !== 2) {
    throw new Error(`${label(fn, target)}: expects a 2-D weight [out, in]`);
  }
  return [target.shape[0], target.shape[1]] as [number, number];
}

export function constantInit(target: InitTarget, value: number): void {
  checkSize('constantInit', target);
  target.data.fill(value);
}

export function zeroInit(target: InitTarget): void {
  constantInit(target, 0);
}

/** U(-bound, bound) for every element. */
export function uniformInit(target: InitTarget, bound: number, rng: Rng): void {
  checkSize('uniformInit', target);
  if (!(bound >= 0)) throw new Error(`${label('uniformInit', target)}: bound must be >= 0, got ${bound}`);
  const d = target.data;
  for (let i = 0; i < d.length; i++) d[i] = rng.uniform(-bound, bound);
}

/** N(mean, std²) for every element (PyTorch's nn.Embedding default is N(0, 1)). */
export function normalInit(target: InitTarget, std: number, rng: Rng, mean = 0): void {
  checkSize('normalInit', target);
  if (!(std >= 0)) throw new Error(`${label('normalInit', target)}: std must be >= 0, got ${std}`);
  const d = target.data;
  for (let i = 0; i < d.length; i++) d[i] = mean + std * rng.normal();
}

/**
 * PyTorch's default for nn.RNN / nn.LSTM / nn.GRU (`reset_parameters`): every weight and bias
 * ~ U(-1/√H, 1/√H), H = hidden size. Call it on each recurrent parameter.
 */
export function pytorchRecurrentInit(target: InitTarget, hiddenSize: number, rng: Rng): void {
  if (!Number.isInteger(hiddenSize) || hiddenSize <= 0) {
    throw new Error(`${label('pytorchRecurrentInit', target)}: hiddenSize must be a positive integer, got ${hiddenSize}`);
  }
  uniformInit(target, 1 / Math.sqrt(hiddenSize), rng);
}

/**
 * PyTorch's nn.Linear default: weight by kaiming_uniform_(a=√5), which works out to
 * U(-1/√fan_in, 1/√fan_in) (gain √(2/(1+a²)) = √(1/3), bound = √3·gain/√fan_in), and the bias
 * U(-1/√fan_in, 1/√fan_in) too. He et al. 2015, "Delving Deep into Rectifiers".
 * @param weight [out, in]
 * @param bias [out] or null
 */
export function pytorchLinearInit(weight: InitTarget, bias: InitTarget | null, rng: Rng): void {
  const [rows, fanIn] = matrixDims('pytorchLinearInit', weight);
  const bound = 1 / Math.sqrt(fanIn);
  uniformInit(weight, bound, rng);
  if (bias !== null) {
    checkSize('pytorchLinearInit', bias);
    if (bias.data.length !== rows) {
      throw new Error(`${label('pytorchLinearInit', bias)}: bias must have ${rows} values to match weight [${weight.shape.join(', ')}]`);
    }
    uniformInit(bias, bound, rng);
  }
}

/**
 * Glorot & Bengio 2010, "Understanding the difficulty of training deep feedforward neural
 * networks": U(-a, a) with a = gain·√(6 / (fan_in + fan_out)). Fans are those of the whole
 * matrix, as torch.nn.init.xavier_uniform_ computes them (for a fused [G*H, I] weight fan_out = G*H).
 * @param target [out, in]
 */
export function glorotUniform(target: InitTarget, rng: Rng, gain = 1): void {
  const [fanOut, fanIn] = matrixDims('glorotUniform', target);
  uniformInit(target, gain * Math.sqrt(6 / (fanIn + fanOut)), rng);
}

/** Glorot & Bengio 2010, normal form: N(0, σ²) with σ = gain·√(2 / (fan_in + fan_out)). */
export function glorotNormal(target: InitTarget, rng: Rng, gain = 1): void {
  const [fanOut, fanIn] = matrixDims('glorotNormal', target);
  normalInit(target, gain * Math.sqrt(2 / (fanIn + fanOut)), rng);
}

/**
 * Saxe, McClelland & Ganguli 2014, "Exact solutions to the nonlinear dynamics of learning in deep
 * linear neural networks": a (semi-)orthogonal matrix times `gain`.
 *
 * A standard normal matrix is orthonormalised by Gram–Schmidt, which is QR with R's diagonal made
 * positive — the same Haar-distributed result as torch.nn.init.orthogonal_ (QR, then Q·sign(diag R)).
 * A tall block gets orthonormal columns (WᵀW = I), a wide one orthonormal rows (WWᵀ = I).
 *
 * `gates` splits a fused weight [G*H, H] into G row blocks [H, H] and makes each orthogonal on its
 * own, as is customary for recurrent weights (each gate's map h → gate is then norm-preserving).
 * gates = 1 treats the whole matrix as one, exactly like PyTorch's orthogonal_ on the fused tensor.
 * @param target [G*H, cols]
 */
export function orthogonalInit(target: InitTarget, rng: Rng, options: { gain?: number; gates?: number } = {}): void {
  const gain = options.gain ?? 1;
  const gates = options.gates ?? 1;
  const [rows, cols] = matrixDims('orthogonalInit', target);
  if (!Number.isInteger(gates) || gates <= 0 || rows % gates !== 0) {
    throw new Error(`${label('orthogonalInit', target)}: gates must be a positive integer dividing ${rows}, got ${gates}`);
  }
  const blockRows = rows / gates;
  const n = Math.max(blockRows, cols);
  const m = Math.min(blockRows, cols);
  const q = new Float64Array(n * m); // m columns of length n, column-major: column j is q[j*n .. j*n+n)
  for (let g = 0; g < gates; g++) {
    for (let i = 0; i < q.length; i++) q[i] = rng.normal();
    gramSchmidtColumns(q, n, m);
    const offset = g * blockRows * cols;
    for (let i = 0; i < blockRows; i++) {
      for (let j = 0; j < cols; j++) {
        // tall block: W = Q (n = blockRows); wide block: W = Qᵀ (n = cols)
        const v = blockRows >= cols ? q[j * n + i]! : q[i * n + j]!;
        target.data[offset + i * cols + j] = gain * v;
      }
    }
  }
}

/**
 * Modified Gram–Schmidt on the m columns (length n ≥ m) of a column-major buffer, in place.
 * Each column is orthogonalised twice ("twice is enough", Giraud et al. 2005) so QᵀQ = I to
 * rounding even for large m.
 */
function gramSchmidtColumns(q: Float64Array, n: number, m: number): void {
  for (let j = 0; j < m; j++) {
    const vj = j * n;
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        const vk = k * n;
        let dot = 0;
        for (let i = 0; i < n; i++) dot += q[vk + i]! * q[vj + i]!;
        for (let i = 0; i < n; i++) q[vj + i]! -= dot * q[vk + i]!;
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += q[vj + i]! ** 2;
    norm = Math.sqrt(norm);
    // A normal matrix is singular with probability zero; reaching this means a broken Rng.
    if (!(norm > 1e-10)) throw new Error('orthogonalInit: random matrix is numerically singular');
    for (let i = 0; i < n; i++) q[vj + i]! /= norm;
  }
}

/** Multiplies every element by `factor` in place (a recurrent weight's spectral radius scales with it). */
export function scaleInit(target: InitTarget, factor: number): void {
  checkSize('scaleInit', target);
  if (!Number.isFinite(factor)) throw new Error(`${label('scaleInit', target)}: factor must be finite, got ${factor}`);
  const d = target.data;
  for (let i = 0; i < d.length; i++) d[i] = factor * d[i]!;
}

/**
 * Multiplies every recurrent weight (a parameter named weight_hh…) by `scale` (model.init.recurrentScale); 1 leaves
 * them untouched. Returns how many it scaled.
 */
export function scaleRecurrentWeights(params: readonly Param[], scale: number): number {
  const recurrent = params.filter((p) => p.name.includes('weight_hh'));
  if (scale !== 1) for (const p of recurrent) scaleInit(p, scale);
  return recurrent.length;
}

/**
 * IRNN (Le, Jaitly & Hinton 2015, "A Simple Way to Initialize Recurrent Networks of Rectified
 * Linear Units"): recurrent weight = scale·I and every bias zero. scale = 1 is the paper's I;
 * a smaller scale damps the recurrence.
 * @param weightHh [H, H]
 * @param biases the layer's biases (bias_ih, bias_hh), each set to zero
 */
export function identityRecurrentInit(weightHh: InitTarget, biases: readonly InitTarget[], scale = 1): void {
  const [rows, cols] = matrixDims('identityRecurrentInit', weightHh);
  if (rows !== cols) throw new Error(`${label('identityRecurrentInit', weightHh)}: expects a square [H, H] weight`);
  weightHh.data.fill(0);
  for (let i = 0; i < rows; i++) weightHh.data[i * cols + i] = scale;
  for (const b of biases) zeroInit(b);
}

/**
 * Sets the forget-gate block [H, 2H) of an LSTM bias [4H] to `value` (gate order [i, f, g, o]),
 * so the cell starts by remembering: Gers, Schmidhuber & Cummins 2000; Jozefowicz, Zaremba &
 * Sutskever 2015 recommend 1.
 *
 * PyTorch's LSTM has two biases, bias_ih and bias_hh, and the gate sees their sum. Call this on
 * bias_ih only: bias_hh keeps its own init, so the effective forget bias is `value` plus bias_hh's
 * small U(-1/√H, 1/√H) draw. To make it exactly `value`, also zero bias_hh's forget block
 * (`lstmForgetBias(biasHh, 0)`).
 * @param bias [4H]
 */
export function lstmForgetBias(bias: InitTarget, value = 1): void {
  checkSize('lstmForgetBias', bias);
  if (bias.shape.length !== 1 || bias.data.length % 4 !== 0) {
    throw new Error(`${label('lstmForgetBias', bias)}: expects an LSTM bias [4H]`);
  }
  const hidden = bias.data.length / 4;
  // looked up at call time, not module load, so an import cycle through lstm.ts stays harmless
  const forget = LSTM_GATE_ORDER.indexOf('f');
  bias.data.fill(value, forget * hidden, (forget + 1) * hidden);
}

/**
 * Applies `init` to every parameter whose name matches, and returns how many matched (so a caller
 * can insist on at least one). A string pattern is a glob (`*` = any run of characters) matched
 * against the whole name or its last dotted part: `weight_hh*` matches `rnn.weight_hh_l0`.
 * A RegExp is tested against the whole name.
 */
export function initMatching(params: readonly Param[], pattern: string | RegExp, init: (p: Param) => void): number {
  const matches = typeof pattern === 'string' ? globMatcher(pattern) : (name: string) => pattern.test(name);
  let count = 0;
  for (const p of params) {
    if (matches(p.name)) {
      init(p);
      count++;
    }
  }
  return count;
}

function globMatcher(glob: string): (name: string) => boolean {
  const source = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const re = new RegExp(`^${source}$`);
  return (name) => re.test(name) || re.test(name.slice(name.lastIndexOf('.') + 1));
}
