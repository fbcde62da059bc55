// At most `limit` tasks at a time, the rest waiting in the order they came: keeps a burst of API calls from
// starting a worker thread (each with its own heap) per call on a machine with a few cores.
export class Limiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!(Number.isInteger(limit) && limit >= 1)) throw new Error(`Limiter: limit must be an integer >= 1, got ${limit}`);
  }

  /** Tasks started and not yet settled. */
  get active(): number {
    return this.running;
  }

  /** Runs `task` once a slot is free; the slot is released however the task ends. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next)
        next(); // the slot passes straight to the next waiter
      else this.running--;
    }
  }
}
