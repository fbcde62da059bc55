// Runs `seqlab` in-process (runCli) on a temporary database, capturing stdout, stderr and the exit code.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../../core/node/cli/cli';
import type { TextSink } from '../../../../core/node/cli/context';

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as the one JSON document of --json. */
  json<T = Record<string, unknown>>(): T;
}

export interface RunOptions {
  /** Aborting it plays Ctrl-C (reason 'SIGINT'). */
  signal?: AbortSignal;
  /** Sees every chunk written to stderr, e.g. to press Ctrl-C once training is under way. */
  onStderr?: (text: string) => void;
  tty?: boolean;
}

export function createCliFixture() {
  const dir = mkdtempSync(join(tmpdir(), 'seqlab-cli-'));
  const databasePath = join(dir, 'runs.db');
  return {
    dir,
    databasePath,
    /** Writes a JSON file in the temporary folder and returns its name (relative to the CLI's cwd). */
    writeJson(name: string, value: unknown): string {
      writeFileSync(join(dir, name), JSON.stringify(value, null, 2));
      return name;
    },
    async run(argv: string[], options: RunOptions = {}): Promise<CliOutcome> {
      let stdout = '';
      let stderr = '';
      const out: TextSink = { write: (text: string) => (stdout += text), isTTY: options.tty };
      const err: TextSink = {
        write: (text: string) => {
          stderr += text;
          options.onStderr?.(text);
        },
        isTTY: options.tty,
      };
      const code = await runCli(argv, {
        env: { SEQLAB_DB: databasePath },
        cwd: dir,
        stdout: out,
        stderr: err,
        signal: options.signal ?? new AbortController().signal,
        concurrency: 2,
      });
      return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
    },
    dispose(): void {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type CliFixture = ReturnType<typeof createCliFixture>;

/** A run that trains in well under a second once its worker is up: GRU with 4 hidden units on a short adding problem. */
export function tinySpec(steps = 12, overrides: Record<string, unknown> = {}) {
  return {
    seed: 3,
    task: { id: 'adding-problem', params: { length: 5 } },
    model: { cell: 'gru', hiddenSize: 4 },
    training: { steps, batchSize: 4, evalEvery: 4, evalBatches: 1, checkpointEvery: 4, gradNormsEvery: 0, ...overrides },
  };
}
