// The built `seqlab` command as a user runs it (after `npm run build`, which test:e2e does first):
// the package's bin launcher, a real process, a real Ctrl-C.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const LAUNCHER = resolve(import.meta.dirname, '../../resources/bin/seqlab.mjs');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'seqlab-cli-e2e-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Exited {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `seqlab args…` on a database in the temporary folder; `onStderr` may signal the process. */
function seqlab(args: string[], onStderr?: (text: string, kill: (signal: NodeJS.Signals) => void) => void): Promise<Exited> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [LAUNCHER, ...args, '--db', join(dir, 'runs.db')], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      onStderr?.(chunk.toString(), (signal) => child.kill(signal));
    });
    child.once('exit', (code) => done({ code, stdout, stderr }));
  });
}

const spec = (steps: number) => ({
  seed: 3,
  task: { id: 'adding-problem', params: { length: 5 } },
  model: { cell: 'gru', hiddenSize: 4 },
  training: { steps, batchSize: 4, evalEvery: 50, evalBatches: 1, checkpointEvery: 50, gradNormsEvery: 0 },
});

describe('seqlab (built)', () => {
  it('trains a spec to completion, then Ctrl-C interrupts a long one with exit 130, resumable', async () => {
    writeFileSync(join(dir, 'tiny.json'), JSON.stringify(spec(20)));
    const done = await seqlab(['train', 'tiny.json', '--json']);
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ run: { status: 'completed', step: 20 }, results: { finalValLoss: expect.any(Number) } });

    writeFileSync(join(dir, 'long.json'), JSON.stringify(spec(1_000_000)));
    let pressed = false;
    const interrupted = await seqlab(['train', 'long.json', '--json'], (text, kill) => {
      // Once the run is announced, give it a moment to train, then press Ctrl-C.
      if (!pressed && /^Run \d+ /m.test(text)) {
        pressed = true;
        setTimeout(() => kill('SIGINT'), 1000);
      }
    });
    expect(interrupted.code, interrupted.stderr).toBe(130);
    const { run } = JSON.parse(interrupted.stdout) as { run: { id: number; status: string } };
    expect(run.status).toBe('interrupted');
    expect(interrupted.stderr).toContain(`seqlab resume ${run.id}`);
  });
});
