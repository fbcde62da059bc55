// The address of a queue of agents: a Redis URL (redis:// or rediss:// for TLS, optionally with a user, a
// password and a database number), turned into ioredis options, and the same address with its password
// blanked, the only form ever printed or stored.
/** The connection fields of ioredis's options that a queue URL sets. */
export interface RedisEndpoint {
  readonly host: string;
  readonly port: number;
  readonly db: number;
  readonly username?: string;
  readonly password?: string;
  /** Set for rediss://: TLS, checking the server's certificate against its host name. */
  readonly tls?: { readonly servername: string };
}

export interface QueueAddress {
  readonly options: RedisEndpoint;
  /** The URL without its password, for messages and logs. */
  readonly display: string;
}

/** Thrown for a queue URL that cannot be used; the message says what is wrong and how to write it. */
export class QueueUrlError extends Error {
  override readonly name = 'QueueUrlError';
}

const EXAMPLE = 'redis://[:PASSWORD@]HOST[:PORT][/DB] or rediss://… for TLS';

export function parseQueueUrl(text: string): QueueAddress {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new QueueUrlError(`"${text}" is not a URL; write the queue as ${EXAMPLE}.`);
  }
  const tls = url.protocol === 'rediss:';
  if (!tls && url.protocol !== 'redis:')
    throw new QueueUrlError(`The queue URL must start with redis:// or rediss:// (TLS), not ${url.protocol}//; write it as ${EXAMPLE}.`);
  if (url.hostname === '') throw new QueueUrlError(`The queue URL ${redact(url)} names no host; write it as ${EXAMPLE}.`);
  const port = url.port === '' ? 6379 : Number(url.port);
  const dbText = url.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0)
    throw new QueueUrlError(`The queue URL ${redact(url)} names database "${dbText}"; a Redis database is a number (0, 1, …).`);
  // URL keeps brackets around an IPv6 host; ioredis wants the bare address.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const options: RedisEndpoint = {
    host,
    port,
    db,
    ...(url.username === '' ? {} : { username: decodeURIComponent(url.username) }),
    ...(url.password === '' ? {} : { password: decodeURIComponent(url.password) }),
    ...(tls ? { tls: { servername: host } } : {}),
  };
  return { options, display: redact(url) };
}

function redact(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password !== '') copy.password = '***';
  return copy.href.replace(/\/$/, '');
}
