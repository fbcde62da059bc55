// The application menu's template for each system: the items a person looks for, the shortcuts (CmdOrCtrl, so Cmd on
// macOS), the macOS app menu, and that each item reaches its handler (the page's actions by name).
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { MENU_ACTIONS, type MenuAction } from '../../../core/common/api/desktop-bridge';
import { appMenuTemplate } from '../../../electron/main/app-menu';

function build(platform: NodeJS.Platform, isPackaged = true) {
  const sent: MenuAction[] = [];
  const calls: string[] = [];
  const template = appMenuTemplate(
    { platform, appName: 'SeqLab', isPackaged },
    { send: (action) => sent.push(action), about: () => calls.push('about'), openDataFolder: () => calls.push('data folder') },
  );
  return { template, sent, calls };
}

const submenu = (item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] => {
  if (!Array.isArray(item?.submenu)) throw new Error(`${item?.label ?? '(missing)'} has no submenu`);
  return item.submenu;
};
const menu = (template: MenuItemConstructorOptions[], label: string) => submenu(template.find((item) => item.label === label));
const item = (items: MenuItemConstructorOptions[], label: string) => {
  const found = items.find((candidate) => candidate.label === label);
  if (!found) throw new Error(`no item ${label} in ${items.map((i) => i.label ?? i.role ?? i.type).join(', ')}`);
  return found;
};
const click = (entry: MenuItemConstructorOptions) => (entry.click as () => void)();

describe('application menu', () => {
  it('has File, Edit, View, Window and Help on Windows and Linux, and the app menu first on macOS', () => {
    for (const platform of ['win32', 'linux'] as const)
      expect(build(platform).template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    const mac = build('darwin').template;
    expect(mac.map((m) => m.label)).toEqual(['SeqLab', 'File', 'Edit', 'View', 'Window', 'Help']);
    expect(submenu(mac[0]).map((i) => i.role ?? i.label ?? i.type)).toEqual([
      'About SeqLab',
      'separator',
      'services',
      'separator',
      'hide',
      'hideOthers',
      'unhide',
      'separator',
      'quit',
    ]);
  });

  it('File holds New Experiment, Import Data…, Open Spec… and Export… with CmdOrCtrl shortcuts, each sent to the page', () => {
    const { template, sent } = build('linux');
    const file = menu(template, 'File');
    const expected: [string, string, MenuAction][] = [
      ['New Experiment', 'CmdOrCtrl+N', 'new-experiment'],
      ['Import Data…', 'CmdOrCtrl+I', 'import-data'],
      ['Open Spec…', 'CmdOrCtrl+O', 'open-spec'],
      ['Export…', 'CmdOrCtrl+E', 'export'],
    ];
    for (const [label, accelerator] of expected) expect(item(file, label).accelerator).toBe(accelerator);
    for (const [label] of expected) click(item(file, label));
    expect(sent).toEqual(expected.map(([, , action]) => action));
    // File ends with Exit elsewhere, with Close on macOS (Quit is in its app menu)
    expect(file.at(-1)).toEqual({ role: 'quit', label: 'Exit' });
    expect(menu(build('darwin').template, 'File').at(-1)).toEqual({ role: 'close' });
  });

  it('every shortcut is CmdOrCtrl-based and none is used twice', () => {
    const accelerators = build('darwin')
      .template.flatMap((m) => submenu(m))
      .flatMap((i) => (i.accelerator === undefined ? [] : [String(i.accelerator)]));
    expect(accelerators.length).toBeGreaterThanOrEqual(5);
    for (const accelerator of accelerators) expect(accelerator).toMatch(/^CmdOrCtrl\+/);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('View zooms and toggles dark mode; developer tools only while developing', () => {
    const { template, sent } = build('win32');
    const view = menu(template, 'View');
    expect(view.map((i) => i.role).filter(Boolean)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    click(item(view, 'Toggle Dark Mode'));
    expect(sent).toEqual(['toggle-dark-mode']);
    expect(menu(build('win32', false).template, 'View').map((i) => i.role)).toContain('toggleDevTools');
  });

  it('Help shows About (in the app menu on macOS) and the data folder', () => {
    const { template, calls } = build('linux');
    const help = menu(template, 'Help');
    click(item(help, 'About SeqLab'));
    click(item(help, 'Show Data Folder'));
    expect(calls).toEqual(['about', 'data folder']);
    expect(menu(build('darwin').template, 'Help').map((i) => i.label)).toEqual(['Show Data Folder']);
  });

  it('sends only actions the page knows', () => {
    const { template, sent } = build('darwin');
    for (const entry of template.flatMap((m) => submenu(m))) if (entry.click) click(entry);
    for (const action of sent) expect(MENU_ACTIONS).toContain(action);
    expect(new Set(sent)).toEqual(new Set(MENU_ACTIONS));
  });
});
