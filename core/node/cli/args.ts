// Argument parsing for one command (node:util parseArgs): its own options plus the global ones, a
// number of positionals, and the small value parsers every command shares.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from './context';

type Options = NonNullable<ParseArgsConfig['options']>;

export const GLOBAL_OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

export interface CommandSpec {
  readonly usage: string;
  /** The command's own options; the global ones are added. */
  readonly options: Options;
  readonly positionals: { readonly min: number; readonly max: number };
}

export interface ParsedCommand {
  /** String options by name (undefined when not given). */
  readonly strings: Readonly<Record<string, string | undefined>>;
  /** Boolean options that were given. */
  readonly flags: ReadonlySet<string>;
  readonly positionals: readonly string[];
  readonly db: string | undefined;
  readonly json: boolean;
  /** `--help`: the command prints its usage; positionals are not checked. */
  readonly help: boolean;
}

/** Throws a usage CliError (exit 2) naming the problem. */
export function parseCommand(args: readonly string[], spec: CommandSpec): ParsedCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { ...spec.options, ...GLOBAL_OPTIONS }, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error), spec.usage);
  }
  const { positionals, values } = parsed;
  const help = values.help === true;
  if (!help) {
    if (positionals.length < spec.positionals.min) throw usageError('missing argument', spec.usage);
    if (positionals.length > spec.positionals.max) throw usageError(`unexpected argument "${positionals[spec.positionals.max]}"`, spec.usage);
  }
  const strings = Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const flags = new Set(Object.entries(values).flatMap(([name, value]) => (value === true ? [name] : [])));
  return { strings, flags, positionals, db: strings.db, json: values.json === true, help };
}

/** A run id: a positive whole number. */
export function parseRunId(text: string, usage: string): number {
  const id = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(id) || id < 1) throw usageError(`"${text}" is not a run id (a positive whole number, as \`seqlab list\` shows)`, usage);
  return id;
}

export function parsePositiveInt(text: string, flag: string, usage: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) throw usageError(`${flag} must be a positive whole number, got "${text}"`, usage);
  return value;
}
