// The app's side of a queue of agents (the runner's RemoteTrainer): sends each run to the BullMQ queue as a
// trial job, reads the store's result stream and hands every entry to the runner exactly as a local worker's
// message (so the run is recorded as any other), and passes pause / resume / stop on to the agents.
//
// What is read is stored before it is acknowledged and deleted from the stream, so nothing an agent sent is
// lost when the app stops between the two; entries of runs this app does not hold open wait in the stream for
// the next start. Entries are fenced: an earlier attempt's late entries and repeated entries are dropped (the
// metrics are keyed by run, name and step anyway, so a repeated row could not be duplicated, only rewritten).
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Run } from '../store/types';
import { ENDED_STATUSES } from '../store/types';
import type { Store } from '../store/store';
import { isFinalMessage, type MainToWorker } from '../runner/protocol';
import type { RemoteRunHandlers, RemoteTrainer, RunHandle, Runner } from '../runner';
import { recordStop } from './agent-trial';
import { checkQueue, openClient } from './queue-connection';
import { CONTROL_CHANNEL, RESULTS_GROUP, TRIALS_QUEUE, resultsStreamKey, runKeys, storeKey, trialJobId } from './queue-keys';
import type { QueueAddress } from './queue-url';
import { ENTRY_FIELD, fromWire, parseEntry, type ResultEntry } from './result-message';
import { readStreamReply } from './stream-reply';
import type { TrialControl } from './trial-control';
import type { TrialJob } from './trial-job';

interface OpenRun {
  readonly runId: number;
  readonly handlers: RemoteRunHandlers;
  /** The newest attempt seen (agents number their takes of a run), and the last entry taken of it. */
  attempt: number;
  lastSeq: number;
  /** A final message has been handed on (terminate then only lets go). */
  ended: boolean;
}

/** How often a trial may be taken again after its agent's take failed (not counting stalls: agents that died). */
const TAKES = 5;

/** Entries read at once. */
const BATCH = 200;
/** How long one read waits for entries (ms); also how soon close() is noticed. */
const BLOCK_MS = 500;

export class QueueTrainer implements RemoteTrainer {
  /** The store's name in Redis (queue-keys.ts). */
  readonly storeId: string;
  private store: Store | null = null;
  private readonly runs = new Map<number, OpenRun>();
  /** Runs whose job is already on the queue (found at start-up): opening them attaches instead of sending again. */
  private readonly attachOnly = new Set<number>();
  private readonly agents = new Map<number, string>();
  private readonly stream: string;
  private closed = false;
  private ingesting: Promise<void> | null = null;
  /** Hears which agent trains a run, each time that changes. */
  onAgent: (runId: number, agent: string) => void = () => {};

  private constructor(
    readonly address: QueueAddress,
    databasePath: string,
    private readonly queue: Queue,
    /** The queue's own connection (BullMQ leaves a connection it was given open). */
    private readonly queueClient: Redis,
    private readonly client: Redis,
    private readonly reader: Redis,
  ) {
    this.storeId = storeKey(databasePath);
    this.stream = resultsStreamKey(this.storeId);
  }

  /** Checks that the queue answers (a wrong password is refused here with a clear message), then connects. */
  static async connect(address: QueueAddress, databasePath: string): Promise<QueueTrainer> {
    await checkQueue(address);
    const queueClient = openClient(address);
    const queue = new Queue(TRIALS_QUEUE, { connection: queueClient });
    return new QueueTrainer(address, databasePath, queue, queueClient, openClient(address), openClient(address));
  }

  /** The store the runs are recorded in (BackendService passes its own when it creates the runner). */
  useStore(store: Store): this {
    this.store = store;
    return this;
  }

  /** The agent that last sent something for the run, if any did since this app started. */
  agentOf(runId: number): string | undefined {
    return this.agents.get(runId);
  }

  /**
   * At start-up, after the runner marked the runs of ended processes interrupted: those whose trial is still
   * on the queue (a job waiting or training, or entries waiting to be stored) continue on it, attached rather
   * than sent again; then results are read.
   */
  async start(runner: Runner): Promise<void> {
    const store = this.requireStore();
    await this.client.xgroup('CREATE', this.stream, RESULTS_GROUP, '0', 'MKSTREAM').catch((error: Error) => {
      if (!/BUSYGROUP/.test(error.message)) throw error;
    });
    for (const runId of await this.runsOnQueue()) {
      if (store.runs.get(runId)?.status !== 'interrupted') continue;
      this.attachOnly.add(runId);
      if (!runner.resumeInterrupted(runId).ok) this.attachOnly.delete(runId);
    }
    this.ingesting = this.ingest();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.ingesting;
    await this.queue.close();
    this.queueClient.disconnect();
    this.client.disconnect();
    this.reader.disconnect();
  }

  open(run: Run, handlers: RemoteRunHandlers): RunHandle {
    const open: OpenRun = { runId: run.id, handlers, attempt: 0, lastSeq: -1, ended: false };
    this.runs.set(run.id, open);
    if (!this.attachOnly.delete(run.id)) {
      this.submit(run).catch((error: unknown) => {
        if (this.runs.get(run.id) !== open) return;
        open.ended = true;
        handlers.crashed(`The trial could not be sent to the queue at ${this.address.display}: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
    return {
      send: (message) => void this.control(open, message).catch((error: unknown) => console.error(`SeqLab queue: run ${run.id}:`, error)),
      terminate: async () => {
        if (this.runs.get(run.id) === open) this.runs.delete(run.id);
        // Not after its final message: the run is being deleted, so its agent stops.
        if (!open.ended) await this.stopRemote(run.id);
      },
    };
  }

  detach(runId: number): void {
    this.runs.delete(runId);
  }

  private async submit(run: Run): Promise<void> {
    if (run.datasetId !== null) {
      throw new Error(
        `run ${run.id} trains on registered dataset #${run.datasetId}, and agents cannot receive datasets yet; train it on this machine (without --queue).`,
      );
    }
    const latest = this.requireStore().checkpoints.load(run.id, 'latest');
    // Nothing of this run is on the queue (else it would have been attached): what Redis may still hold under
    // its name is from an earlier life of the run and must not be resumed from.
    const keys = runKeys(this.storeId, run.id);
    await this.client.del(keys.checkpoint, keys.attempt, keys.control);
    const job: TrialJob = {
      store: this.storeId,
      runId: run.id,
      spec: run.spec,
      checkpoint: latest ? { step: latest.step, base64: Buffer.from(latest.blob).toString('base64') } : null,
    };
    // A take that fails outside training (Redis lost mid-write) is retried, from the last checkpoint an agent kept.
    await this.queue.add('trial', job, {
      jobId: trialJobId(this.storeId, run.id),
      attempts: TAKES,
      backoff: { type: 'fixed', delay: 1000 },
      removeOnComplete: true,
      removeOnFail: true,
    });
  }

  /** Stop: a trial still waiting is taken off the queue (and ends here); one in training hears it through its agent. */
  private async control(open: OpenRun, message: MainToWorker): Promise<void> {
    if (message.type === 'start') return;
    if (message.type !== 'stop') return this.publish(open.runId, message.type);
    const job = await this.queue.getJob(trialJobId(this.storeId, open.runId));
    const state = job ? await job.getState() : null;
    if ((state === 'waiting' || state === 'prioritized' || state === 'delayed') && (await this.queue.remove(trialJobId(this.storeId, open.runId))) === 1) {
      if (this.runs.get(open.runId) !== open || open.ended) return;
      open.ended = true;
      open.handlers.message({ type: 'done', step: this.requireStore().runs.get(open.runId)?.step ?? 0, reason: 'stopped' });
      return;
    }
    await this.stopRemote(open.runId);
  }

  private async stopRemote(runId: number): Promise<void> {
    await recordStop(this.client, this.storeId, runId);
    await this.publish(runId, 'stop');
  }

  private async publish(runId: number, control: TrialControl['control']): Promise<void> {
    const body: TrialControl = { store: this.storeId, runId, control };
    await this.client.publish(CONTROL_CHANNEL, JSON.stringify(body));
  }

  /** Runs with a job on the queue or entries waiting in the stream. */
  private async runsOnQueue(): Promise<Set<number>> {
    const ids = new Set<number>();
    const jobs = await this.queue.getJobs(['waiting', 'active', 'delayed', 'prioritized']);
    for (const job of jobs) {
      const data = job.data as Partial<TrialJob> | undefined;
      if (data?.store === this.storeId && typeof data.runId === 'number') ids.add(data.runId);
    }
    const entries = (await this.client.xrange(this.stream, '-', '+')) as [string, string[]][];
    for (const [, fields] of entries) {
      const entry = parseEntry(fields[1] ?? '');
      if (entry) ids.add(entry.runId);
    }
    return ids;
  }

  /** Reads first what was read before but not acknowledged (the app stopped in between), then new entries. */
  private async ingest(): Promise<void> {
    let cursor: string | null = '0';
    while (!this.closed) {
      let batch: [string, string[]][];
      try {
        const reply = await this.reader.xreadgroup(
          'GROUP',
          RESULTS_GROUP,
          RESULTS_GROUP,
          'COUNT',
          BATCH,
          'BLOCK',
          BLOCK_MS,
          'STREAMS',
          this.stream,
          cursor ?? '>',
        );
        batch = readStreamReply(reply);
      } catch (error) {
        if (this.closed) return;
        console.error(`SeqLab queue: reading results from ${this.address.display} failed (retrying):`, error);
        await new Promise((resolve) => setTimeout(resolve, BLOCK_MS));
        continue;
      }
      if (cursor !== null) {
        const last = batch.at(-1);
        cursor = last === undefined ? null : last[0];
      }
      if (batch.length > 0 && !this.closed && this.store?.isOpen) await this.take(batch);
    }
  }

  /** Stores a batch, then acknowledges and deletes the entries it is done with. */
  private async take(batch: readonly [string, string[]][]): Promise<void> {
    const done: string[] = [];
    const touched = new Set<OpenRun>();
    for (const [id, fields] of batch) {
      const entry = fields[0] === ENTRY_FIELD ? parseEntry(fields[1] ?? '') : null;
      if (entry === null) {
        console.error(`SeqLab queue: stream entry ${id} is not a SeqLab result; dropped.`);
        done.push(id);
        continue;
      }
      const open = this.runs.get(entry.runId);
      if (open === undefined) {
        const run = this.requireStore().runs.get(entry.runId);
        // A run not open here but not ended either keeps its entries for when it is (the next start).
        if (run !== undefined && !ENDED_STATUSES.includes(run.status)) continue;
        done.push(id); // a deleted or ended run: a late or repeated entry
        continue;
      }
      this.deliver(open, entry);
      touched.add(open);
      done.push(id);
    }
    for (const open of touched) open.handlers.commit();
    if (done.length === 0) return;
    await this.client.xack(this.stream, RESULTS_GROUP, ...done);
    await this.client.xdel(this.stream, ...done);
  }

  private deliver(open: OpenRun, entry: ResultEntry): void {
    if (open.ended || entry.attempt < open.attempt) return; // after the end, or from an agent the run was taken from
    if (entry.attempt > open.attempt) {
      open.attempt = entry.attempt;
      open.lastSeq = -1;
    }
    if (entry.seq <= open.lastSeq) return; // repeated
    open.lastSeq = entry.seq;
    if (this.agents.get(open.runId) !== entry.agent) {
      this.agents.set(open.runId, entry.agent);
      this.onAgent(open.runId, entry.agent);
    }
    const { message } = entry;
    if (message.type === 'started') return open.handlers.rewind(message.fromStep);
    const decoded = fromWire(message);
    if (isFinalMessage(decoded)) open.ended = true;
    open.handlers.message(decoded);
  }

  private requireStore(): Store {
    if (this.store === null) throw new Error('QueueTrainer: useStore() was not called');
    return this.store;
  }
}
