// `seqlab agent`: a headless process that takes trials from the BullMQ queue and trains them (agent-trial.ts),
// at most `concurrency` at once. It has no database: everything it learns goes back through Redis to the app
// that owns the run. A trial whose agent dies is re-queued by BullMQ's stalled-job check once its lock (lockMs)
// has run out, and the next agent continues it from its last checkpoint.
import { hostname } from 'node:os';
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { MachineLimits } from '../../common/spec/machine-limits';
import { AgentTrial } from './agent-trial';
import { checkQueue, openClient } from './queue-connection';
import { CONTROL_CHANNEL, TRIALS_QUEUE } from './queue-keys';
import type { QueueAddress } from './queue-url';
import { readControl } from './trial-control';
import { readTrialJob } from './trial-job';

export interface AgentOptions {
  readonly address: QueueAddress;
  readonly name: string;
  /** Trials trained at once. */
  readonly concurrency: number;
  /** The training worker entry (the bundled one, or the .ts source under tsx). */
  readonly workerEntry: string;
  readonly gradientWorkerEntry?: string | undefined;
  /** What a trial may take of this machine; a spec estimated above it is refused and the trial marked with why. */
  readonly limits: MachineLimits;
  /**
   * How long a trial stays locked to this agent without a renewal (ms); the lock is renewed at half of it while
   * the agent lives. Once it runs out, another agent takes the trial over: the time from an agent's death to its
   * trial resuming is about this plus the stalled-job check interval (set to the same value).
   */
  readonly lockMs: number;
  /** V8 heap limit of each training worker (MB). */
  readonly maxHeapMb: number;
  readonly log: (line: string) => void;
}

/** Stalls a trial may go through (agents dying under it) before BullMQ gives up on it. */
const MAX_STALLS = 100;

export function defaultAgentName(): string {
  return `${hostname()}:${process.pid}`;
}

export class Agent {
  private readonly trials = new Map<string, AgentTrial>();

  private constructor(
    private readonly options: AgentOptions,
    private readonly client: Redis,
    private readonly subscriber: Redis,
    private readonly worker: Worker,
    /** The worker's own connection (BullMQ leaves a connection it was given open). */
    private readonly workerClient: Redis,
  ) {}

  /** Checks that the queue answers (a wrong password is refused here), then starts taking trials. */
  static async start(options: AgentOptions): Promise<Agent> {
    await checkQueue(options.address);
    const client = openClient(options.address);
    const subscriber = openClient(options.address);
    let agent: Agent | null = null;
    const workerClient = openClient(options.address);
    const worker = new Worker(TRIALS_QUEUE, (job: Job) => (agent as Agent).take(job), {
      connection: workerClient,
      concurrency: options.concurrency,
      lockDuration: options.lockMs,
      stalledInterval: options.lockMs,
      maxStalledCount: MAX_STALLS,
      autorun: false,
    });
    worker.on('error', (error) => options.log(`queue error: ${error.message}`));
    agent = new Agent(options, client, subscriber, worker, workerClient);
    subscriber.on('message', (_channel: string, text: string) => agent.onControl(text));
    await subscriber.subscribe(CONTROL_CHANNEL);
    void worker.run();
    return agent;
  }

  /** Stops taking trials and ends the training threads; their trials go to other agents once their locks run out. */
  async close(): Promise<void> {
    await this.worker.close(true);
    await Promise.all([...this.trials.values()].map((trial) => trial.terminate()));
    this.subscriber.disconnect();
    this.client.disconnect();
    this.workerClient.disconnect();
  }

  private async take(job: Job): Promise<string> {
    const read = readTrialJob(job.data);
    // Not a trial this SeqLab can read: the job fails with the reason (there is no run to mark).
    if (!read.ok) throw new Error(`Agent ${this.options.name} cannot take job ${job.id}: ${read.reason}`);
    const { store, runId } = read.job;
    const trial = new AgentTrial(
      {
        client: this.client,
        agent: this.options.name,
        workerEntry: this.options.workerEntry,
        gradientWorkerEntry: this.options.gradientWorkerEntry,
        limits: this.options.limits,
        resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb },
      },
      read.job,
    );
    const key = `${store}:${runId}`;
    this.trials.set(key, trial);
    this.options.log(`run ${runId} (store ${store}): training`);
    try {
      const final = await trial.run();
      this.options.log(`run ${runId} (store ${store}): ${final}`);
      return final;
    } catch (error) {
      // The job is taken again (from the last checkpoint kept): this take's thread must not train on beside it.
      await trial.terminate();
      this.options.log(
        `run ${runId} (store ${store}): this take failed (${error instanceof Error ? error.message : String(error)}); it goes back to the queue`,
      );
      throw error;
    } finally {
      this.trials.delete(key);
    }
  }

  private onControl(text: string): void {
    const control = readControl(text);
    if (control === null) return;
    this.trials.get(`${control.store}:${control.runId}`)?.control(control.control);
  }
}
