// Streaming, measured: a CSV several megabytes long imports while the live heap (after forced collections)
// grows by a small fraction of the file, so the file is never held whole. The 200 MB run is opt-in:
// `npx tsx core/node/tools/import-memory-check.ts`.
import { once } from 'node:events';
import { createWriteStream, statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { importDataset } from '../../../../core/node/data';
import { useDataFixture } from './data-fixture';

const fx = useDataFixture();

/** The collector, exposed at run time (vitest starts workers without --expose-gc). */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

async function writeCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('t,x,y,tag\n');
  for (let start = 0; start < rows; start += 5000) {
    let block = '';
    for (let t = start; t < Math.min(rows, start + 5000); t++) block += `${t},${Math.sin(t / 30).toFixed(6)},${(t % 101) * 0.25},"tag ${t % 7}"\n`;
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

describe('streaming import', () => {
  it('keeps the live heap far below the file size while importing a multi-megabyte CSV', async () => {
    const path = fx.join('big.csv');
    await writeCsv(path, 200_000);
    const size = statSync(path).size;
    expect(size).toBeGreaterThan(5 * 2 ** 20);

    const gc = exposeGc();
    gc();
    const base = process.memoryUsage().heapUsed;
    let liveGrowth = 0;
    let chunks = 0;
    const result = await importDataset(
      fx.store(),
      path,
      { kind: 'series', columns: ['x', 'y'], window: 20 },
      {
        onProgress: () => {
          // collect every few chunks and read what is still alive: a whole-file string would show up here
          if (chunks++ % 4 !== 0) return;
          gc();
          liveGrowth = Math.max(liveGrowth, process.memoryUsage().heapUsed - base);
        },
      },
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.dataset.stats).toMatchObject({ rows: 200_000 });
    expect(chunks).toBeGreaterThan(20);
    // a whole-file string would be at least `size`; measured: about 0.4 MiB for this 5.5 MiB file
    expect(liveGrowth).toBeLessThan(size / 4);
  });
});
