// Training progress on stderr: a redrawn bar on a terminal, or a plain line every tenth of a run
// otherwise (logs, CI). Notes (a run started, ended, failed) print above the bar.
import type { ApiEvent } from '../../common/api/contract';
import type { TextSink } from './context';
import { formatAccuracy, formatDuration, formatMetric } from './format';

type Progress = ApiEvent<'run.progress'>;

const BAR_WIDTH = 20;
const DEFAULT_COLUMNS = 80;
const CLEAR_LINE = '\r\u001b[2K';

export class ProgressView {
  private readonly tty: boolean;
  private barShown = false;
  private last: Progress | null = null;
  /** Plain mode: the next tenth of each run to report. */
  private readonly nextTenth = new Map<number, number>();

  constructor(
    private readonly sink: TextSink,
    /** How a run is named in lines (`run 12`, `trial 3/4 (run 14)`). */
    private readonly labelOf: (runId: number) => string = (runId) => `run ${runId}`,
  ) {
    this.tty = sink.isTTY === true;
  }

  progress(p: Progress): void {
    if (this.tty) {
      this.last = p;
      this.draw();
      return;
    }
    const tenth = Math.floor((10 * p.step) / p.totalSteps);
    if (tenth < (this.nextTenth.get(p.runId) ?? 1)) return;
    this.nextTenth.set(p.runId, tenth + 1);
    this.sink.write(`${this.labelOf(p.runId)}: step ${p.step}/${p.totalSteps} (${Math.round((100 * p.step) / p.totalSteps)}%)${details(p)}\n`);
  }

  /** A line for a person, printed above the bar. */
  note(line: string): void {
    if (this.barShown) this.sink.write(CLEAR_LINE);
    this.sink.write(`${line}\n`);
    this.barShown = false;
    if (this.tty && this.last) this.draw();
  }

  /** Removes the bar (before the final summary). */
  finish(): void {
    if (this.barShown) this.sink.write(CLEAR_LINE);
    this.barShown = false;
    this.last = null;
  }

  private draw(): void {
    const p = this.last;
    if (!p) return;
    const fraction = Math.min(1, p.step / p.totalSteps);
    const filled = Math.round(fraction * BAR_WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
    const line = `${this.labelOf(p.runId)} ${bar} ${String(Math.floor(fraction * 100)).padStart(3)}% ${p.step}/${p.totalSteps}${details(p)}`;
    const columns = terminalColumns(this.sink.columns);
    this.sink.write(`${CLEAR_LINE}${line.length >= columns ? line.slice(0, columns - 1) : line}`);
    this.barShown = true;
  }
}

/**
 * The width to fit the bar in. Some terminals (and pseudo-terminals, e.g. under CI or a debugger) report 0
 * columns, or none: that means "unknown", not "no room", so the usual 80 stands in.
 */
function terminalColumns(reported: number | undefined): number {
  return reported !== undefined && Number.isInteger(reported) && reported > 0 ? reported : DEFAULT_COLUMNS;
}

function details(p: Progress): string {
  const parts = [`loss ${formatMetric(p.loss)}`];
  if (p.accuracy !== null) parts.push(`acc ${formatAccuracy(p.accuracy)}`);
  if (p.etaSeconds !== null && p.step < p.totalSteps) parts.push(`ETA ${formatDuration(p.etaSeconds * 1000)}`);
  return ` · ${parts.join(' · ')}`;
}
