// Synchronisation of the data-parallel step on one shared Int32Array (protocol.ts CONTROL): a start
// signal from the coordinator, and a reusable generation barrier for all k threads, with a blocking
// wait for workers (Atomics.wait) and a non-blocking one for the coordinator (Atomics.waitAsync),
// whose event loop must stay free to notice a worker that dies.
import { CONTROL } from './protocol';

/** Thrown in a worker waiting at a barrier when the coordinator aborted the step. */
export class BarrierAborted extends Error {
  constructor() {
    super('data-parallel step aborted by the coordinator');
  }
}

// lib ES2023 has no Atomics.waitAsync (ES2024); Node 20 has it.
type WaitAsync = (
  array: Int32Array,
  index: number,
  value: number,
) => { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

export class StepBarrier {
  constructor(
    private readonly control: Int32Array,
    private readonly parties: number,
  ) {}

  /** Coordinator: publishes `command` and wakes the workers waiting in `waitForStart`. */
  release(command: number): void {
    Atomics.store(this.control, CONTROL.command, command);
    Atomics.add(this.control, CONTROL.start, 1);
    Atomics.notify(this.control, CONTROL.start);
  }

  /** Worker: blocks until the start counter moves past `seen`; returns the new value. */
  waitForStart(seen: number): number {
    for (;;) {
      const now = Atomics.load(this.control, CONTROL.start);
      if (now !== seen) return now;
      Atomics.wait(this.control, CONTROL.start, seen);
    }
  }

  command(): number {
    return Atomics.load(this.control, CONTROL.command);
  }

  /** Worker: blocks until all parties have arrived. */
  arrive(): void {
    const generation = this.arriveAndCheck();
    if (generation === null) return;
    while (Atomics.load(this.control, CONTROL.generation) === generation) {
      if (Atomics.load(this.control, CONTROL.abort) !== 0) throw new BarrierAborted();
      Atomics.wait(this.control, CONTROL.generation, generation);
    }
  }

  /** Coordinator: resolves when all parties have arrived; rejects as soon as `failure` does. */
  async arriveAsync(failure: Promise<never>): Promise<void> {
    const generation = this.arriveAndCheck();
    if (generation === null) return;
    while (Atomics.load(this.control, CONTROL.generation) === generation) {
      const wait = waitAsync(this.control, CONTROL.generation, generation);
      if (wait.async) await Promise.race([wait.value, failure]);
    }
  }

  /** Wakes every waiter for good: workers at a barrier throw BarrierAborted. */
  abort(): void {
    Atomics.store(this.control, CONTROL.abort, 1);
    Atomics.add(this.control, CONTROL.generation, 1);
    Atomics.notify(this.control, CONTROL.generation);
  }

  /** Counts this arrival; the last one opens the barrier (returns null), the others get the generation to wait on. */
  private arriveAndCheck(): number | null {
    const generation = Atomics.load(this.control, CONTROL.generation);
    if (Atomics.add(this.control, CONTROL.arrived, 1) === this.parties - 1) {
      Atomics.store(this.control, CONTROL.arrived, 0);
      Atomics.add(this.control, CONTROL.generation, 1);
      Atomics.notify(this.control, CONTROL.generation);
      return null;
    }
    return generation;
  }
}
