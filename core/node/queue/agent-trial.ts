// One trial on an agent: takes the run's attempt number, finds where it starts (the last 'latest' checkpoint
// any agent sent for it, else the job's, else step 0), trains it in a training worker thread exactly as the
// runner does on the app's machine, and writes every message of the worker to the store's result stream, in
// order. Each 'latest' checkpoint is also kept in Redis, so an agent that takes the run over after this one
// dies resumes from it; the training is bit-exact from a checkpoint, so the result is the same.
import type { ResourceLimits } from 'node:worker_threads';
import type { Redis } from 'ioredis';
import type { MachineLimits } from '../../common/spec/machine-limits';
import { isFinalMessage, type MainToWorker, type WorkerToMain } from '../runner/protocol';
import { RunWorker } from '../runner/run-worker';
import { resultsStreamKey, runKeys } from './queue-keys';
import { ENTRY_FIELD, toWire, type ResultEntry, type WireResult } from './result-message';
import type { TrialJob } from './trial-job';

export interface TrialEnvironment {
  readonly client: Redis;
  /** The agent's name, on every entry and in its refusals. */
  readonly agent: string;
  readonly workerEntry: string;
  readonly gradientWorkerEntry?: string | undefined;
  readonly limits: MachineLimits;
  readonly resourceLimits: ResourceLimits;
}

/**
 * Entries a result stream keeps at most (approximately): the bound on what waits in Redis for an app that is
 * away. The app deletes what it has stored, so a stream this long means the app has been away for long.
 */
const STREAM_MAX_ENTRIES = 1_000_000;

/** How long a stop waits for the run's next agent (s): after that the run has long been ended by the app. */
const STOP_TTL_SECONDS = 24 * 3600;

/** Keeps the checkpoint only if no later attempt has written one (a cut-off agent that comes back must not overwrite it). */
const SET_CHECKPOINT = `
local current = tonumber(redis.call('HGET', KEYS[1], 'attempt') or '0')
if tonumber(ARGV[1]) < current then return 0 end
redis.call('HSET', KEYS[1], 'attempt', ARGV[1], 'step', ARGV[2], 'base64', ARGV[3])
return 1`;

export class AgentTrial {
  private seq = 0;
  private attempt = 0;
  private writes: Promise<void> = Promise.resolve();
  private worker: RunWorker | null = null;
  private readonly keys: ReturnType<typeof runKeys>;
  private readonly stream: string;

  constructor(
    private readonly env: TrialEnvironment,
    private readonly job: TrialJob,
  ) {
    this.keys = runKeys(job.store, job.runId);
    this.stream = resultsStreamKey(job.store);
  }

  get runId(): number {
    return this.job.runId;
  }

  /** Trains the run; resolves once its final message (done, failed, diverged) is in the stream. */
  async run(): Promise<WorkerToMain['type']> {
    const { client } = this.env;
    this.attempt = await client.incr(this.keys.attempt);
    const start = await this.startPoint();
    this.post({ type: 'started', fromStep: start?.step ?? 0 });
    if ((await client.get(this.keys.control)) === 'stop') {
      this.post({ type: 'done', step: start?.step ?? 0, reason: 'stopped' });
      await this.writes;
      return 'done';
    }
    const final = await new Promise<WorkerToMain['type']>((resolve) => {
      const end = (type: WorkerToMain['type']) => void this.writes.then(() => resolve(type));
      this.worker = new RunWorker(this.env.workerEntry, this.env.resourceLimits, {
        message: (message) => {
          this.forward(message);
          if (isFinalMessage(message)) end(message.type);
        },
        crashed: (message) => {
          this.forward({ type: 'failed', message });
          end('failed');
        },
      });
      const checkpoint = start === null ? undefined : start.bytes;
      const { gradientWorkerEntry } = this.env;
      this.worker.send(
        {
          type: 'start',
          runId: this.job.runId,
          spec: this.job.spec,
          machineLimits: this.env.limits,
          ...(checkpoint ? { checkpoint } : {}),
          ...(gradientWorkerEntry ? { gradientWorkerEntry } : {}),
        },
        checkpoint ? [checkpoint] : [],
      );
    });
    await this.worker?.terminate();
    // The run is over: what was kept for a takeover is no longer needed.
    await client.del(this.keys.checkpoint, this.keys.control, this.keys.attempt);
    return final;
  }

  control(control: Exclude<MainToWorker['type'], 'start'>): void {
    this.worker?.send({ type: control });
  }

  /** Ends the training thread without a final message (the agent is closing; the trial goes to another agent). */
  async terminate(): Promise<void> {
    await this.worker?.terminate();
  }

  /** The newest 'latest' checkpoint: one an agent sent (a takeover), else the job's (a run continued by the app). */
  private async startPoint(): Promise<{ step: number; bytes: ArrayBuffer } | null> {
    const kept = await this.env.client.hgetall(this.keys.checkpoint);
    const keptStep = Number(kept.step);
    if (kept.base64 !== undefined && Number.isInteger(keptStep) && keptStep >= (this.job.checkpoint?.step ?? 0)) return decoded(keptStep, kept.base64);
    return this.job.checkpoint === null ? null : decoded(this.job.checkpoint.step, this.job.checkpoint.base64);
  }

  private forward(message: WorkerToMain): void {
    // A refusal or failure names the agent, so the trial's error says where it happened.
    const named = message.type === 'failed' ? { ...message, message: `On agent ${this.env.agent}: ${message.message}` } : message;
    const wire = toWire(named);
    this.post(wire);
    if (wire.type === 'checkpoint' && wire.kind === 'latest') {
      const attempt = this.attempt;
      this.writes = this.writes.then(async () => {
        await this.env.client.eval(SET_CHECKPOINT, 1, this.keys.checkpoint, String(attempt), String(wire.step), wire.base64);
      });
    }
  }

  /** Appends an entry to the stream after every earlier one (writes are chained: the stream keeps the worker's order). */
  private post(message: WireResult): void {
    const entry: ResultEntry = { runId: this.job.runId, attempt: this.attempt, seq: this.seq++, agent: this.env.agent, message };
    const text = JSON.stringify(entry);
    this.writes = this.writes.then(async () => {
      await this.env.client.xadd(this.stream, 'MAXLEN', '~', String(STREAM_MAX_ENTRIES), '*', ENTRY_FIELD, text);
    });
  }
}

/** A stop published for a run, kept so that an agent taking the run later still sees it. */
export async function recordStop(client: Redis, store: string, runId: number): Promise<void> {
  await client.set(runKeys(store, runId).control, 'stop', 'EX', STOP_TTL_SECONDS);
}

function decoded(step: number, base64: string): { step: number; bytes: ArrayBuffer } {
  const buffer = Buffer.from(base64, 'base64');
  return { step, bytes: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer };
}
