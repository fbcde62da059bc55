// How the explorer shows a signal: the range its colours span (a σ gate 0…1, a tanh gate or h −1…1, an
// unbounded c or pre-activation ±its largest magnitude) and the colour of one activation over a character,
// red for high and blue for low (as in Karpathy, Johnson & Fei-Fei 2015), stronger the further from the middle.
import type { CellName } from '../../../core/common/nn/cell-names';
import { CELLS } from '../../../core/common/nn/cell-stepper';

export interface SignalRange {
  readonly min: number;
  readonly max: number;
  /** Whether the range is the activation's own (fixed) or taken from the values shown. */
  readonly fixed: boolean;
}

function largestMagnitude(values: Iterable<number>): number {
  let m = 0;
  for (const v of values) if (Number.isFinite(v)) m = Math.max(m, Math.abs(v));
  return m === 0 ? 1 : m;
}

/** The colour range of `signal` of a `cell` layer; `values` give it when the activation is unbounded. */
export function signalRange(cell: CellName, signal: string, values: Iterable<number>): SignalRange {
  const { gateOrder, gateActivations } = CELLS[cell];
  const block = gateOrder.indexOf(signal);
  // An RNN's only gate is h itself, so its activation is h's; LSTM and GRU h are bounded by tanh.
  const activation = signal === 'h' ? (cell === 'rnn_relu' ? 'relu' : 'tanh') : signal === 'c' || signal === 'pre' ? null : (gateActivations[block] ?? null);
  if (activation === 'sigmoid') return { min: 0, max: 1, fixed: true };
  if (activation === 'tanh') return { min: -1, max: 1, fixed: true };
  const m = largestMagnitude(values);
  return activation === 'relu' ? { min: 0, max: m, fixed: false } : { min: -m, max: m, fixed: false };
}

/** The background of a character whose activation is v: rgba red above the range's middle, blue below, alpha by distance. */
export function activationColor(v: number, range: SignalRange): string {
  if (!Number.isFinite(v)) return 'transparent';
  const middle = (range.min + range.max) / 2;
  const half = (range.max - range.min) / 2;
  const s = Math.max(-1, Math.min(1, (v - middle) / half));
  const alpha = Math.round(Math.abs(s) * 100) / 100;
  return s >= 0 ? `rgba(220, 38, 38, ${alpha})` : `rgba(37, 99, 235, ${alpha})`;
}

/** A character as the unit view shows it: spaces and line breaks made visible. */
export function visibleToken(token: string): string {
  return token.replace(/ /g, '␣').replace(/\n/g, '⏎').replace(/\t/g, '⇥');
}

/** The pages of `size` steps over `total` steps: [start, end) each. */
export function stepPages(total: number, size: number): { start: number; end: number }[] {
  if (!(size >= 1)) throw new Error(`stepPages: size must be ≥ 1, got ${size}`);
  const pages: { start: number; end: number }[] = [];
  for (let start = 0; start < total; start += size) pages.push({ start, end: Math.min(total, start + size) });
  return pages;
}

/** Typed value rows, one step per line, values separated by spaces or commas; a value that is not a number is refused with its line. */
export function parseValueRows(text: string): { ok: true; rows: number[][] } | { ok: false; message: string } {
  const rows: number[][] = [];
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    const cells = line
      .trim()
      .split(/[\s,;]+/)
      .filter((c) => c.length > 0);
    if (cells.length === 0) continue;
    const row: number[] = [];
    for (const cell of cells) {
      const v = Number(cell);
      if (!Number.isFinite(v)) return { ok: false, message: `Line ${i + 1}: ${JSON.stringify(cell)} is not a number.` };
      row.push(v);
    }
    rows.push(row);
  }
  if (rows.length === 0) return { ok: false, message: 'Type at least one line of values (one line per step).' };
  return { ok: true, rows };
}
