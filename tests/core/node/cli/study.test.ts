// `seqlab study`: list without a database, run a tiny study from a definition file to its verdict with the report and
// CSV written, show it again, and the refusals (a file already there, before any run; an unknown budget).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StudyDetail } from '../../../../core/common/api/study-entities';
import { openStore } from '../../../../core/node/store/store';
import { tinyStudy } from '../backend/tiny-study';
import { createCliFixture, type CliFixture } from './cli-fixture';

let fx: CliFixture;
beforeEach(() => {
  fx = createCliFixture();
});
afterEach(() => fx.dispose());

describe('seqlab study', () => {
  it('lists the built-in studies with their budgets, creating no database', async () => {
    const outcome = await fx.run(['study', 'list']);
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stdout).toMatch(/^vanishing-gradients \(v1\): Vanishing gradients and their three cures/m);
    expect(outcome.stdout).toMatch(/--budget quick: 20 runs\./);
    expect(outcome.stdout).toContain('No study has been run on this database yet.');
    expect(existsSync(fx.databasePath)).toBe(false);
  });

  it('runs a study definition file to its verdict, writes the report and the CSV, and shows it again', async () => {
    const file = fx.writeJson('tiny.json', tinyStudy);
    const outcome = await fx.run(['study', 'run', file, '--report', 'tiny.html', '--csv', 'tiny.csv']);
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stdout).toMatch(/^Study 1: Tiny study \(tiny v1, budget quick\) — 4 of 4 runs finished/m);
    expect(outcome.stdout).toMatch(/^final val MSE \(mean ± sd over seeds\):/m);
    // A gradient ratio has no baseline: none is shown beside it (the loss has one).
    expect(outcome.stdout).toMatch(/^gradient ratio \(mean ± sd over seeds\):/m);
    expect(outcome.stdout).toMatch(/^cell=GRU +12 +2 .* — +—$/m);
    expect(outcome.stdout).toMatch(/^cell=GRU +2 .* 0\.1667 +[0-2]\/2$/m);
    expect(outcome.stdout).toMatch(/^ {2}\[holds\] GRU below 100 × baseline — cell=GRU: final val MSE mean /m);
    expect(outcome.stdout).toMatch(/^Verdict: reproduced\. All 2 checks hold on every seed\.$/m);

    const html = readFileSync(join(fx.dir, 'tiny.html'), 'utf8');
    expect(html).not.toMatch(/https?:/);
    expect(html).toContain('<svg ');
    expect(html).toContain('Verdict: reproduced.');
    expect(readFileSync(join(fx.dir, 'tiny.csv'), 'utf8').trimEnd().split('\r\n')).toHaveLength(5);

    const store = openStore(fx.databasePath, { create: false });
    try {
      expect(store.runs.list().map((r) => r.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
    } finally {
      store.close();
    }

    const shown = await fx.run(['study', 'show', '1', '--json']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.json<{ study: StudyDetail }>().study).toMatchObject({ id: 1, verdict: 'reproduced', progress: { finished: 4, total: 4 } });
    const listed = await fx.run(['study', 'list']);
    expect(listed.stdout).toMatch(/^ *1 +tiny +quick +4\/4 +reproduced/m);

    // The report file is there: refused before any run is created.
    const again = await fx.run(['study', 'run', file, '--report', 'tiny.html']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/tiny\.html already exists; --force replaces it\./);
    const after = openStore(fx.databasePath, { create: false });
    try {
      expect(after.runs.list()).toHaveLength(4);
    } finally {
      after.close();
    }
    // four real trainings in worker threads: room for a busy machine (34 s measured at a load average of 28 on 2 cores)
  }, 180_000);

  it('refuses a budget the study does not have, and an unknown study, naming what there is', async () => {
    const budget = await fx.run(['study', 'run', 'attention-length', '--budget', 'huge']);
    expect([budget.code, budget.stderr]).toEqual([2, expect.stringMatching(/has no budget "huge"; it has: quick, full/)]);
    const unknown = await fx.run(['study', 'run', 'nope']);
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      expect.stringMatching(
        /no built-in study "nope"; there are: vanishing-gradients, gradient-flow, exploding-gradients, bidirectional-future, attention-length, truncated-bptt, sequential-bottleneck\./,
      ),
    ]);
  });
});
