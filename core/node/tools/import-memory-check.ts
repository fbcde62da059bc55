// Opt-in check that a large CSV imports in streaming fashion with bounded memory (issue 5's 200 MB series):
// writes a synthetic series CSV of the asked size to a temp folder, imports it into a temp store while sampling
// process.memoryUsage(), and prints the time taken (wall and CPU), the peak RSS and heap, and their growth over
// the start. With --live it also forces a collection every 32 chunks and reports the peak live heap (slower).
//
//   npx tsx core/node/tools/import-memory-check.ts [megabytes=200] [--live] [--keep]
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { importDataset } from '../data/import-dataset';
import { openStore } from '../store';

const MiB = 2 ** 20;

/** A series CSV of about `bytes` bytes: a header and rows of time, three sensor columns and a text tag. */
async function writeSeries(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path);
  out.write('t,temperature,pressure,"load, kW",tag\n');
  let written = 0;
  let row = 0;
  while (written < bytes) {
    let block = '';
    for (let i = 0; i < 2000; i++, row++) {
      const x = row / 50;
      block += `${row},${(20 + 5 * Math.sin(x)).toFixed(5)},${(1013 + 3 * Math.cos(x / 7)).toFixed(4)},${(100 + 10 * Math.sin(x / 13) + (row % 17) / 10).toFixed(3)},"site ${row % 5}"\n`;
    }
    written += block.length;
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return row;
}

async function main(): Promise<void> {
  const megabytes = Number(process.argv[2] ?? 200);
  const keep = process.argv.includes('--keep');
  const live = process.argv.includes('--live');
  const dir = mkdtempSync(join(tmpdir(), 'seqlab-import-check-'));
  const csv = join(dir, 'series.csv');
  try {
    process.stdout.write(`writing a ${megabytes} MB series CSV to ${csv} … `);
    const rows = await writeSeries(csv, megabytes * 1e6);
    const size = statSync(csv).size;
    console.log(`${rows} rows, ${(size / MiB).toFixed(1)} MiB`);

    const store = openStore(join(dir, 'seqlab.db'));
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const start = process.memoryUsage();
    let liveHeap = start.heapUsed;
    let chunks = 0;
    const peak = { rss: start.rss, heapUsed: start.heapUsed, external: start.external + start.arrayBuffers };
    const sample = (): void => {
      const m = process.memoryUsage();
      peak.rss = Math.max(peak.rss, m.rss);
      peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
      peak.external = Math.max(peak.external, m.external + m.arrayBuffers);
    };
    const timer = setInterval(sample, 20);
    let lastPass = 0;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const result = await importDataset(
      store,
      csv,
      { kind: 'series', columns: ['temperature', 'pressure', 'load, kW'], target: 'load, kW', window: 100 },
      {
        onProgress: (p) => {
          sample();
          if (live && chunks++ % 32 === 0) {
            gc();
            liveHeap = Math.max(liveHeap, process.memoryUsage().heapUsed);
          }
          if (p.pass !== lastPass) console.log(`pass ${(lastPass = p.pass)} …`);
        },
      },
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    clearInterval(timer);
    sample();
    store.close();
    if (!result.ok) throw new Error(`import failed: ${result.error.message}`);

    const stats = result.value.dataset.stats as { rows: number };
    const mb = (n: number): string => `${(n / MiB).toFixed(1)} MiB`;
    console.log(
      `imported dataset #${result.value.dataset.id}: ${stats.rows} rows in ${seconds.toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU (two passes: all rows, then the 80% of training rows)`,
    );
    console.log(`peak RSS        ${mb(peak.rss)} (start ${mb(start.rss)}, growth ${mb(peak.rss - start.rss)})`);
    console.log(`peak heap used  ${mb(peak.heapUsed)} (start ${mb(start.heapUsed)}, growth ${mb(peak.heapUsed - start.heapUsed)})`);
    console.log(`peak external   ${mb(peak.external)} (buffers)`);
    if (live) console.log(`peak live heap  ${mb(liveHeap)} (growth ${mb(liveHeap - start.heapUsed)}, after forced collections)`);
    console.log(`file size       ${mb(size)}; peak heap growth is ${((100 * (peak.heapUsed - start.heapUsed)) / size).toFixed(1)}% of it`);
  } finally {
    if (keep) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

await main();
