// Units that track a pattern (Karpathy, Johnson & Fei-Fei 2015, "Visualizing and Understanding Recurrent
// Networks"): a pattern the person defines is a 0/1 value per input step — 1 inside a regular expression's
// matches over the text, inside a range of positions, or where an input value lies in a range — and each
// unit's activation over the same steps is ranked by its Pearson correlation r with it.
//
// Shapes: T input steps; a layer's signal is [T, H] (model-trace.ts).

import type { TracedLayer } from './model-trace';
import { EXPLORER_LIMITS } from '../api/explorer-entities';

export type UnitPattern =
  /** 1 at the steps whose token overlaps a match of `source` over the input's text (tokens joined). */
  | { readonly kind: 'regex'; readonly source: string; readonly ignoreCase: boolean }
  /** 1 at steps from ≤ t < to. */
  | { readonly kind: 'positions'; readonly from: number; readonly to: number }
  /** 1 where input feature `feature` lies in [min, max] (value inputs). */
  | { readonly kind: 'values'; readonly feature: number; readonly min: number; readonly max: number };

/** The input a pattern is defined over: each step's token as text, and for value inputs the values [T, F]. */
export interface PatternInput {
  readonly tokens: readonly string[];
  readonly values: { readonly features: number; readonly x: ArrayLike<number> } | null;
}

export type PatternResult = { readonly ok: true; readonly pattern: Float64Array; readonly ones: number } | { readonly ok: false; readonly message: string };

/** The pattern as 0/1 per step, or why it cannot be used (a bad expression, a range outside the input, a constant). */
export function patternOverSteps(pattern: UnitPattern, input: PatternInput): PatternResult {
  const T = input.tokens.length;
  const out = new Float64Array(T);
  switch (pattern.kind) {
    case 'regex': {
      if (pattern.source.length === 0) return { ok: false, message: 'The regular expression is empty; type what the units should track, e.g. [aeiou] or \\s.' };
      if (pattern.source.length > EXPLORER_LIMITS.maxRegexLength)
        return { ok: false, message: `The regular expression has ${pattern.source.length} characters; at most ${EXPLORER_LIMITS.maxRegexLength} are allowed.` };
      let regex: RegExp;
      try {
        regex = new RegExp(pattern.source, pattern.ignoreCase ? 'giu' : 'gu');
      } catch (error) {
        return { ok: false, message: `The regular expression ${JSON.stringify(pattern.source)} is not valid: ${(error as Error).message}.` };
      }
      // owner[i]: the step whose token holds character i of the joined text (UTF-16 offsets, as RegExp reports them).
      const owner: number[] = [];
      input.tokens.forEach((token, t) => {
        for (let i = 0; i < token.length; i++) owner.push(t);
      });
      const text = input.tokens.join('');
      for (const match of text.matchAll(regex)) {
        for (let i = match.index; i < match.index + match[0].length; i++) out[owner[i]!] = 1;
      }
      break;
    }
    case 'positions': {
      const { from, to } = pattern;
      if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && to > from && to <= T))
        return { ok: false, message: `The positions must satisfy 0 ≤ from < to ≤ ${T} (the input has ${T} steps); got from ${from}, to ${to}.` };
      out.fill(1, from, to);
      break;
    }
    case 'values': {
      const values = input.values;
      if (values === null) return { ok: false, message: 'A value range applies to value inputs; this input is text (use a regular expression or positions).' };
      const { feature, min, max } = pattern;
      if (!(Number.isInteger(feature) && feature >= 0 && feature < values.features))
        return { ok: false, message: `The feature must be in 0..${values.features - 1} (the input has ${values.features} per step); got ${feature}.` };
      if (!(min <= max)) return { ok: false, message: `The value range needs min ≤ max; got min ${min}, max ${max}.` };
      for (let t = 0; t < T; t++) {
        const v = values.x[t * values.features + feature]!;
        out[t] = v >= min && v <= max ? 1 : 0;
      }
      break;
    }
  }
  let ones = 0;
  for (let t = 0; t < T; t++) ones += out[t]!;
  if (ones === 0 || ones === T)
    return {
      ok: false,
      message: `The pattern is ${ones === 0 ? 0 : 1} at every one of the ${T} steps: a constant has no correlation with any unit. Choose a pattern that is 1 at some steps and 0 at others.`,
    };
  return { ok: true, pattern: out, ones };
}

/** Pearson's r of x and y (same length), or null when either is constant (r is undefined then). */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  const n = x.length;
  if (y.length !== n) throw new Error(`pearson: lengths differ (${n} vs ${y.length})`);
  let mx = 0,
    my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0,
    sxx = 0,
    syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx,
      dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

export interface RankedUnit {
  /** Index into the trace's layers. */
  readonly layer: number;
  readonly unit: number;
  readonly r: number;
}

export interface UnitRanking {
  /** By |r|, largest first; at most `top`. */
  readonly ranked: readonly RankedUnit[];
  /** Units searched (those of layers over the input's steps that have the signal). */
  readonly searched: number;
  /** Units left out because their activation is the same at every step (r undefined). */
  readonly constant: number;
}

/** Ranks every unit's `signal` over the input's steps by |r| with the pattern (layers over other steps, e.g. a decoder, are not searched). */
export function rankUnits(layers: readonly TracedLayer[], signal: string, pattern: Float64Array, top: number): UnitRanking {
  const T = pattern.length;
  const all: RankedUnit[] = [];
  let searched = 0,
    constant = 0;
  const column = new Float64Array(T);
  layers.forEach((layer, index) => {
    const values = layer.signals.get(signal);
    if (values === undefined || layer.steps !== T || layer.part === 'decoder') return;
    const H = layer.hiddenSize;
    for (let j = 0; j < H; j++) {
      for (let t = 0; t < T; t++) column[t] = values[t * H + j]!;
      searched++;
      const r = pearson(column, pattern);
      if (r === null) constant++;
      else all.push({ layer: index, unit: j, r });
    }
  });
  all.sort((a, b) => Math.abs(b.r) - Math.abs(a.r) || a.layer - b.layer || a.unit - b.unit);
  return { ranked: all.slice(0, top), searched, constant };
}
