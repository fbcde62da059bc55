// Padding of variable-length sequences into time-major batch buffers, and the matching step masks.
//
// Legend: T steps (the longest length unless given), B batch, W values per step, L one sequence's length.
// Sequence b is transposed from row-major [L, W] into steps t < L of the time-major [T, B, W] buffer;
// everything after its length stays 0 (PAD_ID for ids).

export interface PaddedFloats {
  /** [T, B, W] */
  readonly data: Float32Array;
  /** [B] */
  readonly lengths: Int32Array;
  /** T */
  readonly steps: number;
}

export interface PaddedInts {
  /** [T, B] */
  readonly data: Int32Array;
  /** [B] */
  readonly lengths: Int32Array;
  /** T */
  readonly steps: number;
}

function resolveSteps(fn: string, lengths: readonly number[], steps: number | undefined): number {
  const longest = lengths.reduce((a, b) => Math.max(a, b), 0);
  const T = steps ?? longest;
  if (!Number.isInteger(T) || T < longest) throw new Error(`${fn}: steps = ${T} is shorter than the longest sequence (${longest})`);
  return T;
}

/**
 * @param sequences B rows, each [L_b, W] row-major
 * @param width W
 * @param steps T; defaults to the longest L_b
 */
export function padFloatSequences(sequences: readonly Float32Array[], width: number, steps?: number): PaddedFloats {
  if (!Number.isInteger(width) || width <= 0) throw new Error(`padFloatSequences: width must be a positive integer, got ${width}`);
  const lengths = sequences.map((s, b) => {
    if (s.length % width !== 0) throw new Error(`padFloatSequences: sequences[${b}] has ${s.length} values, not a multiple of width ${width}`);
    return s.length / width;
  });
  const T = resolveSteps('padFloatSequences', lengths, steps);
  const B = sequences.length;
  const data = new Float32Array(T * B * width);
  sequences.forEach((s, b) => {
    const n = s.length / width; // lengths[b]
    for (let t = 0; t < n; t++) data.set(s.subarray(t * width, (t + 1) * width), (t * B + b) * width);
  });
  return { data, lengths: Int32Array.from(lengths), steps: T };
}

/**
 * @param sequences B rows of ids, each [L_b]
 * @param steps T; defaults to the longest L_b
 */
export function padIntSequences(sequences: readonly Int32Array[], steps?: number): PaddedInts {
  const lengths = sequences.map((s) => s.length);
  const T = resolveSteps('padIntSequences', lengths, steps);
  const B = sequences.length;
  const data = new Int32Array(T * B);
  sequences.forEach((s, b) => {
    for (let t = 0; t < s.length; t++) data[t * B + b] = s[t]!;
  });
  return { data, lengths: Int32Array.from(lengths), steps: T };
}

/** [T, B] mask: 1 for t < lengths[b], else 0. */
export function lengthMask(lengths: ArrayLike<number>, steps: number): Float32Array {
  const B = lengths.length;
  const mask = new Float32Array(steps * B);
  for (let b = 0; b < B; b++) {
    const n = lengths[b]!;
    if (n > steps) throw new Error(`lengthMask: lengths[${b}] = ${n} exceeds steps = ${steps}`);
    for (let t = 0; t < n; t++) mask[t * B + b] = 1;
  }
  return mask;
}
