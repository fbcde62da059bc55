// Database path resolution: --db, then SEQLAB_DB, then Electron's userData folder on each platform.

import { describe, expect, test } from 'vitest';
import { defaultDbPath, resolveDbPath } from '../../../../core/node/store/default-path';

describe('defaultDbPath matches Electron userData for "SeqLab"', () => {
  test('Linux: $XDG_CONFIG_HOME, else ~/.config; a relative XDG_CONFIG_HOME is ignored', () => {
    const homeDir = '/home/ada';
    expect(defaultDbPath({ platform: 'linux', env: {}, homeDir })).toBe('/home/ada/.config/SeqLab/seqlab.db');
    expect(defaultDbPath({ platform: 'linux', env: { XDG_CONFIG_HOME: '/xdg' }, homeDir })).toBe('/xdg/SeqLab/seqlab.db');
    expect(defaultDbPath({ platform: 'linux', env: { XDG_CONFIG_HOME: 'rel' }, homeDir })).toBe('/home/ada/.config/SeqLab/seqlab.db');
  });

  test('macOS: ~/Library/Application Support', () => {
    expect(defaultDbPath({ platform: 'darwin', env: { XDG_CONFIG_HOME: '/ignored' }, homeDir: '/Users/ada' })).toBe(
      '/Users/ada/Library/Application Support/SeqLab/seqlab.db',
    );
  });

  test('Windows: %APPDATA%, else <home>\\AppData\\Roaming', () => {
    expect(defaultDbPath({ platform: 'win32', env: { APPDATA: 'C:\\Users\\Ada\\AppData\\Roaming' }, homeDir: 'C:\\Users\\Ada' })).toBe(
      'C:\\Users\\Ada\\AppData\\Roaming\\SeqLab\\seqlab.db',
    );
    expect(defaultDbPath({ platform: 'win32', env: {}, homeDir: 'C:\\Users\\Ada' })).toBe('C:\\Users\\Ada\\AppData\\Roaming\\SeqLab\\seqlab.db');
  });
});

describe('resolveDbPath', () => {
  const base = { platform: 'linux' as const, homeDir: '/home/ada', cwd: '/work' };

  test('--db wins over SEQLAB_DB, which wins over the default', () => {
    const env = { SEQLAB_DB: '/env/lab.db' };
    expect(resolveDbPath({ ...base, env, flag: '/flag/lab.db' })).toBe('/flag/lab.db');
    expect(resolveDbPath({ ...base, env })).toBe('/env/lab.db');
    expect(resolveDbPath({ ...base, env: {} })).toBe('/home/ada/.config/SeqLab/seqlab.db');
  });

  test('relative paths resolve against cwd; empty values count as absent', () => {
    expect(resolveDbPath({ ...base, env: {}, flag: 'runs/lab.db' })).toBe('/work/runs/lab.db');
    expect(resolveDbPath({ ...base, env: { SEQLAB_DB: '../lab.db' } })).toBe('/lab.db');
    expect(resolveDbPath({ ...base, env: { SEQLAB_DB: ' ' }, flag: '' })).toBe('/home/ada/.config/SeqLab/seqlab.db');
  });

  test('Windows paths resolve with Windows rules on any host', () => {
    expect(resolveDbPath({ platform: 'win32', env: {}, cwd: 'D:\\work', flag: 'lab.db', homeDir: 'C:\\Users\\Ada' })).toBe('D:\\work\\lab.db');
    expect(resolveDbPath({ platform: 'win32', env: { SEQLAB_DB: 'E:\\db\\x.db' }, homeDir: 'C:\\Users\\Ada' })).toBe('E:\\db\\x.db');
  });
});
