// Names in Redis. One BullMQ queue of trials serves every SeqLab that uses the fleet; everything else is
// per run store (`store`: a hash of the host and database path, so two apps sharing the agents never read
// each other's results): its result stream, and per run the last 'latest' checkpoint an agent sent, the
// attempt counter and a stop that waits for the run's next agent.
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { resolve } from 'node:path';

/** The BullMQ queue agents take trials from. */
export const TRIALS_QUEUE = 'seqlab-trials';

/** Pub/sub channel of pause / resume / stop for trials in training. */
export const CONTROL_CHANNEL = 'seqlab:control';

/** Consumer group (and its one consumer) of the backend reading a result stream. */
export const RESULTS_GROUP = 'backend';

/** The store's name in Redis: 16 hex digits of sha256(host:absolute database path). */
export function storeKey(databasePath: string): string {
  return createHash('sha256')
    .update(`${hostname()}:${resolve(databasePath)}`)
    .digest('hex')
    .slice(0, 16);
}

export function resultsStreamKey(store: string): string {
  return `seqlab:${store}:results`;
}

export function trialJobId(store: string, runId: number): string {
  return `${store}-run-${runId}`;
}

export function runKeys(store: string, runId: number) {
  const base = `seqlab:${store}:run:${runId}`;
  return {
    /** Hash { attempt, step, bytes } of the last 'latest' checkpoint any agent sent for the run. */
    checkpoint: `${base}:checkpoint`,
    /** INCR'd by each agent that takes the run: the number that fences out messages of earlier attempts. */
    attempt: `${base}:attempt`,
    /** 'stop' once the run was stopped, read by an agent taking the run after the stop was published. */
    control: `${base}:control`,
  };
}
