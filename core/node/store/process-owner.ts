// Who drives a run: "host:pid" of the process whose runner trains it. Several SeqLab processes may
// share one database (the app, `seqlab serve`, the CLI); at start-up each marks as interrupted only
// the runs whose owner process is gone.
import { hostname } from 'node:os';

export function currentProcessOwner(): string {
  return `${hostname()}:${process.pid}`;
}

/**
 * Whether the process recorded as `owner` still runs. A process on another host cannot be checked, so
 * it counts as alive: its runs are never taken over from here (they recover when that host restarts).
 */
export function isProcessOwnerAlive(owner: string): boolean {
  const match = /^(.*):(\d+)$/.exec(owner);
  if (!match) return false;
  if (match[1] !== hostname()) return true;
  const pid = Number(match[2]);
  if (pid === process.pid) return false; // an earlier process that had our pid: it is gone
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user; ESRCH: no such process.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
