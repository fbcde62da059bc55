// `seqlab` usage and database errors: help and exit codes, unknown commands and subcommands, and a
// database file the store refuses (exit 3, file untouched).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../../core/node/store/store';
import { createCliFixture, type CliFixture } from './cli-fixture';

let fx: CliFixture;
beforeEach(() => {
  fx = createCliFixture();
});
afterEach(() => fx.dispose());

describe('seqlab usage', () => {
  it('documents every command and the exit codes in --help', async () => {
    const outcome = await fx.run(['--help']);
    expect(outcome.code).toBe(0);
    for (const command of [
      'train SPEC.json',
      'resume RUN',
      'list',
      'show RUN',
      'compare RUN...',
      'sweep SWEEP.json',
      'serve',
      'export RUN --onnx FILE',
      'infer MODEL.onnx',
      'data import FILE',
    ]) {
      expect(outcome.stdout).toContain(command);
    }
    for (const code of ['0 ', '1 ', '2 ', '3 ', '130 ']) expect(outcome.stdout).toMatch(new RegExp(`^  ${code}`, 'm'));
    expect((await fx.run(['train', '--help'])).stdout).toContain('--max-steps N');
  });

  it('exits 2 on an unknown command, a missing argument or an unknown option', async () => {
    expect(await fx.run(['fly'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "fly"') });
    expect(await fx.run(['train'])).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: seqlab train SPEC.json') });
    expect(await fx.run(['list', '--colour'])).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--colour'") });
    expect(await fx.run([])).toMatchObject({ code: 2 });
  });

  it('exits 2 on a data command without a subcommand, or an unknown --kind', async () => {
    expect(await fx.run(['data'])).toMatchObject({ code: 2, stderr: expect.stringContaining('missing subcommand: import or list') });
    expect(await fx.run(['data', 'import', 'x.csv', '--kind', 'audio'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--kind must be one of series, text, pairs, labelled'),
    });
  });
});

describe('seqlab database errors', () => {
  it('refuses a file that is not a SQLite database with exit 3 and leaves it untouched', async () => {
    const path = join(fx.dir, 'notes.db');
    writeFileSync(path, 'step,loss\n1,0.5\n');
    const before = readdirSync(fx.dir).sort();
    const outcome = await fx.run(['list', '--db', path, '--json']);
    expect(outcome.code).toBe(3);
    expect(outcome.stderr).toContain(`${path} is not a SeqLab database`);
    expect(outcome.json<{ exitCode: number }>().exitCode).toBe(3);
    expect(readFileSync(path, 'utf8')).toBe('step,loss\n1,0.5\n');
    expect(readdirSync(fx.dir).sort()).toEqual(before);
  });

  it("refuses a database from a newer SeqLab with exit 3 and the store's message", async () => {
    const path = join(fx.dir, 'future.db');
    openStore(path).close();
    const db = new Database(path);
    db.pragma('journal_mode = DELETE');
    db.pragma('user_version = 999');
    db.close();
    const bytes = readFileSync(path);
    const outcome = await fx.run(['show', '1', '--db', path]);
    expect(outcome.code).toBe(3);
    expect(outcome.stderr).toMatch(/written by a newer SeqLab \(schema version 999/);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('takes the database from SEQLAB_DB, and --db before the command', async () => {
    const path = join(fx.dir, 'other.db');
    openStore(path).close();
    openStore(fx.databasePath).close();
    expect(await fx.run(['--db', path, 'list'])).toMatchObject({ code: 0, stderr: `No runs in ${path}.\n` });
    expect(await fx.run(['list'])).toMatchObject({ code: 0, stderr: `No runs in ${fx.databasePath}.\n` });
  });
});
