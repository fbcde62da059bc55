// `seqlab study list | run NAME | show ID`: the built-in studies, running one (its runs trained in this process as
// one sweep, then its verdict), and a stored study's results — with the report as one HTML file and the raw results
// as CSV. NAME is a built-in study's id or a study definition file (.json).
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { builtinStudies } from '../../common/studies/builtin-studies';
import type { StudyDetail, StudyInfo, StudySummary } from '../../common/api/study-entities';
import { studyInfo } from '../studies/study-info';
import { fmt } from '../../common/studies/study-analysis';
import { parseCommand, parseRunId, type CommandSpec } from './args';
import { databasePathFor, withBackend, type CliApi } from './backend';
import type { QueueTrainer } from '../queue/queue-trainer';
import { QUEUE_OPTION_HELP, showAgents, withQueueBackend } from './queue-backend';
import { CliError, EXIT, exitCodeForSignal, usageError, writeJson, writeLine, type CliContext } from './context';
import { formatTable } from './format';
import { ProgressView } from './progress';
import { readJsonFile } from './read-json-file';
import { resumeHint } from './run-report';
import { RunWatcher } from './run-watcher';

const USAGE =
  'seqlab study list | run NAME [--budget quick|full] [--report FILE] [--csv FILE] [--force] [--queue URL] | show ID [--report FILE] [--csv FILE] [--force] [--db PATH] [--json]';

const SPEC: CommandSpec = {
  usage: USAGE,
  options: { budget: { type: 'string' }, report: { type: 'string' }, csv: { type: 'string' }, force: { type: 'boolean' }, queue: { type: 'string' } },
  positionals: { min: 1, max: 2 },
};

const HELP = `Usage: ${USAGE}

A study is a classic result about training recurrent networks as an experiment that runs, aggregates over
seeds, draws its figures and states a verdict: reproduced, not reproduced or inconclusive, with the numbers.

  list              the built-in studies (question, citation, what each budget runs) and the studies run so far
  run NAME          run a built-in study (its id, from list) or a study definition file (NAME.json): every trial's
                    spec is checked first (a refused trial refuses the study, named); the runs are one sweep under
                    the experiment "Study: <title>", trained here; then the results, the checks and the verdict
  show ID           a study run so far: its progress, results, checks and verdict (inconclusive until every run
                    has finished)

  --budget B        quick (default; minutes) or full (closer to the paper; hours), or another the study defines
  --report FILE     write the report: one self-contained HTML file (figures, tables, verdict, the spec to rerun it)
  --csv FILE        write the raw results, one row per run
  --force           replace a report or CSV file already there (refused otherwise)
${QUEUE_OPTION_HELP}
  --json            print the study (runs, aggregates, checks, verdict, figure data) as JSON on stdout
`;

export async function studyCommand(args: readonly string[], ctx: CliContext): Promise<number> {
  const command = parseCommand(args, SPEC);
  if (command.help) {
    ctx.stdout.write(HELP);
    return EXIT.ok;
  }
  const [action, target] = command.positionals;
  const files = { report: command.strings.report, csv: command.strings.csv, force: command.flags.has('force') };
  if (action === 'list') {
    if (target !== undefined) throw usageError('study list takes no argument', USAGE);
    // The built-in studies need no database; the studies run so far are read from one only when it exists.
    if (!existsSync(databasePathFor(ctx, command.db))) return listStudies({ builtin: builtinStudies().map(studyInfo), studies: [] }, ctx, command.json);
    return withBackend(ctx, command.db, 'existing', async (api) => listStudies(await api.call('studies.list', {}), ctx, command.json));
  }
  if (action === 'show') {
    if (target === undefined) throw usageError('study show needs a study id (see seqlab study list)', USAGE);
    const id = parseRunId(target, USAGE);
    return withBackend(ctx, command.db, 'existing', async (api) => {
      const detail = await api.call('studies.get', { id });
      printStudy(ctx, detail, command.json);
      await writeReports(api, ctx, id, files);
      return EXIT.ok;
    });
  }
  if (action === 'run') {
    if (target === undefined) throw usageError('study run needs a study: a built-in id (see seqlab study list) or a definition file NAME.json', USAGE);
    // Before hours of training, not after: a file already there is refused now.
    for (const file of [files.report, files.csv])
      if (file !== undefined && !files.force && existsSync(resolve(ctx.cwd, file)))
        throw new CliError(EXIT.usage, `${resolve(ctx.cwd, file)} already exists; --force replaces it.`);
    const request = target.toLowerCase().endsWith('.json') ? { definition: readJsonFile(target, ctx.cwd, 'study definition') } : { study: target };
    return withQueueBackend(ctx, command.db, 'creates', command.strings.queue, (api, queue) =>
      runStudy(api, ctx, { ...request, budget: command.strings.budget ?? 'quick' }, files, command.json, command.db, queue),
    );
  }
  throw usageError(`unknown study action "${action ?? ''}"; use list, run or show`, USAGE);
}

function listStudies(list: { builtin: readonly StudyInfo[]; studies: readonly StudySummary[] }, ctx: CliContext, json: boolean): number {
  if (json) {
    writeJson(ctx.stdout, list);
    return EXIT.ok;
  }
  for (const study of list.builtin) {
    writeLine(ctx.stdout, `${study.id} (v${study.version}): ${study.title}`);
    writeLine(ctx.stdout, `  ${study.question}`);
    writeLine(ctx.stdout, `  Reproduces: ${study.citation}`);
    for (const budget of study.budgets) writeLine(ctx.stdout, `  --budget ${budget.name}: ${budget.runs} runs. ${budget.description}`);
    writeLine(ctx.stdout);
  }
  if (list.studies.length === 0) writeLine(ctx.stdout, 'No study has been run on this database yet.');
  else {
    const rows = list.studies.map((s) => [
      String(s.id),
      s.studyKey,
      s.budget,
      `${s.progress.finished}/${s.progress.total}`,
      s.verdict,
      new Date(s.createdAt).toISOString().slice(0, 16).replace('T', ' '),
    ]);
    writeLine(ctx.stdout, formatTable(['ID', 'STUDY', 'BUDGET', 'FINISHED', 'VERDICT', 'STARTED'], rows, [0]));
  }
  return EXIT.ok;
}

async function runStudy(
  api: CliApi,
  ctx: CliContext,
  request: { study?: string; definition?: unknown; budget: string },
  files: ReportFiles,
  json: boolean,
  db: string | undefined,
  queue: QueueTrainer | null,
): Promise<number> {
  const labels = new Map<number, string>();
  const labelOf = (runId: number) => labels.get(runId) ?? `run ${runId}`;
  const view = new ProgressView(ctx.stderr, labelOf);
  showAgents(queue, view, labelOf);
  const watcher = new RunWatcher(api.backend.events, view, ({ runId, status, error }) => {
    if (status !== 'running' && status !== 'queued' && status !== 'paused') view.note(`${labelOf(runId)}: ${status}${error ? ` — ${error}` : ''}`);
  });
  let started: { id: number; sweepId: number; runIds: number[] };
  let aborted = false;
  try {
    started = await api.call('studies.run', request);
    const first = await api.call('studies.get', { id: started.id });
    for (const run of first.runs)
      if (run.runId !== null)
        labels.set(run.runId, `${first.axes.map((a) => `${a.name}=${run.setting[a.name] ?? ''}`).join(' ')} seed=${run.seed} (run ${run.runId})`);
    view.note(`Study ${first.id} "${first.title}" (${first.budget}): ${first.progress.total} runs, sweep ${first.sweepId ?? '—'}`);
    if ((await watcher.waitForEnd(started.runIds, ctx.signal)) === 'aborted') {
      aborted = true;
      view.note('Interrupted: saving checkpoints of the runs in training…');
      await api.interrupt();
    }
  } finally {
    watcher.dispose();
  }
  const detail = await api.call('studies.get', { id: started.id });
  printStudy(ctx, detail, json);
  await writeReports(api, ctx, started.id, files);
  if (aborted) {
    const interrupted = detail.runs.flatMap((run) => (run.status === 'interrupted' && run.runId !== null ? [run.runId] : []));
    ctx.stderr.write(
      `Study ${detail.id} was interrupted: its verdict waits for every run. Continue the interrupted runs with:\n${interrupted.map((runId) => `  ${resumeHint(runId, db)}`).join('\n') || '  (none)'}\n` +
        `Runs not started yet stay queued; SeqLab (the app or \`seqlab serve\`) starts them when it next opens this database. Then: seqlab study show ${detail.id}\n`,
    );
    return exitCodeForSignal(ctx.signal.reason);
  }
  return detail.progress.finished === detail.progress.total ? EXIT.ok : EXIT.runFailed;
}

function printStudy(ctx: CliContext, detail: StudyDetail, json: boolean): void {
  if (json) {
    writeJson(ctx.stdout, { study: detail });
    return;
  }
  const out = (line = '') => writeLine(ctx.stdout, line);
  out(
    `Study ${detail.id}: ${detail.title} (${detail.studyKey} v${detail.version}, budget ${detail.budget}) — ${detail.progress.finished} of ${detail.progress.total} runs finished`,
  );
  out(`Question: ${detail.question}`);
  out(`Reproduces: ${detail.citation}`);
  for (const [id, metric] of Object.entries(detail.metrics)) {
    // The task's baseline is shown only beside values of the series it scores (not a loss baseline beside an accuracy,
    // nor any beside a gradient norm or a time), and whether a run beat it only beside a run's final value.
    const scoredBy = (s: (typeof detail.settings)[number]): boolean => s.baseline !== null && s.baseline.metric === metric.series;
    const withBaseline = metric.kind === 'final' || metric.kind === 'byLength';
    const compared = metric.kind === 'final';
    const rows = detail.settings.flatMap((s) =>
      sampled(s.metrics[id] ?? []).map((p) => [
        detail.axes.map((a) => `${a.name}=${s.setting[a.name] ?? ''}`).join(' '),
        p.x === null ? '' : String(p.x),
        String(p.n),
        p.sd === null ? fmt(p.mean) : `${fmt(p.mean)} ± ${fmt(p.sd)}`,
        fmt(p.min),
        fmt(p.max),
        s.baseline === null || !withBaseline || !scoredBy(s) ? '—' : fmt(s.baseline.value),
        compared && scoredBy(s) ? `${s.beatBaseline.beaten}/${s.beatBaseline.compared}` : '—',
      ]),
    );
    const longest = Math.max(0, ...detail.settings.map((s) => s.metrics[id]?.length ?? 0));
    out();
    out(
      `${metric.label} (mean ± sd over seeds${longest > CURVE_ROWS ? `; ${CURVE_ROWS} of the ${longest} x values of each curve, all of them in --json and the report` : ''}):`,
    );
    out(formatTable(['SETTING', 'X', 'SEEDS', 'MEAN ± SD', 'MIN', 'MAX', 'BASELINE', 'BEAT IT'], rows, [2, 3, 4, 5, 6]));
  }
  out();
  out('Checks:');
  for (const check of detail.checks) out(`  [${check.outcome}] ${check.text}`);
  out();
  out(`Verdict: ${detail.verdict}. ${detail.reason}`);
}

/** Rows of a curve printed per setting: a terminal table of every t of a 100-step profile helps nobody. */
const CURVE_ROWS = 8;

/** At most CURVE_ROWS points, evenly spaced, the first and the last among them. */
function sampled<T>(points: readonly T[]): readonly T[] {
  if (points.length <= CURVE_ROWS) return points;
  const picked = new Set(Array.from({ length: CURVE_ROWS }, (_, i) => Math.round((i * (points.length - 1)) / (CURVE_ROWS - 1))));
  return points.filter((_, i) => picked.has(i));
}

interface ReportFiles {
  readonly report: string | undefined;
  readonly csv: string | undefined;
  readonly force: boolean;
}

async function writeReports(api: CliApi, ctx: CliContext, id: number, files: ReportFiles): Promise<void> {
  if (files.report === undefined && files.csv === undefined) return;
  const report = await api.call('studies.report', { id });
  if (files.report !== undefined) writeReportFile(ctx, files.report, report.html, files.force, 'report');
  if (files.csv !== undefined) writeReportFile(ctx, files.csv, report.csv, files.force, 'CSV');
}

function writeReportFile(ctx: CliContext, file: string, text: string, force: boolean, what: string): void {
  const path = resolve(ctx.cwd, file);
  try {
    writeFileSync(path, text, { encoding: 'utf8', flag: force ? 'w' : 'wx' });
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    if (code === 'EEXIST') throw new CliError(EXIT.usage, `${path} already exists; --force replaces it.`);
    throw new CliError(EXIT.runFailed, `The ${what} could not be written to ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  ctx.stderr.write(`Wrote the ${what} to ${path}\n`);
}
