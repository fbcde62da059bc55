// Entry of the `seqlab` command (built to out/main/cli.js; resources/bin/seqlab.mjs launches it):
// wires the process — arguments, streams, Ctrl-C — to runCli and exits with its code.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runCli } from './cli';
import { EXIT } from './context';

const controller = new AbortController();
let signals = 0;
function onSignal(name: 'SIGINT' | 'SIGTERM'): void {
  signals++;
  // The first signal stops training with a checkpoint; a second one leaves at once (the store stays
  // consistent: every write is a transaction, and the run shows as interrupted next time).
  if (signals > 1) {
    process.stderr.write('\nseqlab: stopping without waiting for the checkpoint.\n');
    process.exit(name === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted);
  }
  controller.abort(name);
}
process.on('SIGINT', () => onSignal('SIGINT'));
process.on('SIGTERM', () => onSignal('SIGTERM'));

runCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
  // Resolved here, in the entry, so they are relative to out/main/cli.js rather than a shared chunk.
  examplesDir: fileURLToPath(new URL('../../resources/examples', import.meta.url)),
  rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
  concurrency: availableParallelism(),
}).then((code) => {
  process.exitCode = code;
  // Workers and the database are closed by now; this only guards against a stray handle keeping us alive.
  setTimeout(() => process.exit(code), 2000).unref();
});
