// The window's size and position between launches: remembered in a real JSON file, read back only when valid and on
// a display; anything else opens the default window.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initialLayout, parseWindowState, rememberWindowState, WINDOW_SIZE, windowStatePath, type TrackedWindow } from '../../../electron/main/window-state';

const LAPTOP = { x: 0, y: 0, width: 1920, height: 1080 };
const RIGHT_MONITOR = { x: 1920, y: 0, width: 2560, height: 1440 };
const DEFAULT = { width: WINDOW_SIZE.width, height: WINDOW_SIZE.height, maximized: false };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'seqlab-userdata-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const state = (overrides: Record<string, unknown> = {}) => JSON.stringify({ x: 100, y: 80, width: 1200, height: 800, maximized: false, ...overrides });

describe('window state', () => {
  it('is saved on close and restored at the next launch', () => {
    const path = windowStatePath(dir);
    const listeners = new Map<string, () => void>();
    const window = {
      getNormalBounds: () => ({ x: 2000, y: 40, width: 1400, height: 900 }),
      isMaximized: () => true,
      on: (event: string, listener: () => void) => listeners.set(event, listener),
    } as unknown as TrackedWindow;
    rememberWindowState(window, path, () => undefined);
    listeners.get('close')?.();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ x: 2000, y: 40, width: 1400, height: 900, maximized: true });
    expect(initialLayout(path, [LAPTOP, RIGHT_MONITOR])).toEqual({ x: 2000, y: 40, width: 1400, height: 900, maximized: true });
  });

  it('opens the default window when the file is missing, damaged or out of range', () => {
    const path = windowStatePath(dir);
    expect(initialLayout(path, [LAPTOP])).toEqual(DEFAULT);
    for (const text of ['{"x": 1', state({ width: 10 }), state({ height: 99_999 }), state({ x: 1.5 }), state({ extra: true }), '[]']) {
      writeFileSync(path, text);
      expect(initialLayout(path, [LAPTOP]), text).toEqual(DEFAULT);
    }
  });

  it('refuses a position no display shows any more (a monitor unplugged), or whose title bar is off-screen', () => {
    const onRightMonitor = state({ x: 2200, y: 100 });
    expect(parseWindowState(onRightMonitor, [LAPTOP, RIGHT_MONITOR])).not.toBeNull();
    expect(parseWindowState(onRightMonitor, [LAPTOP])).toBeNull();
    // title bar above the top of the screen: the window could not be dragged back
    expect(parseWindowState(state({ y: -500 }), [LAPTOP])).toBeNull();
    // only 50 px of its width on screen at the left edge
    expect(parseWindowState(state({ x: -1150 }), [LAPTOP])).toBeNull();
    expect(parseWindowState(state({ x: -1000 }), [LAPTOP])).not.toBeNull();
  });

  it('notes a state it cannot write, and goes on', () => {
    const notices: string[] = [];
    const listeners = new Map<string, () => void>();
    const window = {
      getNormalBounds: () => ({ x: 0, y: 0, width: 1000, height: 700 }),
      isMaximized: () => false,
      on: (event: string, listener: () => void) => listeners.set(event, listener),
    } as unknown as TrackedWindow;
    rememberWindowState(window, join(dir, 'missing-folder', 'window-state.json'), (line) => notices.push(line));
    expect(() => listeners.get('close')?.()).not.toThrow();
    expect(notices).toEqual([expect.stringContaining("could not remember the window's size and position")]);
  });
});
