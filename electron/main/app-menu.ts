// The application menu as a template (Menu.buildFromTemplate takes it): File, Edit, View, Window, Help, and on macOS
// the app's own menu first. Shortcuts use CmdOrCtrl, so Cmd on macOS and Ctrl elsewhere. Items the page carries out
// are sent to it as MenuActions; the rest are Electron roles or main-process handlers. Plain data, unit-tested.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuAction } from '../../core/common/api/desktop-bridge';

export interface MenuHandlers {
  /** Sends an action to the focused window's page. */
  send(action: MenuAction): void;
  /** The About panel (version and database path). */
  about(): void;
  /** Opens the folder holding the database, exports and uploads. */
  openDataFolder(): void;
}

export interface MenuContext {
  platform: NodeJS.Platform;
  appName: string;
  /** Developer tools and reload only while developing (not in a packaged app). */
  isPackaged: boolean;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

export function appMenuTemplate(context: MenuContext, handlers: MenuHandlers): MenuItemConstructorOptions[] {
  const mac = context.platform === 'darwin';
  const action = (label: string, accelerator: string | undefined, sent: MenuAction): MenuItemConstructorOptions => ({
    label,
    ...(accelerator === undefined ? {} : { accelerator }),
    click: () => handlers.send(sent),
  });
  const aboutItem: MenuItemConstructorOptions = { label: `About ${context.appName}`, click: () => handlers.about() };

  const appMenu: MenuItemConstructorOptions = {
    label: context.appName,
    submenu: [aboutItem, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }],
  };
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      action('New Experiment', 'CmdOrCtrl+N', 'new-experiment'),
      action('Import Data…', 'CmdOrCtrl+I', 'import-data'),
      action('Open Spec…', 'CmdOrCtrl+O', 'open-spec'),
      action('Export…', 'CmdOrCtrl+E', 'export'),
      separator,
      // macOS closes the window from File and quits from the app menu; elsewhere File ends with Exit.
      mac ? { role: 'close' } : { role: 'quit', label: 'Exit' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...(context.isPackaged ? [] : [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const, separator]),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      action('Toggle Dark Mode', 'CmdOrCtrl+Shift+D', 'toggle-dark-mode'),
      { role: 'togglefullscreen' },
    ],
  };
  const window: MenuItemConstructorOptions = {
    label: 'Window',
    role: 'windowMenu',
    submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
  };
  const help: MenuItemConstructorOptions = {
    label: 'Help',
    role: 'help',
    submenu: [...(mac ? [] : [aboutItem, separator]), { label: 'Show Data Folder', click: () => handlers.openDataFolder() }],
  };
  return [...(mac ? [appMenu] : []), file, edit, view, window, help];
}
