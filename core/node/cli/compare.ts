// `seqlab compare RUN…`: runs side by side — final and best validation loss and accuracy, steps, time.
import type { RunResults, RunSummary } from '../../common/api/entities';
import { parseCommand, parseRunId, type CommandSpec } from './args';
import { withBackend } from './backend';
import { EXIT, writeJson, writeLine, type CliContext } from './context';
import { summaryOf } from './follow-run';
import { formatAccuracy, formatDuration, formatMetric, formatSteps, formatTable, truncate } from './format';
import { fetchRunResults } from './run-report';

const SPEC: CommandSpec = { usage: 'seqlab compare RUN... [--db PATH] [--json]', options: {}, positionals: { min: 1, max: 1000 } };

const HELP = `Usage: ${SPEC.usage}

Compares runs in a table: status, steps, final and best validation loss, final and best validation
accuracy, and wall time. Columns a run has not logged show —.
  --json   print { runs: [{ run, results }] } as JSON on stdout
`;

export async function compareCommand(args: readonly string[], ctx: CliContext): Promise<number> {
  const command = parseCommand(args, SPEC);
  if (command.help) {
    ctx.stdout.write(HELP);
    return EXIT.ok;
  }
  const ids = command.positionals.map((text) => parseRunId(text, SPEC.usage));
  return withBackend(ctx, command.db, async (api) => {
    const compared: { run: RunSummary; results: RunResults }[] = [];
    for (const id of ids) {
      const run = summaryOf(await api.call('runs.get', { id }));
      compared.push({ run, results: await fetchRunResults(api, run) });
    }
    if (command.json) writeJson(ctx.stdout, { runs: compared });
    else writeLine(ctx.stdout, comparisonTable(compared));
    return EXIT.ok;
  });
}

export function comparisonTable(compared: readonly { run: RunSummary; results: RunResults }[]): string {
  // Exact-sequence accuracy only when a compared run logs it (seq2seq, per-step class tasks).
  const exact = compared.some(({ results }) => results.finalValSequenceAccuracy !== null);
  const header = ['ID', 'NAME', 'STATUS', 'STEPS', 'VAL LOSS', 'BEST VAL LOSS', 'VAL ACC', 'BEST VAL ACC', ...(exact ? ['VAL EXACT'] : []), 'TIME'];
  const rows = compared.map(({ run, results }) => [
    String(run.id),
    truncate(run.name, 40),
    run.status,
    formatSteps(run.step, run.totalSteps),
    formatMetric(results.finalValLoss),
    formatMetric(results.bestValLoss),
    formatAccuracy(results.finalValAccuracy),
    formatAccuracy(results.bestValAccuracy),
    ...(exact ? [formatAccuracy(results.finalValSequenceAccuracy)] : []),
    formatDuration(results.durationMs),
  ]);
  return formatTable(header, rows, header.map((_, i) => i).filter((i) => i === 0 || i >= 3));
}
