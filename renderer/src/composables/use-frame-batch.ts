// Coalesces bursts of events to the display's frame rate: items added between two frames are handed over together
// in the next animation frame, so a view updates at most once per frame however fast events come.
import { onBeforeUnmount } from 'vue';

export function useFrameBatch<T>(flush: (items: T[]) => void): { add: (item: T) => void; clear: () => void } {
  let pending: T[] = [];
  let frame: number | null = null;
  function run(): void {
    frame = null;
    const items = pending;
    pending = [];
    if (items.length > 0) flush(items);
  }
  function clear(): void {
    if (frame !== null) cancelAnimationFrame(frame);
    frame = null;
    pending = [];
  }
  onBeforeUnmount(clear);
  return {
    add(item) {
      pending.push(item);
      frame ??= requestAnimationFrame(run);
    },
    clear,
  };
}
