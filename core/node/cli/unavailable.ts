// Commands the CLI will have once the API offers them (dataset import): each says so plainly and
// exits 2, rather than pretending to work.
import { EXIT, writeJson, type CliContext } from './context';

export interface PendingCommand {
  readonly usage: string;
  /** What to do meanwhile. */
  readonly instead: string;
}

export const PENDING: Readonly<Record<'data', PendingCommand>> = {
  data: { usage: 'seqlab data import FILE', instead: 'Dataset import has no API call yet; runs use the built-in tasks (`seqlab train SPEC.json`).' },
};

export function pendingCommand(name: keyof typeof PENDING, args: readonly string[], ctx: CliContext): number {
  const { usage, instead } = PENDING[name];
  const message = `seqlab ${name}: not available yet in this version. ${instead}`;
  ctx.stderr.write(`${message}\nUsage (once available): ${usage}\n`);
  if (args.includes('--json')) writeJson(ctx.stdout, { error: { code: 'not-available', message }, exitCode: EXIT.usage });
  return EXIT.usage;
}
