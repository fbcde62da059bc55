// What every `seqlab` command receives and returns: its environment and output streams as values (so
// tests run commands in-process), the exit codes scripts rely on, and the error that carries one.

/** Somewhere text goes: process.stdout / process.stderr, or a buffer in tests. */
export interface TextSink {
  write(text: string): unknown;
  /** A terminal: progress is drawn as a bar rather than printed as lines. */
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
}

export interface CliContext {
  readonly env: NodeJS.ProcessEnv;
  /** Base of relative file paths (specs, --db). */
  readonly cwd: string;
  /** Results: tables and summaries, or the one JSON document with --json. */
  readonly stdout: TextSink;
  /** Everything for a person: progress, notes, errors. */
  readonly stderr: TextSink;
  /** Aborted on Ctrl-C or SIGTERM, with the signal's name ('SIGINT' | 'SIGTERM') as the reason. */
  readonly signal: AbortSignal;
  /** Example specs offered as presets (resources/examples), when the entry knows where they are. */
  readonly examplesDir?: string;
  /** The built renderer, for `seqlab serve`. */
  readonly rendererDir?: string;
  /** Runs training at once in this process (default: one per core). */
  readonly concurrency?: number;
}

/** Exit codes, as documented in `seqlab --help`. */
export const EXIT = {
  ok: 0,
  /** A run failed, diverged or was stopped; or an unexpected error. */
  runFailed: 1,
  /** Bad arguments or invalid input: an unreadable or invalid spec, an unknown run. */
  usage: 2,
  /** The database cannot be used (missing, newer, corrupt, not a database, unwritable) or could not be written (a full disk). */
  database: 3,
  /** Ctrl-C: 128 + SIGINT. */
  interrupted: 130,
  /** SIGTERM: 128 + SIGTERM. */
  terminated: 143,
} as const;

export interface IssueLine {
  readonly path: string;
  readonly message: string;
}

/** An expected failure of a command: the message for a person, each offending field, and the exit code. */
export class CliError extends Error {
  override readonly name = 'CliError';

  constructor(
    readonly exitCode: number,
    message: string,
    readonly issues: readonly IssueLine[] = [],
  ) {
    super(message);
  }
}

export function usageError(message: string, usage: string): CliError {
  return new CliError(EXIT.usage, `${message}\nUsage: ${usage}`);
}

/** The exit code for a run interrupted by this signal. */
export function exitCodeForSignal(reason: unknown): number {
  return reason === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted;
}

export function writeLine(sink: TextSink, line = ''): void {
  sink.write(`${line}\n`);
}

/** With --json: the one document on stdout. */
export function writeJson(sink: TextSink, value: unknown): void {
  sink.write(`${JSON.stringify(value, null, 2)}\n`);
}
