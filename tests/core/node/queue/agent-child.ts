// `seqlab agent` as its own process, from the sources (tsx), for the queue tests: the same command as the built
// CLI's, with worker entries resolved to their .ts sources. SIGTERM stops it as Ctrl-C would; tests also SIGKILL it.
// Its stderr carries the agent's log lines. Usage: node --import tsx agent-child.ts --redis URL [agent options]
import { register } from 'node:module';

const hooks = `
import { fileURLToPath } from 'node:url';
export async function resolve(specifier, context, next) {
  if (!specifier.endsWith('?modulePath')) return next(specifier, context);
  const source = fileURLToPath(new URL(specifier.slice(0, -'?modulePath'.length), context.parentURL));
  const path = source.endsWith('.ts') ? source : source + '.ts';
  return { url: 'data:text/javascript,export default ' + encodeURIComponent(JSON.stringify(path)), shortCircuit: true };
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);

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
