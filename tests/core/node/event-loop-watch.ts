// Test helper: how busy this (the main) thread's event loop was while some work ran — a 5 ms timer's ticks and
// its longest gap, and Node's event-loop utilisation — to prove heavy work happened in a worker instead.
import { performance } from 'node:perf_hooks';

export interface EventLoopWatch<T> {
  readonly value: T;
  readonly ticks: number;
  readonly worstGapMs: number;
  /** 0 idle … 1 busy throughout. */
  readonly utilization: number;
  readonly ms: number;
}

export async function watchEventLoop<T>(work: () => Promise<T>): Promise<EventLoopWatch<T>> {
  const before = performance.eventLoopUtilization();
  const start = performance.now();
  let last = start;
  let worstGapMs = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worstGapMs = Math.max(worstGapMs, now - last);
    last = now;
    ticks++;
  }, 5);
  try {
    const value = await work();
    return { value, ticks, worstGapMs, utilization: performance.eventLoopUtilization(before).utilization, ms: performance.now() - start };
  } finally {
    clearInterval(timer);
  }
}
