// Spreads chart redraws over animation frames: every chart that has new points redraws, but one per frame, so a
// burst of updates to five charts is five short frames rather than one long task that stalls the page.

const queue = new Map<object, () => void>();
let frame: number | null = null;

function runOne(): void {
  frame = null;
  const next = queue.entries().next();
  if (next.done) return;
  const [owner, work] = next.value;
  queue.delete(owner);
  work();
  if (queue.size > 0) frame = requestAnimationFrame(runOne);
}

/** Runs `work` in a coming frame, one owner per frame in the order they asked; a newer `work` of the same owner replaces its older one and queues again. */
export function inComingFrame(owner: object, work: () => void): void {
  queue.delete(owner);
  queue.set(owner, work);
  frame ??= requestAnimationFrame(runOne);
}

/** Forgets an owner's waiting work (a chart disposed before its turn). */
export function forgetFrameWork(owner: object): void {
  queue.delete(owner);
}
