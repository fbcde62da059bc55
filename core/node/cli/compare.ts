// `seqlab compare RUN…`: runs side by side — final and best validation loss and accuracy, the task's baseline and
// whether each run beat it, steps, time; a sweep trial named by the values it varied.
import type { RunResults, RunSummary } from '../../common/api/entities';
import { runLabel } from '../../common/runs/trial-label';
import { parseCommand, parseRunId, type CommandSpec } from './args';
import { withBackend } from './backend';
import { EXIT, writeJson, writeLine, type CliContext } from './context';
import { summaryOf } from './follow-run';
import { formatAccuracy, formatDuration, formatMetric, formatSteps, formatTable } from './format';
import { fetchRunResults, formatBeaten } from './run-report';

const SPEC: CommandSpec = { usage: 'seqlab compare RUN... [--db PATH] [--json]', options: {}, positionals: { min: 1, max: 1000 } };

const HELP = `Usage: ${SPEC.usage}

Compares runs in a table: name (a sweep trial's: its sweep and the values it varied), status, steps, final and
best validation loss, final and best validation accuracy, exact-sequence accuracy and perplexity when logged, the
task's trivial baseline (value and metric) and whether the run's last value of that metric beat it (by the
metric's direction), and training time. Columns a run has not logged show —.
  --json   print { runs: [{ run, results }] } as JSON on stdout
`;

export async function compareCommand(args: readonly string[], ctx: CliContext): Promise<number> {
  const command = parseCommand(args, SPEC);
  if (command.help) {
    ctx.stdout.write(HELP);
    return EXIT.ok;
  }
  const ids = command.positionals.map((text) => parseRunId(text, SPEC.usage));
  return withBackend(ctx, command.db, 'existing', async (api) => {
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
  // Exact-sequence accuracy and perplexity only when a compared run logs them (seq2seq / per-step classes, language models).
  const exact = compared.some(({ results }) => results.finalValSequenceAccuracy !== null);
  const perplexity = compared.some(({ results }) => results.finalValPerplexity !== null);
  const header = [
    'ID',
    'STATUS',
    'STEPS',
    'VAL LOSS',
    'BEST VAL LOSS',
    'VAL ACC',
    'BEST VAL ACC',
    ...(exact ? ['VAL EXACT'] : []),
    ...(perplexity ? ['PERPLEXITY'] : []),
    'BASELINE',
    'VS BASELINE',
    'TIME',
    'NAME',
  ];
  const rows = compared.map(({ run, results }) => [
    String(run.id),
    run.status,
    formatSteps(run.step, run.totalSteps),
    formatMetric(results.finalValLoss),
    formatMetric(results.bestValLoss),
    formatAccuracy(results.finalValAccuracy),
    formatAccuracy(results.bestValAccuracy),
    ...(exact ? [formatAccuracy(results.finalValSequenceAccuracy)] : []),
    ...(perplexity ? [formatMetric(results.finalValPerplexity)] : []),
    results.baseline === null ? '—' : `${formatMetric(results.baseline.value)} ${results.baseline.metric}`,
    formatBeaten(results.baseline),
    formatDuration(results.durationMs),
    runLabel(run, results),
  ]);
  const numeric = new Set(['ID', 'STEPS', 'VAL LOSS', 'BEST VAL LOSS', 'VAL ACC', 'BEST VAL ACC', 'VAL EXACT', 'PERPLEXITY', 'TIME']);
  return formatTable(
    header,
    rows,
    header.map((name, i) => (numeric.has(name) ? i : -1)).filter((i) => i >= 0),
  );
}
