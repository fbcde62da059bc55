// Responsiveness of the teaching playground while it trains (issue #14: "the UI stays responsive: no long task over
// 50 ms"): starts the served app on a fresh database, opens the Playground view in Chromium (a tiny RNN starts
// training at once), changes the hidden size half-way, and records for N seconds every long task
// (PerformanceObserver 'longtask': main-thread tasks over 50 ms) and the longest gap between animation frames.
// A benchmark, not a test: it prints what it measured and judges nothing. Run after a build:
//   SEQLAB_OUT_DIR=out npx tsx bench/ui/teaching-longtasks.ts [--seconds 10] [--control]
// --control pauses the session first and measures the same view idle: what the machine's load alone costs (on a
// shared, loaded machine every task can become a long one).
import { parseArgs } from 'node:util';
import { launchChromium, startServedApp } from '../../tests/e2e/serve-fixture';

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, control: { type: 'boolean', default: false } } });
const seconds = Number(args.seconds);
if (!(seconds > 0)) throw new Error(`--seconds must be a positive number, got ${args.seconds}`);

interface Measured {
  longTasks: number[];
  longestFrameGapMs: number;
}

/** Run in the page (a string: this file is typed for Node, not the DOM): records long tasks and frame gaps in window.__bench. */
const INSTALL_OBSERVERS = `(() => {
  const state = { longTasks: [], longestFrameGapMs: 0, last: performance.now() };
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) state.longTasks.push(entry.duration); }).observe({ type: 'longtask' });
  const frame = (now) => {
    state.longestFrameGapMs = Math.max(state.longestFrameGapMs, now - state.last);
    state.last = now;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  window.__bench = state;
})()`;

const app = await startServedApp();
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Playground', exact: true }).click();
  const status = page.getByTestId('teaching-status');
  // training has begun once the first losses are drawn
  for (;;) {
    if (/[1-9]\d* points · training/.test((await status.textContent()) ?? '')) break;
    await page.waitForTimeout(200);
  }
  if (args.control) {
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.waitForTimeout(500);
  }
  const before = (await status.textContent()) ?? '';
  await page.evaluate(INSTALL_OBSERVERS);
  await page.waitForTimeout((seconds * 1000) / 2);
  // a setting changed while training: the session restarts, the charts start again
  if (!args.control) await page.getByLabel('Hidden size').fill('16');
  // a number field applies its value when it is left (its change event), as a person tabbing on
  if (!args.control) await page.getByLabel('Hidden size').press('Tab');
  await page.waitForTimeout((seconds * 1000) / 2);
  const measured = (await page.evaluate('window.__bench')) as Measured;
  const after = (await status.textContent()) ?? '';
  const sorted = [...measured.longTasks].sort((a, b) => a - b);
  const quantile = (q: number): number | null => (sorted.length === 0 ? null : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? null));
  console.log(
    JSON.stringify(
      {
        mode: args.control ? 'control (session paused)' : 'training, hidden size changed half-way',
        seconds,
        statusBefore: before.trim(),
        statusAfter: after.trim(),
        model: ((await page.getByTestId('teaching-model').textContent()) ?? '').trim(),
        longTasks: sorted.length,
        longTaskMsTotal: Math.round(sorted.reduce((a, b) => a + b, 0)),
        longTaskMsMax: sorted.length === 0 ? 0 : Math.round(sorted.at(-1) ?? 0),
        longTaskMsMedian: quantile(0.5),
        longestFrameGapMs: Math.round(measured.longestFrameGapMs),
      },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
  await app.stop();
}
