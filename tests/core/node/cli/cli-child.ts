// `seqlab` in a child process, for what the in-process fixture cannot do: run with other privileges (a
// read-only folder does not stop root, so a test running as root starts this without root's permission
// override). Prints nothing of its own: the command's stdout and stderr, then the exit code as the process's.
// Usage: node --import tsx cli-child.ts ARGS...
import { registerSourceModulePaths } from '../../../../core/node/tools/source-module-paths';

// electron-vite (and vitest's plugin) turn `import entry from './x?modulePath'` into the entry's path;
// under plain Node the same import resolves to a module that default-exports the .ts source path.
registerSourceModulePaths();

const { runCli } = await import('../../../../core/node/cli/cli');
const code = await runCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  signal: new AbortController().signal,
  concurrency: 1,
});
process.exitCode = code;
