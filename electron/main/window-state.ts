// The main window's size and position, remembered between launches in a small JSON file in userData. What is read
// back is validated: a damaged file, a size out of range or a position no display shows any more (a monitor
// unplugged) is refused and the window opens at its default size, centred. Written atomically (a temporary file,
// then a rename), so a crash while saving leaves the old state. Plain functions, unit-tested.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserWindow, Rectangle } from 'electron';
import { z } from 'zod';

export const WINDOW_STATE_FILE = 'window-state.json';
export const WINDOW_SIZE = { width: 1280, height: 820, minWidth: 900, minHeight: 600, maxSide: 16_384 } as const;
/** At least this much of the window's top strip (where its title bar is) must lie on a display to be reachable. */
const VISIBLE_TITLE = { width: 100, height: 24 } as const;

const windowStateSchema = z
  .object({
    x: z.number().int(),
    y: z.number().int(),
    width: z.number().int().min(WINDOW_SIZE.minWidth).max(WINDOW_SIZE.maxSide),
    height: z.number().int().min(WINDOW_SIZE.minHeight).max(WINDOW_SIZE.maxSide),
    maximized: z.boolean(),
  })
  .strict();
export type WindowState = z.infer<typeof windowStateSchema>;

/** The window's layout at start: the remembered one when valid and on a display (`workAreas`), else the default. */
export interface InitialLayout {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized: boolean;
}

export function windowStatePath(userDataDir: string): string {
  return join(userDataDir, WINDOW_STATE_FILE);
}

/** The remembered state in `text` when it is valid and its title bar lies on one of `workAreas`; else null. */
export function parseWindowState(text: string, workAreas: readonly Rectangle[]): WindowState | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = windowStateSchema.safeParse(json);
  if (!parsed.success) return null;
  return workAreas.some((area) => titleVisibleOn(parsed.data, area)) ? parsed.data : null;
}

export function initialLayout(path: string, workAreas: readonly Rectangle[]): InitialLayout {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { width: WINDOW_SIZE.width, height: WINDOW_SIZE.height, maximized: false };
  }
  const state = parseWindowState(text, workAreas);
  return state ?? { width: WINDOW_SIZE.width, height: WINDOW_SIZE.height, maximized: false };
}

export type TrackedWindow = Pick<BrowserWindow, 'getNormalBounds' | 'isMaximized' | 'on'>;

/** The window's state now: its bounds when not maximised (so un-maximising later restores them). */
export function windowStateOf(window: Pick<BrowserWindow, 'getNormalBounds' | 'isMaximized'>): WindowState {
  const bounds = window.getNormalBounds();
  return { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height, maximized: window.isMaximized() };
}

export function saveWindowState(path: string, state: WindowState): void {
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state)}\n`);
  renameSync(temporary, path);
}

/** Saves the window's state when it closes; a failure to write is noted, never fatal. */
export function rememberWindowState(window: TrackedWindow, path: string, notice: (line: string) => void): void {
  window.on('close', () => {
    try {
      saveWindowState(path, windowStateOf(window));
    } catch (error) {
      notice(`could not remember the window's size and position in ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

function titleVisibleOn(state: WindowState, area: Rectangle): boolean {
  const overlapX = Math.min(state.x + state.width, area.x + area.width) - Math.max(state.x, area.x);
  const overlapY = Math.min(state.y + VISIBLE_TITLE.height, area.y + area.height) - Math.max(state.y, area.y);
  return overlapX >= VISIBLE_TITLE.width && overlapY >= VISIBLE_TITLE.height;
}
