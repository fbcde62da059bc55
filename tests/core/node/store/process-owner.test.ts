import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { currentProcessOwner, isProcessOwnerAlive } from '../../../../core/node/store/process-owner';

describe('process owners', () => {
  it('names this process as host:pid', () => {
    expect(currentProcessOwner()).toBe(`${hostname()}:${process.pid}`);
  });

  it('tells a live process from a finished one on this host', () => {
    expect(isProcessOwnerAlive(`${hostname()}:${process.ppid}`)).toBe(true);
    const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    expect(isProcessOwnerAlive(`${hostname()}:${child.stdout.trim()}`)).toBe(false);
  });

  it('treats its own pid as a gone predecessor, another host as alive, and garbage as gone', () => {
    expect(isProcessOwnerAlive(currentProcessOwner())).toBe(false);
    expect(isProcessOwnerAlive('some-other-machine:1')).toBe(true);
    expect(isProcessOwnerAlive('not an owner')).toBe(false);
  });
});
