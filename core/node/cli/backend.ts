// The CLI's way into SeqLab: a BackendService on the chosen database, called through the same
// dispatcher and contract as the app, with API refusals turned into CLI errors and exit codes.
import type { ApiCallName, ApiRequest, ApiResponse } from '../../common/api/contract';
import type { Experiment } from '../../common/api/entities';
import { BackendService, type BackendOptions } from '../backend/backend-service';
import { resolveDbPath } from '../store/default-path';
import { StoreOpenError, StoreWriteError } from '../store/errors';
import { CliError, EXIT, type CliContext } from './context';

/**
 * What a command does with the database file. 'creates': it adds the first records of an empty
 * database (train, sweep, data import, serve), so it may create a missing file, and says so. 'existing':
 * it reads what is there, or writes beside records that must already exist (resume, export), so a
 * missing file is a mistyped path: exit 3 naming it, and nothing is created.
 */
export type DatabaseUse = 'creates' | 'existing';

export interface CliApi {
  readonly backend: BackendService;
  readonly databasePath: string;
  call<N extends ApiCallName>(name: N, request: ApiRequest<N>): Promise<ApiResponse<N>>;
  /** Ctrl-C: training runs save a checkpoint and end as `interrupted`; the store stays readable. */
  interrupt(): Promise<void>;
}

export function databasePathFor(ctx: CliContext, dbFlag: string | undefined): string {
  return resolveDbPath({ flag: dbFlag, env: ctx.env, cwd: ctx.cwd });
}

/**
 * Opens the backend, runs `work`, and always closes it (training runs still active end as interrupted).
 * A database that cannot be opened, or written (a full disk), is exit 3 with the store's message.
 */
export async function withBackend<T>(
  ctx: CliContext,
  dbFlag: string | undefined,
  use: DatabaseUse,
  work: (api: CliApi) => Promise<T>,
  extra: Pick<BackendOptions, 'remote'> = {},
): Promise<T> {
  const databasePath = databasePathFor(ctx, dbFlag);
  let backend: BackendService;
  try {
    // Queued runs of the app are left for the app: a CLI command trains only what it starts.
    backend = new BackendService({
      databasePath,
      host: 'cli',
      examplesDir: ctx.examplesDir,
      concurrency: ctx.concurrency,
      startQueuedRuns: false,
      createDatabase: use === 'creates',
      ...extra,
    });
  } catch (error) {
    throw asDatabaseError(error);
  }
  if (backend.store.created) ctx.stderr.write(`Created a new database at ${databasePath}.\n`);
  const api: CliApi = {
    backend,
    databasePath,
    async call(name, request) {
      const result = await backend.dispatcher.dispatch(name, request);
      if (result.ok) return result.value as ApiResponse<typeof name>;
      const { code, message, issues } = result.error;
      const exitCode = code === 'storage' ? EXIT.database : code === 'internal' ? EXIT.runFailed : EXIT.usage;
      throw new CliError(exitCode, message, issues ?? []);
    },
    async interrupt() {
      backend.sweeps.close();
      await backend.runner.shutdown();
    },
  };
  try {
    return await work(api);
  } catch (error) {
    throw asDatabaseError(error);
  } finally {
    await backend.close();
  }
}

/** The store's refusals as exit 3 with their one-line message; anything else unchanged. */
function asDatabaseError(error: unknown): unknown {
  return error instanceof StoreOpenError || error instanceof StoreWriteError ? new CliError(EXIT.database, error.message) : error;
}

/** The experiment with this name (compared like the store does: trimmed, case-insensitive), created if missing. */
export async function ensureExperiment(api: CliApi, name: string): Promise<Experiment> {
  const found = await findExperiment(api, name);
  if (found) return found;
  return api.call('experiments.create', { name });
}

export async function findExperiment(api: CliApi, name: string): Promise<Experiment | undefined> {
  const wanted = name.trim().toLowerCase();
  return (await api.call('experiments.list', {})).find((e) => e.name.trim().toLowerCase() === wanted);
}

/** Like findExperiment, but a missing experiment is a usage error listing the ones there are. */
export async function requireExperiment(api: CliApi, name: string): Promise<Experiment> {
  const experiments = await api.call('experiments.list', {});
  const wanted = name.trim().toLowerCase();
  const found = experiments.find((e) => e.name.trim().toLowerCase() === wanted);
  if (found) return found;
  const names = experiments.map((e) => `"${e.name}"`).sort();
  const known = names.length > 0 ? `; experiments: ${names.join(', ')}` : '; the database has no experiments yet';
  throw new CliError(EXIT.usage, `There is no experiment named "${name}"${known}.`);
}
