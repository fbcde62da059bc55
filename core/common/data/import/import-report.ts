// What an import tells the person who ran it, beside the dataset: the kind and why (given or detected), each
// column's part in a series and why, which windows the splits allow, and other facts worth knowing (decimal
// commas read as such, a default window a run cannot use). The CLI, the API and the Data view print the same lines.
import { largestWindow, smallestSplit } from '../series-split';
import type { ColumnChoice } from './column-profile';
import type { ImportKind } from './import-kinds';

export interface ImportReport {
  readonly kind: ImportKind;
  /** How the kind was chosen: "as asked", or what in the content (or the options) gave it away. */
  readonly kindReason: string;
  /** Series: every column of the file, with its part and why; empty for the other kinds. */
  readonly columns: readonly ColumnChoice[];
  /** Series and text: the largest window every split holds (with what follows it); null for pairs and labelled. */
  readonly maxWindow: number | null;
  /** One sentence each. */
  readonly notes: readonly string[];
}

/**
 * The windows a series or text allows, as a note, and a warning when the import's own window (the default a run
 * reads) is not among them: the run will be refused, naming task.params.window, unless it picks one that fits.
 * @param after items after each window: the horizon, or 1 (the token a text window's last step predicts)
 */
export function windowNotes(length: number, window: number, after: number, unit: 'rows' | 'tokens'): { maxWindow: number; notes: string[] } {
  const maxWindow = largestWindow(length, after);
  const room = length < 3 ? 0 : smallestSplit(length);
  const following = unit === 'rows' ? `the ${after} forecast value${after === 1 ? '' : 's'} after a window (the horizon)` : 'the token after a window';
  if (maxWindow < 1) {
    return {
      maxWindow,
      notes: [
        `no window fits every split with ${following}: the smallest split has ${room} ${unit}; a run must set task.params.horizon to ${room - 1} or less`,
      ],
    };
  }
  const notes = [`windows of up to ${maxWindow} ${unit} fit every split: the smallest split has ${room} ${unit}, which must also hold ${following}`];
  if (window > maxWindow)
    notes.push(
      `the window of ${window} set at import (a run's default) does not fit: a run on this dataset must set task.params.window to ${maxWindow} or less`,
    );
  return { maxWindow, notes };
}

/** The report as lines to print: the kind, the columns (series), then the notes. */
export function reportLines(report: ImportReport): string[] {
  const lines = [`kind: ${report.kind} — ${report.kindReason}`];
  if (report.columns.length > 0) {
    const inputs = report.columns.filter((c) => c.role === 'input' || c.role === 'input and target').map((c) => c.name);
    const target = report.columns.find((c) => c.role === 'target' || c.role === 'input and target')?.name ?? '?';
    lines.push(`inputs: ${inputs.join(', ')} → target: ${target}`);
    for (const c of report.columns) lines.push(`  ${c.name}: ${c.role} — ${c.reason}`);
  }
  return [...lines, ...report.notes];
}
