// Where the database lives: `--db PATH`, else SEQLAB_DB, else seqlab.db in the per-user app-data
// folder, the same folder Electron's app.getPath('userData') gives an app named "SeqLab".

import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export const APP_NAME = 'SeqLab';
export const DB_FILE_NAME = 'seqlab.db';
export const DB_ENV_VAR = 'SEQLAB_DB';

export interface DbPathInputs {
  /** Value of the `--db` command-line flag, if given (undefined: not given). */
  flag?: string | undefined;
  env?: NodeJS.ProcessEnv | undefined;
  platform?: NodeJS.Platform | undefined;
  homeDir?: string | undefined;
  /** Base for a relative --db or SEQLAB_DB. */
  cwd?: string | undefined;
}

/**
 * The database path to use. Pure given its inputs; omitted inputs default to this process's
 * environment, platform, home folder and working directory. Empty values count as absent.
 */
export function resolveDbPath(inputs: DbPathInputs = {}): string {
  const env = inputs.env ?? process.env;
  const platform = inputs.platform ?? process.platform;
  const path = platform === 'win32' ? win32 : posix;
  const chosen = nonEmpty(inputs.flag) ?? nonEmpty(env[DB_ENV_VAR]);
  if (chosen !== undefined) return path.resolve(inputs.cwd ?? process.cwd(), chosen);
  return defaultDbPath({ env, platform, homeDir: inputs.homeDir });
}

/** `<userData>/seqlab.db`. */
export function defaultDbPath(inputs: Omit<DbPathInputs, 'flag' | 'cwd'> = {}): string {
  const platform = inputs.platform ?? process.platform;
  const path = platform === 'win32' ? win32 : posix;
  return path.join(userDataDir(inputs), DB_FILE_NAME);
}

/**
 * Electron's userData for this app: appData + app name, where appData is %APPDATA% on Windows,
 * ~/Library/Application Support on macOS, and $XDG_CONFIG_HOME or ~/.config elsewhere
 * (https://www.electronjs.org/docs/latest/api/app#appgetpathname).
 */
export function userDataDir(inputs: Omit<DbPathInputs, 'flag' | 'cwd'> = {}): string {
  const env = inputs.env ?? process.env;
  const platform = inputs.platform ?? process.platform;
  const home = inputs.homeDir ?? homedir();
  switch (platform) {
    case 'win32':
      return win32.join(nonEmpty(env.APPDATA) ?? win32.join(home, 'AppData', 'Roaming'), APP_NAME);
    case 'darwin':
      return posix.join(home, 'Library', 'Application Support', APP_NAME);
    default: {
      // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
      const xdg = nonEmpty(env.XDG_CONFIG_HOME);
      const configHome = xdg !== undefined && posix.isAbsolute(xdg) ? xdg : posix.join(home, '.config');
      return posix.join(configHome, APP_NAME);
    }
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
