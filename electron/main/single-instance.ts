// One SeqLab per user: a second launch hands over to the first (which shows and focuses its window) and quits, so
// two processes never run training on one database. Plain functions over Electron-shaped objects, unit-tested.
import type { App, BrowserWindow } from 'electron';

export type SingleInstanceApp = Pick<App, 'requestSingleInstanceLock' | 'on' | 'quit'>;
export type FocusableWindow = Pick<BrowserWindow, 'isMinimized' | 'restore' | 'show' | 'focus'>;

/**
 * True when this process holds the lock and goes on; false when another SeqLab has it (this one quits, and
 * Electron tells the first, which calls `focusExisting`).
 */
export function claimSingleInstance(app: SingleInstanceApp, focusExisting: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => focusExisting());
  return true;
}

/** Brings `window` to the front: restored if minimised, shown if hidden, focused. */
export function focusWindow(window: FocusableWindow | undefined): void {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
