// Spreads chart redraws over animation frames: every chart that has new points redraws, but one per frame, so a
// burst of updates to five charts is five short frames rather than one long task that stalls the page.

export interface FrameQueue {
  /** Runs `work` in a coming frame, one owner per frame in the order they asked; a newer `work` of the same owner replaces its older one and queues again. */
  inComingFrame(owner: object, work: () => void): void;
  /** Forgets an owner's waiting work (a chart disposed before its turn). */
  forget(owner: object): void;
}

/** A queue over `requestFrame` (the page's requestAnimationFrame; tests step frames by hand). */
export function createFrameQueue(requestFrame: (run: () => void) => void): FrameQueue {
  const queue = new Map<object, () => void>();
  let requested = false;
  function runOne(): void {
    requested = false;
    const next = queue.entries().next();
    if (next.done) return;
    const [owner, work] = next.value;
    queue.delete(owner);
    work();
    if (queue.size > 0) request();
  }
  function request(): void {
    if (requested) return;
    requested = true;
    requestFrame(runOne);
  }
  return {
    inComingFrame(owner, work) {
      queue.delete(owner);
      queue.set(owner, work);
      request();
    },
    forget(owner) {
      queue.delete(owner);
    },
  };
}
