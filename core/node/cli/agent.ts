// `seqlab agent --redis URL`: this machine trains trials from a queue of agents (core/node/queue/agent.ts)
// until Ctrl-C or SIGTERM. No database: the app (or the CLI) that sent the trials records them.
import { machineLimits } from '../../common/spec/machine-limits';
import { thisMachine } from '../data/spec-service';
import { Agent, defaultAgentName } from '../queue/agent';
import { QueueUnreachableError } from '../queue/queue-error';
import { parseQueueUrl, QueueUrlError } from '../queue/queue-url';
import { gradientWorkerEntry, trainWorkerEntry } from '../runner/worker-entries';
import { parseCommand, parsePositiveInt, type CommandSpec } from './args';
import { CliError, EXIT, type CliContext } from './context';

const SPEC: CommandSpec = {
  usage: 'seqlab agent --redis URL [--concurrency N] [--name NAME] [--lock-seconds S] [--max-memory-mb M]',
  options: {
    redis: { type: 'string' },
    concurrency: { type: 'string' },
    name: { type: 'string' },
    'lock-seconds': { type: 'string' },
    'max-memory-mb': { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
};

/** Default lock: long enough for a loaded machine to renew it in time (at half of it), short enough to take over soon. */
const DEFAULT_LOCK_SECONDS = 30;

const HELP = `Usage: ${SPEC.usage}

Trains trials that SeqLab (the app, \`seqlab sweep --queue\`, \`seqlab study run --queue\`) puts on the queue at URL,
with the same engine as the app, and sends progress, metrics, checkpoints and the final state back through Redis.
It keeps no database. Ctrl-C or SIGTERM stops it; its trials go to other agents, from their last checkpoint.

  --redis URL         redis://[:PASSWORD@]HOST[:PORT][/DB], or rediss://… for TLS
  --concurrency N     trials trained at once (default: one per core)
  --name NAME         how the runs show which machine trains them (default: host:pid)
  --lock-seconds S    a trial whose agent is silent this long is taken over by another agent (default ${DEFAULT_LOCK_SECONDS})
  --max-memory-mb M   what one trial may take of this machine (default: its memory less what the system needs);
                      a trial estimated above it is refused, and the run is marked failed with the reason
`;

export async function agentCommand(args: readonly string[], ctx: CliContext): Promise<number> {
  const command = parseCommand(args, SPEC);
  if (command.help) {
    ctx.stdout.write(HELP);
    return EXIT.ok;
  }
  const url = command.strings.redis;
  if (url === undefined) throw new CliError(EXIT.usage, `--redis URL is required: the queue to take trials from.\nUsage: ${SPEC.usage}`);
  const flag = (name: string) => {
    const text = command.strings[name];
    return text === undefined ? undefined : parsePositiveInt(text, `--${name}`, SPEC.usage);
  };
  const machine = thisMachine();
  const memoryMb = flag('max-memory-mb');
  const limits = memoryMb === undefined ? machine : { ...machineLimits(machine.totalMemoryBytes, machine.parallelism), memoryBytes: memoryMb * 2 ** 20 };
  const name = command.strings.name ?? defaultAgentName();
  const log = (line: string) => ctx.stderr.write(`agent ${name}: ${line}\n`);
  let agent: Agent;
  try {
    const address = parseQueueUrl(url);
    agent = await Agent.start({
      address,
      name,
      concurrency: flag('concurrency') ?? ctx.concurrency ?? 1,
      workerEntry: trainWorkerEntry,
      gradientWorkerEntry,
      limits,
      lockMs: (flag('lock-seconds') ?? DEFAULT_LOCK_SECONDS) * 1000,
      maxHeapMb: 2048,
      log,
    });
    log(`taking trials from ${address.display}`);
  } catch (error) {
    if (error instanceof QueueUrlError || error instanceof QueueUnreachableError) throw new CliError(EXIT.usage, error.message);
    throw error;
  }
  await new Promise((resolve) => {
    if (ctx.signal.aborted) resolve(undefined);
    else ctx.signal.addEventListener('abort', resolve, { once: true });
  });
  log('stopping; trials in training go to other agents from their last checkpoint');
  await agent.close();
  return EXIT.ok;
}
