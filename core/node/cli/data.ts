// `seqlab data import FILE` and `seqlab data list`: register a file as a dataset (streamed, all or nothing;
// a bad file exits 2 with the file, line and column of the problem) and list the registered ones.
import { extname, resolve } from 'node:path';
import type { ImportOptionsInput } from '../../common/data/import/import-options';
import { parseCommand, parsePositiveInt, type CommandSpec, type ParsedCommand } from './args';
import { withBackend } from './backend';
import { EXIT, usageError, writeJson, writeLine, type CliContext } from './context';
import { formatTable, formatTime, truncate } from './format';

const KINDS = ['series', 'text', 'pairs', 'labelled'] as const;
type Kind = (typeof KINDS)[number];

const IMPORT: CommandSpec = {
  usage: 'seqlab data import FILE [--kind series|text|pairs|labelled] [--name NAME] [--window N] [--horizon N] [--columns A,B] [--target COL] [--source COL] [--label COL] [--sequence COL] [--level char|word] [--delimiter C] [--no-header] [--lowercase] [--max-vocabulary N] [--seed N] [--db PATH] [--json]',
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
  --kind K            series (CSV/TSV columns; default), text (.txt/.md default), pairs (source → target,
                      CSV/TSV/JSONL) or labelled (label + sequence, CSV/JSONL)
  --window N          series and text: rows or tokens a run reads (--horizon N: series values forecast)
  --columns A,B       series: input columns (default every numeric one); --target COL the one forecast
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
  throw usageError(sub === undefined ? 'missing subcommand: import or list' : `unknown subcommand "${sub}": import or list`, `${IMPORT.usage}\n       ${LIST.usage}`);
}

async function importCommand(args: readonly string[], ctx: CliContext): Promise<number> {
  const command = parseCommand(args, IMPORT);
  if (command.help) {
    ctx.stdout.write(HELP);
    return EXIT.ok;
  }
  const path = resolve(ctx.cwd, command.positionals[0] as string);
  const options = importOptions(command, path);
  return withBackend(ctx, command.db, async (api) => {
    const unsubscribe = api.backend.events.subscribe((event, payload) => {
      const p = payload as { path: string; pass: number; bytesRead: number; totalBytes: number };
      if (event === 'datasets.importProgress' && p.path === path && p.totalBytes > 1e7) ctx.stderr.write(`pass ${p.pass}: ${Math.round((100 * p.bytesRead) / p.totalBytes)}%\n`);
    });
    try {
      const { dataset, reused } = await api.call('datasets.import', { path, options });
      if (command.json) writeJson(ctx.stdout, { dataset, reused });
      else {
        writeLine(ctx.stdout, `${reused ? 'Already registered as' : 'Registered'} dataset ${dataset.id} "${dataset.name}" (${dataset.kind}): ${dataset.summary}`);
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
  return withBackend(ctx, command.db, async (api) => {
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

/** The flags given, as import options of the kind; which options a kind accepts is checked by the API. */
function importOptions(command: ParsedCommand, path: string): ImportOptionsInput {
  const s = command.strings;
  const kind = kindOf(s.kind, path);
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
    header: command.flags.has('no-header') ? false : undefined,
    lowercase: command.flags.has('lowercase') ? true : undefined,
    maxVocabulary: int('max-vocabulary'),
    seed: s.seed === undefined ? undefined : Number(s.seed),
  };
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as ImportOptionsInput;
}

function kindOf(flag: string | undefined, path: string): Kind {
  if (flag !== undefined) {
    if ((KINDS as readonly string[]).includes(flag)) return flag as Kind;
    throw usageError(`--kind must be one of ${KINDS.join(', ')}, got "${flag}"`, IMPORT.usage);
  }
  const ext = extname(path).toLowerCase();
  if (['.txt', '.md', '.text'].includes(ext)) return 'text';
  if (['.jsonl', '.ndjson', '.json'].includes(ext)) throw usageError(`say what ${path} holds: --kind pairs or --kind labelled`, IMPORT.usage);
  return 'series';
}
