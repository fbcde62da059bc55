// Display formatting for the sequence-model playground: a classifier's probabilities as bars, a regression's
// prediction beside its true value, a forecast's curves (the window, the forecast and the held-out truth on one
// time axis), and a generated token's probability for its hover.

import type { Forecast, Generation, ModelInfo, PlaygroundExample, Prediction } from '../../../core/common/api/entities';
import type { CurveSeries } from '../charts/chart-options';

/** One bar: a class or token, its probability, and whether it is the predicted one. */
export interface ClassBar {
  readonly label: string;
  readonly probability: number;
  readonly predicted: boolean;
}

/** The last row's probabilities (a many-to-one model has one row), most likely first, at most `limit` bars. */
export function classBars(prediction: Prediction, limit = 20): ClassBar[] {
  const row = prediction.rows.at(-1) ?? [];
  const bars = row.map((probability, i) => ({ label: prediction.outputNames[i] ?? `#${i}`, probability, predicted: false }));
  bars.sort((a, b) => b.probability - a.probability);
  return bars.slice(0, limit).map((bar, i) => ({ ...bar, predicted: i === 0 }));
}

/** One output's predicted value beside its true value (null when the task gives none for this input). */
export interface RegressionRow {
  readonly name: string;
  readonly predicted: number;
  readonly truth: number | null;
}

/**
 * The last row's values beside the truth: the task definition's target of the input as predicted (prediction.truth), or
 * else the held-out example's target when the input is that example unedited.
 */
export function regressionRows(prediction: Prediction, exampleTarget: readonly number[] | null): RegressionRow[] {
  const row = prediction.rows.at(-1) ?? [];
  const truth = prediction.truth !== null && 'values' in prediction.truth ? prediction.truth.values : exampleTarget;
  return row.map((predicted, i) => ({ name: prediction.outputNames[i] ?? `#${i}`, predicted, truth: truth?.[i] ?? null }));
}

/** The window (steps 1..W), the forecast and the held-out truth (steps W+1..) of the forecast column. */
export function forecastCurves(window: readonly (readonly number[])[], forecast: Forecast, truth: readonly number[] | null, column = 0): CurveSeries[] {
  const W = window.length;
  const history: CurveSeries = { label: 'input window', steps: window.map((_, t) => t + 1), values: window.map((row) => row[column] ?? NaN) };
  const predicted: CurveSeries = {
    label: 'forecast',
    steps: forecast.values.map((_, k) => W + k + 1),
    values: forecast.values.map((row) => row[column] ?? NaN),
  };
  if (truth === null) return [history, predicted];
  return [history, predicted, { label: 'held-out truth', steps: truth.map((_, k) => W + k + 1), values: [...truth] }];
}

/** Mean squared error of the forecast against the truth over the steps both have; null when they share none. */
export function forecastError(forecast: Forecast, truth: readonly number[] | null, column = 0): { mse: number; steps: number } | null {
  if (truth === null) return null;
  const steps = Math.min(truth.length, forecast.values.length);
  if (steps === 0) return null;
  let sum = 0;
  for (let k = 0; k < steps; k++) sum += ((forecast.values[k]?.[column] ?? NaN) - truth[k]!) ** 2;
  return { mse: sum / steps, steps };
}

/** Rows typed one step per line, numbers separated by commas or spaces: exactly `features` finite numbers a line. */
export function parseRows(text: string, features: number): { ok: true; rows: number[][] } | { ok: false; message: string } {
  const lines = text.split('\n').map((line) => line.trim());
  const rows: number[][] = [];
  for (const [i, line] of lines.entries()) {
    if (line === '') continue;
    const parts = line.split(/[\s,;]+/).filter((p) => p !== '');
    const bad = parts.find((part) => !Number.isFinite(Number(part)));
    if (bad !== undefined) return { ok: false, message: `Line ${i + 1}: "${bad}" is not a number.` };
    if (parts.length !== features) return { ok: false, message: `Line ${i + 1} has ${parts.length} number(s); the model reads ${features} per step.` };
    rows.push(parts.map(Number));
  }
  if (rows.length === 0) return { ok: false, message: 'Give at least one step.' };
  return { ok: true, rows };
}

/** Rows as `parseRows` reads them back. */
export function formatRows(rows: readonly (readonly number[])[]): string {
  return rows.map((row) => row.map((v) => String(Math.round(v * 1e6) / 1e6)).join(', ')).join('\n');
}

/** The example's input as the editor shows it: rows of numbers, or the tokens joined as the model splits text. */
export function exampleText(example: PlaygroundExample, info: ModelInfo): string {
  if ('values' in example.input) return formatRows(example.input.values);
  return example.input.tokens.join(info.input.tokenization === 'words' ? ' ' : '');
}

/** A generated token's hover: its probability and the most likely tokens at its step. */
export function pieceTitle(piece: Generation['pieces'][number]): string {
  const show = (text: string) => JSON.stringify(text);
  const alternatives = piece.alternatives.map((a) => `${show(a.text)} ${percent(a.probability)}`).join(', ');
  return `${show(piece.text)}: p = ${percent(piece.probability)} · most likely: ${alternatives}`;
}

export function percent(p: number): string {
  return `${(p * 100).toFixed(1)} %`;
}
