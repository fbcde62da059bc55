// Argument parsing for one command (node:util parseArgs): its own options plus the global ones, a
// number of positionals, and the small value parsers every command shares — number options checked
// against the API's own schema for the field, so their limits are written once (in the contract).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
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

/** `-1`, `-0.5`, `-.5`, `-1e-3`: a value, not an option. */
const NEGATIVE_NUMBER = /^-(\d|\.\d)/;

/**
 * `--x -1` as `--x=-1` for options that take a value (parseArgs would read `-1` as an option and refuse
 * it as ambiguous), so negative numbers can be written like any other value.
 */
function joinNegativeValues(args: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === undefined) break;
    const next = args[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : null;
    if (name !== null && !name.includes('=') && options[name]?.type === 'string' && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** Throws a usage CliError (exit 2) naming the problem. */
export function parseCommand(args: readonly string[], spec: CommandSpec): ParsedCommand {
  let parsed;
  const options = { ...spec.options, ...GLOBAL_OPTIONS };
  try {
    parsed = parseArgs({ args: joinNegativeValues(args, options), options, allowPositionals: true, strict: true });
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

/** Positional argument `index`; parseCommand checked their count, so a missing one (under --help) is the same usage error. */
export function positional(command: ParsedCommand, index: number, usage: string): string {
  const value = command.positionals[index];
  if (value === undefined) throw usageError('missing argument', usage);
  return value;
}

/** A run id: a positive whole number. */
export function parseRunId(text: string, usage: string): number {
  const id = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(id) || id < 1)
    throw usageError(`"${text}" is not a run id (a positive whole number, as \`seqlab list\` shows)`, usage);
  return id;
}

export function parsePositiveInt(text: string, flag: string, usage: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) throw usageError(`${flag} must be a positive whole number, got "${text}"`, usage);
  return value;
}

/** The number schema inside an API field's `.optional()` / `.default()`, with the default when there is one. */
function numberField(schema: z.ZodType): { number: z.ZodNumber; defaultValue: unknown } {
  let inner: z.ZodType = schema;
  let defaultValue: unknown;
  for (;;) {
    const def = inner.def as { type: string; innerType?: z.ZodType; defaultValue?: unknown };
    if (def.type === 'default') defaultValue = def.defaultValue;
    if ((def.type === 'default' || def.type === 'optional') && def.innerType !== undefined) inner = def.innerType;
    else break;
  }
  if (inner.def.type !== 'number') throw new Error(`numberField: the schema is ${inner.def.type}, not a number`);
  return { number: inner as z.ZodNumber, defaultValue };
}

/** Whether a zod bound is a real limit (zod reports ±MAX_SAFE_INTEGER for whole numbers without one). */
const bounded = (x: number | null): x is number => x !== null && Number.isFinite(x) && Math.abs(x) < Number.MAX_SAFE_INTEGER;

/**
 * The allowed values of an API number field for --help, read from its schema: "1–10000, default 200",
 * "whole number ≥ 1", "0–10, default 1".
 */
export function describeNumberOption(schema: z.ZodType): string {
  const { number, defaultValue } = numberField(schema);
  const min = number.minValue,
    max = number.maxValue;
  const range = bounded(min) && bounded(max) ? `${min}–${max}` : bounded(min) ? `≥ ${min}` : bounded(max) ? `≤ ${max}` : 'any number';
  const kind = number.isInt && !(bounded(min) && bounded(max)) ? `whole number ${range}` : range;
  return defaultValue === undefined ? kind : `${kind}, default ${String(defaultValue)}`;
}

/**
 * A number option, checked against the API's schema for its field; a refusal is a usage error in the CLI's
 * words: "option --temperature: must be ≥ 0 (got -1)".
 */
export function parseNumberOption(text: string, option: string, schema: z.ZodType, usage: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw usageError(`option ${option}: must be a number (got "${text}")`, usage);
  const { number } = numberField(schema);
  const checked = number.safeParse(value);
  if (checked.success) return checked.data;
  const issue = checked.error.issues[0];
  throw usageError(`option ${option}: ${issue === undefined ? 'is not allowed' : issueWording(issue)} (got ${text})`, usage);
}

/** A zod issue about a number in the CLI's words. */
function issueWording(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small') return `must be ${issue.inclusive === false ? '>' : '≥'} ${String(issue.minimum)}`;
  if (issue.code === 'too_big') return `must be ${issue.inclusive === false ? '<' : '≤'} ${String(issue.maximum)}`;
  if (issue.code === 'invalid_type' && issue.expected === 'int') return 'must be a whole number';
  return issue.message;
}
