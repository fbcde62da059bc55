// The page's one frame queue for chart redraws (frame-queue.ts), on requestAnimationFrame.
import { createFrameQueue } from './frame-queue';

export const chartFrames = createFrameQueue((run) => requestAnimationFrame(run));
