// Why a queue cannot be reached, in words a person can act on: Redis's own refusals (a wrong or missing
// password) and the network's (nothing listening, an unknown host, a TLS handshake that fails).
import type { QueueAddress } from './queue-url';

/** A queue that refused or could not be reached; the message names the address (without its password). */
export class QueueUnreachableError extends Error {
  override readonly name = 'QueueUnreachableError';
}

export function describeQueueError(address: QueueAddress, error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const at = `The queue at ${address.display}`;
  if (/WRONGPASS|invalid password|invalid username-password/i.test(text))
    return `${at} refused the password: Redis answered "${text}". Check the password (and user) in the queue URL.`;
  if (/NOAUTH/i.test(text)) return `${at} needs a password: Redis answered "${text}". Put it in the URL as redis://:PASSWORD@host:port.`;
  if (code === 'ECONNREFUSED') return `${at} cannot be reached: nothing listens there (connection refused). Start Redis there, or check the host and port.`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `${at} cannot be reached: the host name is unknown. Check the host in the queue URL.`;
  if (/SSL|TLS|certificate|wrong version number/i.test(text))
    return `${at} failed its TLS handshake: ${text}. rediss:// needs a Redis that speaks TLS (and a certificate this machine trusts); plain Redis is redis://.`;
  return `${at} cannot be used: ${text}`;
}
