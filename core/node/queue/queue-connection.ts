// Redis connections to a queue: a check that it answers (before any job is sent or taken, so a wrong
// password is one clear refusal rather than endless reconnection), and the clients BullMQ and the result
// stream use.
import { Redis } from 'ioredis';
import { describeQueueError, QueueUnreachableError } from './queue-error';
import type { QueueAddress } from './queue-url';

/** How long the first connection may take before the queue counts as unreachable (ms). */
const CONNECT_TIMEOUT_MS = 10_000;

/** Connects once, authenticates and pings; throws QueueUnreachableError with what went wrong. */
export async function checkQueue(address: QueueAddress): Promise<void> {
  const client = new Redis({
    ...address.options,
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  // A refused AUTH arrives as an 'error' event, connect() then only says the connection closed: the event says why.
  let refusal: unknown = null;
  client.on('error', (error: unknown) => (refusal ??= error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new QueueUnreachableError(describeQueueError(address, refusal ?? error));
  } finally {
    client.disconnect();
  }
}

/**
 * A client for BullMQ and the streams: it reconnects for ever (an agent outlives a Redis restart), and
 * `maxRetriesPerRequest: null` is what BullMQ requires of the connections its workers block on.
 */
export function openClient(address: QueueAddress): Redis {
  const client = new Redis({ ...address.options, maxRetriesPerRequest: null });
  // Connection errors are retried by ioredis; without a listener each would be printed as unhandled.
  client.on('error', () => {});
  return client;
}
