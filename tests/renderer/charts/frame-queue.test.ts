// Chart redraws spread over frames: one owner per frame, in order, the newest work of an owner replacing its older.
import { describe, expect, it } from 'vitest';
import { createFrameQueue } from '../../../renderer/src/charts/frame-queue';

describe('createFrameQueue', () => {
  it('runs one owner per frame in the order they asked, each with its latest work', () => {
    // frames stepped by hand: nextFrame() runs what was requested for the coming frame
    let requested: (() => void)[] = [];
    const nextFrame = () => {
      const callbacks = requested;
      requested = [];
      for (const callback of callbacks) callback();
    };
    const frames = createFrameQueue((run) => requested.push(run));
    const ran: string[] = [];
    const [a, b, c] = [{}, {}, {}];
    frames.inComingFrame(a, () => ran.push('a1'));
    frames.inComingFrame(b, () => ran.push('b1'));
    frames.inComingFrame(a, () => ran.push('a2'));
    frames.inComingFrame(c, () => ran.push('c1'));
    frames.forget(c);
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
