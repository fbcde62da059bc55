// `seqlab agent` as its own process, from the sources (tsx), for the queue tests: the same command as the built
// CLI's, with worker entries resolved to their .ts sources. SIGTERM stops it as Ctrl-C would; tests also SIGKILL it.
// Its stderr carries the agent's log lines. Usage: node --import tsx agent-child.ts --redis URL [agent options]
import { registerSourceModulePaths } from '../../../../core/node/tools/source-module-paths';

registerSourceModulePaths();

const controller = new AbortController();
process.on('SIGTERM', () => controller.abort('SIGTERM'));
process.on('SIGINT', () => controller.abort('SIGINT'));
const { runCli } = await import('../../../../core/node/cli/cli');
const code = await runCli(['agent', ...process.argv.slice(2)], {
  env: process.env,
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
  concurrency: 1,
});
process.exit(code);
