// The About panel: SeqLab's version, the database it works on and the runtime, in a native message box (the same
// on every system; Electron's own about panel shows different fields on each). Plain data, unit-tested.
import type { MessageBoxOptions } from 'electron';

export interface AboutInfo {
  name: string;
  version: string;
  databasePath: string;
  /** process.versions: electron, chrome, node. */
  versions: Partial<Record<'electron' | 'chrome' | 'node', string>>;
}

export const ABOUT_BUTTONS = ['OK', 'Show Data Folder'] as const;

export function aboutMessageBox(info: AboutInfo): MessageBoxOptions {
  const runtime = (['electron', 'chrome', 'node'] as const)
    .filter((name) => info.versions[name] !== undefined)
    .map((name) => `${name[0]?.toUpperCase()}${name.slice(1)} ${info.versions[name]}`)
    .join(', ');
  return {
    type: 'info',
    title: `About ${info.name}`,
    message: `${info.name} ${info.version}`,
    detail: `A workbench for recurrent-network sequence experiments.\n\nDatabase: ${info.databasePath}${runtime ? `\n${runtime}` : ''}`,
    buttons: [...ABOUT_BUTTONS],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
}
