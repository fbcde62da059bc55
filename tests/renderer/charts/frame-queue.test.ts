// Chart redraws spread over frames: one owner per frame, in order, the newest work of an owner replacing its older.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forgetFrameWork, inComingFrame } from '../../../renderer/src/charts/frame-queue';

// The frames are stepped by hand: each call of nextFrame() runs what was requested for the coming frame.
let requested: (() => void)[] = [];
function nextFrame(): void {
  const callbacks = requested;
  requested = [];
  for (const callback of callbacks) callback();
}
beforeEach(() => {
  requested = [];
  globalThis.requestAnimationFrame = (callback: FrameRequestCallback) => requested.push(() => callback(0));
});
afterEach(() => {
  Reflect.deleteProperty(globalThis, 'requestAnimationFrame');
});

describe('inComingFrame', () => {
  it('runs one owner per frame in the order they asked, each with its latest work', () => {
    const ran: string[] = [];
    const [a, b, c] = [{}, {}, {}];
    inComingFrame(a, () => ran.push('a1'));
    inComingFrame(b, () => ran.push('b1'));
    inComingFrame(a, () => ran.push('a2'));
    inComingFrame(c, () => ran.push('c1'));
    forgetFrameWork(c);
    expect(requested).toHaveLength(1);
    nextFrame();
    expect(ran).toEqual(['b1']);
    nextFrame();
    expect(ran).toEqual(['b1', 'a2']);
    nextFrame();
    expect(ran).toEqual(['b1', 'a2']);
    expect(requested).toHaveLength(0);
  });
});
