// `seqlab data import FILE` and `seqlab data list`: register a file as a dataset (streamed, all or nothing;
// a bad file exits 2 with the file, line and column of the problem), saying what was read and why (the kind, the
// columns, the windows that fit), and list the registered ones.
import { resolve } from 'node:path';
import { IMPORT_KINDS } from '../../common/data/import/import-kinds';
import type { ImportRequestInput } from '../../common/data/import/import-options';
import { reportLines } from '../../common/data/import/import-report';
import { parseCommand, parsePositiveInt, positional, type CommandSpec, type ParsedCommand } from './args';
import { withBackend } from './backend';
import { EXIT, usageError, writeJson, writeLine, type CliContext } from './context';
import { formatTable, formatTime, truncate } from './format';

const IMPORT: CommandSpec = {
  usage:
    'seqlab data import FILE [--kind series|text|pairs|labelled] [--name NAME] [--window N] [--horizon N] [--columns A,B] [--target COL] [--source COL] [--label COL] [--sequence COL] [--level char|word] [--delimiter C] [--decimal .|,] [--no-header] [--lowercase] [--max-vocabulary N] [--seed N] [--db PATH] [--json]',
  options: {
    kind: { type: 'string' },
    name: { type: 'string' },
    window: { type: 'string' },
    horizon: { type: 'string' },
    columns: { type: 'string' },
    target: { type: 'string' },
    source: { type: 'string' },
    label: { type: 'string' },
    sequence: { type: 'string' },
    level: { type: 'string' },
    delimiter: { type: 'string' },
    decimal: { type: 'string' },
    'no-header': { type: 'boolean' },
    lowercase: { type: 'boolean' },
    'max-vocabulary': { type: 'string' },
    seed: { type: 'string' },
  },
  positionals: { min: 1, max: 1 },
};

const LIST: CommandSpec = { usage: 'seqlab data list [--db PATH] [--json]', options: {}, positionals: { min: 0, max: 0 } };

const HELP = `Usage: ${IMPORT.usage}
       ${LIST.usage}

import  reads FILE in one or two streaming passes and registers it as a dataset (with its SHA-256, stats
        and the encoder fitted on it), or refuses it with the file, line and column of the first problem
        (exit 2); nothing is registered half-way. The same content imported the same way is reused.
        It prints what it read and why: the kind, each column's part, the windows that fit every split.
  --kind K            series (CSV/TSV columns), text (plain text), pairs (source → target, CSV/TSV/JSONL)
                      or labelled (label + sequence, CSV/JSONL); left out, detected from the content
                      (a file that could be either is refused, asking for --kind)
  --window N          series and text: the window a run reads by default (a run may set another:
                      task.params.window); --horizon N: series values forecast
  --columns A,B       series: input columns (default every numeric one but an index-like first column:
                      time, t, index, a date or a counter); --target COL the one forecast (default: the last)
  --decimal . or ,    series: the mark before a number's fraction (default: detected; 1,5 in ;-files)
  --source/--target   pairs: the source and target columns or JSON fields
  --label/--sequence  labelled: the label and sequence columns or JSON fields
  --level char|word   text and pairs: tokens are characters or words
  --delimiter C       one character (default: detected); --no-header: the first row is data
  --json              print { dataset, reused } as JSON on stdout
list    the registered datasets, newest first (--json: { datasets: [...] })

Train on a dataset with a spec whose task is { "dataset": ID } (optionally "params": { "window": N }).
`;

export async function dataCommand(args: readonly string[], ctx: CliContext): Promise<number> {
  const [sub, ...rest] = args[0] !== undefined && !args[0].startsWith('-') ? [args[0], ...args.slice(1)] : [undefined, ...args];
  if (sub === 'import') return importCommand(rest, ctx);
  if (sub === 'list') return listCommand(rest, ctx);
  if (sub === undefined && (args.includes('--help') || args.includes('-h'))) {
    ctx.stdout.write(HELP);
    return EXIT.ok;
  }
  throw usageError(
    sub === undefined ? 'missing subcommand: import or list' : `unknown subcommand "${sub}": import or list`,
    `${IMPORT.usage}\n       ${LIST.usage}`,
  );
}

async function importCommand(args: readonly string[], ctx: CliContext): Promise<number> {
  const command = parseCommand(args, IMPORT);
  if (command.help) {
    ctx.stdout.write(HELP);
    return EXIT.ok;
  }
  const path = resolve(ctx.cwd, positional(command, 0, IMPORT.usage));
  const options = importOptions(command);
  return withBackend(ctx, command.db, 'creates', async (api) => {
    const unsubscribe = api.backend.events.subscribe((event, payload) => {
      const p = payload as { path: string; pass: number; bytesRead: number; totalBytes: number };
      if (event === 'datasets.importProgress' && p.path === path && p.totalBytes > 1e7)
        ctx.stderr.write(`pass ${p.pass}: ${Math.round((100 * p.bytesRead) / p.totalBytes)}%\n`);
    });
    try {
      const { dataset, reused, report } = await api.call('datasets.import', { path, options });
      if (command.json) writeJson(ctx.stdout, { dataset, reused, report });
      else {
        writeLine(
          ctx.stdout,
          `${reused ? 'Already registered as' : 'Registered'} dataset ${dataset.id} "${dataset.name}" (${dataset.kind}): ${dataset.summary}`,
        );
        for (const line of reportLines(report)) writeLine(ctx.stdout, line);
        ctx.stderr.write(`Train on it with a spec whose task is { "dataset": ${dataset.id} }.\n`);
      }
      return EXIT.ok;
    } finally {
      unsubscribe();
    }
  });
}

async function listCommand(args: readonly string[], ctx: CliContext): Promise<number> {
  const command = parseCommand(args, LIST);
  if (command.help) {
    ctx.stdout.write(HELP);
    return EXIT.ok;
  }
  return withBackend(ctx, command.db, 'existing', async (api) => {
    const datasets = await api.call('datasets.list', {});
    if (command.json) writeJson(ctx.stdout, { datasets });
    else if (datasets.length === 0) ctx.stderr.write(`No datasets in ${api.databasePath}; \`seqlab data import FILE\` registers one.\n`);
    else {
      const rows = datasets.map((d) => [String(d.id), truncate(d.name, 32), d.kind, truncate(d.summary, 60), formatTime(d.createdAt)]);
      writeLine(ctx.stdout, formatTable(['ID', 'NAME', 'KIND', 'CONTENT', 'IMPORTED'], rows, [0]));
    }
    return EXIT.ok;
  });
}

/** The flags given, as import options (the kind left out to be detected); which options a kind accepts is checked by the API. */
function importOptions(command: ParsedCommand): ImportRequestInput {
  const s = command.strings;
  const kind = kindOf(s.kind);
  const int = (flag: string): number | undefined => (s[flag] === undefined ? undefined : parsePositiveInt(s[flag], `--${flag}`, IMPORT.usage));
  const options: Record<string, unknown> = {
    kind,
    name: s.name,
    window: int('window'),
    horizon: int('horizon'),
    columns: s.columns?.split(',').map((c) => c.trim()),
    target: s.target,
    source: s.source,
    label: s.label,
    sequence: s.sequence,
    level: s.level,
    delimiter: s.delimiter === '\\t' ? '\t' : s.delimiter,
    decimal: s.decimal,
    header: command.flags.has('no-header') ? false : undefined,
    lowercase: command.flags.has('lowercase') ? true : undefined,
    maxVocabulary: int('max-vocabulary'),
    seed: s.seed === undefined ? undefined : Number(s.seed),
  };
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as ImportRequestInput;
}

/** The kind asked for, or undefined: the import detects it from the content and says what it saw. */
function kindOf(flag: string | undefined): (typeof IMPORT_KINDS)[number] | undefined {
  if (flag === undefined) return undefined;
  const kind = IMPORT_KINDS.find((k) => k === flag);
  if (kind === undefined) throw usageError(`--kind must be one of ${IMPORT_KINDS.join(', ')}, got "${flag}"`, IMPORT.usage);
  return kind;
}
