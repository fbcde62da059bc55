// A plain float64 reference forward pass of an ExportableModel, written straight from the
// equations in tests/fixtures/torch/README.md (PyTorch gate order [i, f, g, o] / [r, z, n] spelled out
// here, not taken from the code under test), so the exported graph has an independent check.
//
// Shapes: T time, B batch, H hidden, D directions, L layers; sequences time-major [T, B, ·].

import type { ExportableModel, WeightArray } from '../../../../core/common/onnx/exportable-model';

export interface ReferenceInputs {
  readonly T: number;
  readonly B: number;
  /** ids [T, B] (embedding input) */
  readonly ids?: readonly number[];
  /** x [T, B, I] (dense or features input) */
  readonly x?: ArrayLike<number>;
  /** [L*D, B, H]; zeros when absent */
  readonly h0?: ArrayLike<number>;
  readonly c0?: ArrayLike<number>;
  /** [B]; all T when absent */
  readonly lengths?: readonly number[];
}

export interface ReferenceOutputs {
  /** [T, B, O or D*H] */
  readonly y: Float64Array;
  /** [L*D, B, H] */
  readonly hN: Float64Array;
  readonly cN: Float64Array;
}

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

/** out[j] = bias[j] + Σ_i W[j, i] · v[i] for W [rows, v.length]. */
function affine(W: WeightArray, bias: WeightArray, v: ArrayLike<number>, rows: number): Float64Array {
  const out = new Float64Array(rows);
  for (let j = 0; j < rows; j++) {
    let s = bias[j] as number;
    for (let i = 0; i < v.length; i++) s += (W[j * v.length + i] as number) * (v[i] as number);
    out[j] = s;
  }
  return out;
}

/** One step of one cell for one batch row: returns [h_t, c_t]. */
function step(cell: string, H: number, gi: Float64Array, gh: Float64Array, h: Float64Array, c: Float64Array): [Float64Array, Float64Array] {
  const hNew = new Float64Array(H);
  const cNew = new Float64Array(H);
  for (let j = 0; j < H; j++) {
    if (cell === 'rnn_tanh') hNew[j] = Math.tanh((gi[j] as number) + (gh[j] as number));
    else if (cell === 'rnn_relu') hNew[j] = Math.max(0, (gi[j] as number) + (gh[j] as number));
    else if (cell === 'lstm') {
      const gate = (k: number): number => (gi[k * H + j] as number) + (gh[k * H + j] as number);
      const i = sigmoid(gate(0));
      const f = sigmoid(gate(1));
      const g = Math.tanh(gate(2));
      const o = sigmoid(gate(3));
      cNew[j] = f * (c[j] as number) + i * g;
      hNew[j] = o * Math.tanh(cNew[j] as number);
    } else {
      const r = sigmoid((gi[j] as number) + (gh[j] as number));
      const z = sigmoid((gi[H + j] as number) + (gh[H + j] as number));
      const n = Math.tanh((gi[2 * H + j] as number) + r * (gh[2 * H + j] as number));
      hNew[j] = (1 - z) * n + z * (h[j] as number);
    }
  }
  return [hNew, cNew];
}

export function referenceForward(model: ExportableModel, inp: ReferenceInputs): ReferenceOutputs {
  const { T, B } = inp;
  const { input, recurrent: s, head } = model;
  const H = s.hiddenSize;
  const D = s.bidirectional ? 2 : 1;
  const G = { rnn_tanh: 1, rnn_relu: 1, lstm: 4, gru: 3 }[s.cell] * H;

  // Input layer → seq[t][b] feature vectors.
  let seq: Float64Array[][] = [];
  for (let t = 0; t < T; t++) {
    seq.push([]);
    for (let b = 0; b < B; b++) {
      if (input.kind === 'embedding') {
        const id = inp.ids?.[t * B + b] as number;
        seq[t]?.push(Float64Array.from(input.weight.subarray(id * input.dim, (id + 1) * input.dim)));
      } else {
        const I = input.kind === 'dense' ? input.inFeatures : input.features;
        const v = Float64Array.from({ length: I }, (_, i) => inp.x?.[(t * B + b) * I + i] as number);
        seq[t]?.push(input.kind === 'dense' ? affine(input.weight, input.bias, v, input.outFeatures) : v);
      }
    }
  }

  const hN = new Float64Array(s.numLayers * D * B * H);
  const cN = new Float64Array(s.numLayers * D * B * H);
  for (let k = 0; k < s.numLayers; k++) {
    const next = Array.from({ length: T }, () => Array.from({ length: B }, () => new Float64Array(D * H)));
    for (let d = 0; d < D; d++) {
      const sfx = `_l${k}${d === 1 ? '_reverse' : ''}`;
      const p = (name: string): WeightArray => s.params[name + sfx] as WeightArray;
      for (let b = 0; b < B; b++) {
        const row = ((k * D + d) * B + b) * H;
        let h: Float64Array = Float64Array.from({ length: H }, (_, j) => (inp.h0?.[row + j] as number | undefined) ?? 0);
        let c: Float64Array = Float64Array.from({ length: H }, (_, j) => (inp.c0?.[row + j] as number | undefined) ?? 0);
        const len = inp.lengths?.[b] ?? T;
        // Forward runs 0 .. len-1; reverse runs len-1 .. 0 (each sequence within its own length).
        for (let n = 0; n < len; n++) {
          const t = d === 0 ? n : len - 1 - n;
          const gi = affine(p('weight_ih'), p('bias_ih'), seq[t]?.[b] as Float64Array, G);
          const gh = affine(p('weight_hh'), p('bias_hh'), h, G);
          [h, c] = step(s.cell, H, gi, gh, h, c);
          next[t]?.[b]?.set(h, d * H);
        }
        hN.set(h, row);
        cN.set(c, row);
      }
    }
    seq = next;
  }

  const O = head?.outFeatures ?? D * H;
  const applyHead = (v: Float64Array): Float64Array => {
    if (!head) return v;
    const out = affine(head.weight, head.bias ?? new Float64Array(O), v, O);
    if (!head.softmax) return out;
    const m = Math.max(...out);
    const e = out.map((z) => Math.exp(z - m));
    const sum = e.reduce((a, z) => a + z, 0);
    return e.map((z) => z / sum);
  };
  if (head?.readout === 'final-state') {
    // [forward h_n, reverse h_n] of the top layer per batch row → y [B, O].
    const y = new Float64Array(B * O);
    const top = (s.numLayers - 1) * D;
    for (let b = 0; b < B; b++) {
      const v = new Float64Array(D * H);
      for (let d = 0; d < D; d++) v.set(hN.subarray(((top + d) * B + b) * H, ((top + d) * B + b + 1) * H), d * H);
      y.set(applyHead(v), b * O);
    }
    return { y, hN, cN };
  }
  const y = new Float64Array(T * B * O);
  for (let t = 0; t < T; t++) for (let b = 0; b < B; b++) y.set(applyHead(seq[t]?.[b] as Float64Array), (t * B + b) * O);
  return { y, hN, cN };
}
