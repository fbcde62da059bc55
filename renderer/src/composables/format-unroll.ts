// Display formatting for the one-to-many playground: the model in one line, the length and feature fields
// made valid, the curves of a generated sequence for the line chart, and its caption.

import type { ModelInfo, Unroll } from '../../../core/common/api/entities';
import { CELL_LABELS } from '../../../core/common/nn/cell-names';
import type { CurveSeries } from '../charts/chart-options';
import type { NumberField } from './decoding-options';
import { DECODING_LIMITS } from '../../../core/common/api/contract';

export const DEFAULT_UNROLL_LENGTH = 50;

/** What an unroll is asked with (models.unroll): temperature 0 is greedy; null top-k keeps every token, a null seed is random. */
export interface UnrollOptions {
  readonly length: number;
  readonly temperature: number;
  readonly topK: number | null;
  readonly seed: number | null;
}

/** E.g. "GRU decoder × 12, conditioned on one of 4 classes · task waveform-generation". */
export function conditionedSummary(info: ModelInfo): string {
  const { input } = info;
  const on = input.kind === 'classes' ? `one of ${input.size} classes` : `${input.size} feature${input.size === 1 ? '' : 's'}`;
  return `${CELL_LABELS[info.cell]} decoder × ${info.hiddenSize}, conditioned on ${on} · task ${info.task.id}`;
}

/** The length field as typed, rounded into 1..10000; empty or not a number gives the default. */
export function unrollLength(field: NumberField): number {
  if (typeof field !== 'number' || !Number.isFinite(field)) return DEFAULT_UNROLL_LENGTH;
  return Math.min(DECODING_LIMITS.length.max, Math.max(DECODING_LIMITS.length.min, Math.round(field)));
}

/** Feature values typed as "0.5, -1" or "0.5 -1": exactly `expected` finite numbers, or what is wrong. */
export function parseFeatures(text: string, expected: number): { ok: true; values: number[] } | { ok: false; message: string } {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  const values = parts.map(Number);
  const bad = parts.find((part) => !Number.isFinite(Number(part)));
  if (bad !== undefined) return { ok: false, message: `"${bad}" is not a number.` };
  if (values.length !== expected)
    return { ok: false, message: `Give ${expected} number${expected === 1 ? '' : 's'}, separated by commas or spaces (${values.length} given).` };
  return { ok: true, values };
}

/** One curve per output column over steps 1..T (none for token outputs); every row must hold one value per output. */
export function unrollCurves(u: Unroll): CurveSeries[] {
  const rows = u.values;
  if (rows === null) return [];
  const O = u.outputNames.length;
  rows.forEach((row, t) => {
    if (row.length !== O) throw new Error(`unrollCurves: step ${t + 1} has ${row.length} value(s) for the ${O} outputs (${u.outputNames.join(', ')})`);
  });
  const steps = rows.map((_, t) => t + 1);
  return u.outputNames.map((name, o) => ({ label: name, steps, values: rows.map((row) => row[o]!) }));
}

/** E.g. "square · 40 steps" or "features (0.5, -1) · 12 tokens". */
export function unrollCaption(u: Unroll): string {
  const from = u.condition.kind === 'class' ? u.condition.label : `features (${u.condition.values.join(', ')})`;
  const n = u.values !== null ? u.values.length : (u.tokens ?? []).length;
  const unit = u.values !== null ? 'step' : 'token';
  return `${from} · ${n} ${unit}${n === 1 ? '' : 's'}${u.values === null && !u.finished ? ', stopped before the end token' : ''}`;
}
