// `seqlab data import` and `seqlab data list` in-process on a temporary database: a file registered (and
// reused), a bad file refused with its line and column and exit 2, and the list.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatasetInfo } from '../../../../core/common/api/entities';
import { createCliFixture, type CliFixture } from './cli-fixture';

let fx: CliFixture;
beforeEach(() => {
  fx = createCliFixture();
});
afterEach(() => fx.dispose());

const seriesCsv = (rows: number): string => 'time,level\n' + Array.from({ length: rows }, (_, t) => `${t},${Math.sin(t / 3).toFixed(4)}`).join('\n') + '\n';

describe('seqlab data', () => {
  it('imports a file (relative to the working folder), reuses it the second time, and lists it', async () => {
    writeFileSync(join(fx.dir, 'levels.csv'), seriesCsv(100));
    const first = await fx.run(['data', 'import', 'levels.csv', '--window', '5', '--columns', 'level', '--json']);
    expect(first.code, first.stderr).toBe(0);
    const { dataset, reused } = first.json<{ dataset: DatasetInfo; reused: boolean }>();
    expect(reused).toBe(false);
    expect(dataset).toMatchObject({
      id: 1,
      name: 'levels.csv',
      kind: 'series',
      sourcePath: join(fx.dir, 'levels.csv'),
      summary: '100 rows · inputs level → level · split 80/10/10',
    });

    const again = await fx.run(['data', 'import', 'levels.csv', '--kind', 'series', '--window', '5', '--columns', 'level']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Already registered as dataset 1 "levels.csv" (series): 100 rows');
    // what was read and why, every time
    expect(again.stdout).toContain('kind: series — as asked\ninputs: level → target: level\n  time: left out — ');
    expect(again.stdout).toContain('windows of up to 9 rows fit every split');
    expect(first.json<{ report: { columns: unknown[] } }>().report.columns).toHaveLength(2);
    expect(again.stderr).toContain('{ "dataset": 1 }');

    const list = await fx.run(['data', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^ID\s+NAME\s+KIND\s+CONTENT\s+IMPORTED\n\s*1\s+levels\.csv\s+series\s+100 rows/);
    expect((await fx.run(['data', 'list', '--json'])).json<{ datasets: DatasetInfo[] }>().datasets).toEqual([dataset]);

    // and `seqlab train` takes a spec on it
    const spec = fx.writeJson('on-levels.json', {
      task: { dataset: 1 },
      model: { cell: 'gru', hiddenSize: 4 },
      training: { steps: 6, batchSize: 4, evalEvery: 3, evalBatches: 1, checkpointEvery: 3, gradNormsEvery: 0 },
    });
    const trained = await fx.run(['train', spec, '--json']);
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.json<{ run: { name: string; status: string } }>().run).toMatchObject({ name: 'gru on levels.csv', status: 'completed' });
  });

  it('refuses a bad file with exit 2 and the line and column of the problem, and registers nothing', async () => {
    writeFileSync(join(fx.dir, 'bad.csv'), seriesCsv(100).replace('\n7,', '\n7,,'));
    const outcome = await fx.run(['data', 'import', 'bad.csv', '--json']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain(`${join(fx.dir, 'bad.csv')}, line 9, column`);
    expect(outcome.json<{ exitCode: number; error: { message: string } }>()).toMatchObject({
      exitCode: 2,
      error: { message: expect.stringContaining('line 9') },
    });
    const missing = await fx.run(['data', 'import', 'nothing.txt']);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('there is no such file') });
    const list = await fx.run(['data', 'list']);
    expect(list.stderr).toContain('No datasets in');
  });

  it('detects the kind when --kind is left out, prints what it detected and why, and asks for --kind when it cannot tell', async () => {
    writeFileSync(join(fx.dir, 'pairs.tsv'), 'source\ttarget\n' + Array.from({ length: 30 }, (_, i) => `hello ${i}\tbonjour ${i}`).join('\n') + '\n');
    const pairs = await fx.run(['data', 'import', 'pairs.tsv']);
    expect(pairs.code, pairs.stderr).toBe(0);
    expect(pairs.stdout).toContain('(pairs): 30 pairs');
    expect(pairs.stdout).toContain('kind: pairs — detected: its header names the columns "source" and "target"');
    expect(pairs.stdout).toContain('the source is "source" and the target "target"');

    writeFileSync(join(fx.dir, 'people.csv'), 'name,city\n' + Array.from({ length: 30 }, (_, i) => `person ${i},town ${i}`).join('\n') + '\n');
    const unknown = await fx.run(['data', 'import', 'people.csv']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('the kind of data cannot be told from the content');
    expect(unknown.stderr).toContain('--kind series, text, pairs or labelled');
  });
});
