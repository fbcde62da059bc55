// Frame pacing of a training run's detail view (issue #13, "live without jank"): starts the served app on a fresh
// database, starts one LSTM run (resources/examples/charlm-lstm.json), opens its detail in Chromium and records for
// 10 s the longest gap between requestAnimationFrame callbacks and every long task (PerformanceObserver 'longtask').
// A benchmark, not a test: it prints what it measured and judges nothing. Run after a build:
//   SEQLAB_OUT_DIR=out npx tsx bench/ui/run-detail-frames.ts [--seconds 10] [--screenshot FILE.png] [--control]
// --control measures the experiments list instead, with the same run training: what the machine's load alone costs
// (on a shared, loaded machine every task can become a long one).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium, startServedApp, type ServedApp } from '../../tests/e2e/serve-fixture';

const ROOT = resolve(import.meta.dirname, '../..');
const { values: args } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, screenshot: { type: 'string' }, control: { type: 'boolean', default: false } },
});
const seconds = Number(args.seconds);
if (!(seconds > 0)) throw new Error(`--seconds must be a positive number, got ${args.seconds}`);

async function call<T>(app: ServedApp, name: string, request: unknown): Promise<T> {
  const response = await fetch(`${app.origin}/api/call/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
  });
  const result = (await response.json()) as { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

/**
 * In the page: the longest gap between animation frames and the long tasks over `ms` milliseconds. Written as source
 * text because tsx would add helpers (`__name`) to a function that the page does not have.
 */
const measureInPage = (ms: number) => `new Promise((done) => {
  const longTasks = [];
  const observer = new PerformanceObserver((list) => { for (const entry of list.getEntries()) longTasks.push(entry.duration); });
  observer.observe({ type: 'longtask', buffered: false });
  let previous = null, longest = 0, frames = 0;
  const end = performance.now() + ${ms};
  function frame(now) {
    if (previous !== null) longest = Math.max(longest, now - previous);
    previous = now;
    frames++;
    if (now < end) requestAnimationFrame(frame);
    else { observer.disconnect(); done({ frames, longestGapMs: longest, longTasksMs: longTasks }); }
  }
  requestAnimationFrame(frame);
})`;

const app = await startServedApp();
const browser = await launchChromium();
try {
  const spec: unknown = JSON.parse(readFileSync(resolve(ROOT, 'resources/examples/charlm-lstm.json'), 'utf8'));
  const experiment = await call<{ id: number }>(app, 'experiments.create', { name: 'frame pacing' });
  const run = await call<{ id: number }>(app, 'runs.create', { experimentId: experiment.id, spec });
  const page = await browser.newPage({ viewport: { width: 1280, height: 1800 } });
  await page.goto(app.url);
  await page.getByRole('navigation', { name: 'Sections' }).waitFor();
  if (!args.control) {
    await page.evaluate(`window.location.hash = '#/runs/${run.id}'`);
    await page.getByRole('region', { name: 'Run detail' }).waitFor();
  }
  // Measure once the run trains and its first points are drawn.
  for (let i = 0; i < 600; i++) {
    const { step } = await call<{ step: number; status: string }>(app, 'runs.get', { id: run.id });
    if (step >= 20) break;
    await new Promise((wait) => setTimeout(wait, 100));
  }
  await page.waitForTimeout(1000);
  const before = await call<{ step: number }>(app, 'runs.get', { id: run.id });
  const measured = (await page.evaluate(measureInPage(seconds * 1000))) as { frames: number; longestGapMs: number; longTasksMs: number[] };
  const after = await call<{ step: number }>(app, 'runs.get', { id: run.id });
  if (args.screenshot) await page.getByRole('region', { name: 'Run detail' }).screenshot({ path: resolve(ROOT, args.screenshot) });
  const over50 = measured.longTasksMs.filter((d) => d > 50);
  console.log(
    JSON.stringify({
      build: process.env.SEQLAB_OUT_DIR ?? 'out',
      view: args.control ? 'experiments (control)' : 'run detail',
      seconds,
      stepsTrained: after.step - before.step,
      frames: measured.frames,
      longestFrameGapMs: Math.round(measured.longestGapMs),
      longTasks: measured.longTasksMs.length,
      longTasksOver50Ms: over50.length,
      longestTaskMs: Math.round(Math.max(0, ...measured.longTasksMs)),
    }),
  );
  await call(app, 'runs.stop', { id: run.id });
} finally {
  await browser.close();
  await app.stop();
}
