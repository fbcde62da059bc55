// One SeqLab per user: the second launch quits and the first shows its window, restored and focused.
import { describe, expect, it } from 'vitest';
import { claimSingleInstance, focusWindow, type FocusableWindow, type SingleInstanceApp } from '../../../electron/main/single-instance';

function fakeApp(gotLock: boolean) {
  const listeners = new Map<string, () => void>();
  const calls: string[] = [];
  const app = {
    requestSingleInstanceLock: () => gotLock,
    on: (event: string, listener: () => void) => listeners.set(event, listener),
    quit: () => calls.push('quit'),
  } as unknown as SingleInstanceApp;
  return { app, listeners, calls };
}

function fakeWindow(minimized: boolean) {
  const calls: string[] = [];
  const window: FocusableWindow = {
    isMinimized: () => minimized,
    restore: () => void calls.push('restore'),
    show: () => void calls.push('show'),
    focus: () => void calls.push('focus'),
  };
  return { window, calls };
}

describe('single instance', () => {
  it('the first launch keeps the lock and focuses its window when a second launch starts', () => {
    const first = fakeApp(true);
    const focused: string[] = [];
    expect(claimSingleInstance(first.app, () => focused.push('focus'))).toBe(true);
    expect(first.calls).toEqual([]);
    first.listeners.get('second-instance')?.();
    expect(focused).toEqual(['focus']);
  });

  it('a second launch quits without opening anything', () => {
    const second = fakeApp(false);
    expect(claimSingleInstance(second.app, () => undefined)).toBe(false);
    expect(second.calls).toEqual(['quit']);
    expect(second.listeners.has('second-instance')).toBe(false);
  });

  it('brings the window back: restored when minimised, shown and focused', () => {
    const minimised = fakeWindow(true);
    focusWindow(minimised.window);
    expect(minimised.calls).toEqual(['restore', 'show', 'focus']);
    const behind = fakeWindow(false);
    focusWindow(behind.window);
    expect(behind.calls).toEqual(['show', 'focus']);
    expect(() => focusWindow(undefined)).not.toThrow();
  });
});
