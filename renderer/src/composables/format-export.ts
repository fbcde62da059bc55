// Display formatting for exported models: parity table columns and cells, file sizes and hashes, and what
// the decoder-step graph of a two-graph export follows. Numbers and verdicts of a parity report are worded
// by core/common/onnx/parity-criterion.ts, as the CLI words them.

import type { ModelExport, OutputParity, ParityReport } from '../../../core/common/api/entities';
import { describeElement, formatParityDelta } from '../../../core/common/onnx/parity-criterion';

/** Bytes as "812 B", "14.2 KB" or "3.4 MB" (powers of 1024). */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The first 12 hex digits of a SHA-256, enough to tell files apart at a glance. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

/** A sequence model's graph outputs, always shown in this order (Y_c as — for cells without it). */
const SEQUENCE_OUTPUTS = ['y', 'Y_h', 'Y_c'];

/**
 * The output columns of a parity table: y, Y_h, Y_c for a sequence model's report; for any other (an
 * encoder–decoder's: memory, h0, logits, probs, h_next, attention, …) every output in first-seen order.
 */
export function parityColumns(report: ParityReport): string[] {
  const seen: string[] = [];
  for (const c of report.cases) for (const name of Object.keys(c.outputs)) if (!seen.includes(name)) seen.push(name);
  return seen.every((name) => SEQUENCE_OUTPUTS.includes(name)) ? SEQUENCE_OUTPUTS : seen;
}

/** A table cell for one output of one case: its max |Δ| (3 significant digits), whether it passes, and its worst element in words (the cell's title). */
export function parityCell(name: string, output: OutputParity | undefined): { text: string; pass: boolean; title: string } {
  if (output === undefined) return { text: '—', pass: true, title: '' };
  const title = output.worst !== null ? describeElement(name, output.worst) : (output.problem ?? '');
  return { text: formatParityDelta(output.maxAbsDiff), pass: output.pass, title };
}

/**
 * For a two-graph export, what its decoder-step graph runs after: an encoder–decoder's encoder graph, or a
 * one-to-many model's condition graph (its parity cases start from the condition); null for one graph.
 */
export function stepGraphRole(model: Pick<ModelExport, 'decoderStep' | 'parity'>): { first: string; playground: string } | null {
  if (model.decoderStep === null) return null;
  if (model.parity?.cases.some((c) => c.initialState === 'condition')) {
    return { first: 'condition graph', playground: 'Generate a sequence from a condition and see it as a curve' };
  }
  return { first: 'encoder graph', playground: 'Translate a source string and see where the decoder looks' };
}
