// Agents as separate processes for the queue tests: started from the sources with tsx, each waited on until it
// says it takes trials, stopped (or SIGKILLed) by the test, and always ended after it.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const AGENT_CHILD = fileURLToPath(new URL('./agent-child.ts', import.meta.url));

export interface AgentProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Everything it wrote to stderr so far (its log lines). */
  log(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export async function startAgent(url: string, name: string, extra: string[] = []): Promise<AgentProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', AGENT_CHILD, '--redis', url, '--name', name, '--concurrency', '1', ...extra], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('taking trials from')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`agent ${name} exited (${code}) before taking trials:\n${stderr}`)));
  });
  return {
    name,
    child,
    log: () => stderr,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
