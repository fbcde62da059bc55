// Queue URLs: redis:// and rediss:// (TLS) with credentials and a database, the password never shown, and
// anything else refused with how to write it.
import { describe, expect, it } from 'vitest';
import { parseQueueUrl, QueueUrlError } from '../../../../core/node/queue/queue-url';

describe('parseQueueUrl', () => {
  it('reads host, port, database and credentials, and shows the URL without its password', () => {
    const address = parseQueueUrl('redis://lab:p%40ss@gpu-box.local:6380/2');
    expect(address.options).toEqual({ host: 'gpu-box.local', port: 6380, db: 2, username: 'lab', password: 'p@ss' });
    expect(address.display).toBe('redis://lab:***@gpu-box.local:6380/2');
    expect(address.display).not.toContain('p%40ss');
  });

  it('defaults to port 6379 and database 0', () => {
    expect(parseQueueUrl('redis://127.0.0.1').options).toEqual({ host: '127.0.0.1', port: 6379, db: 0 });
  });

  it('accepts rediss:// as TLS, checking the certificate against the host name', () => {
    const address = parseQueueUrl('rediss://:secret@queue.example.org:6390');
    expect(address.options).toEqual({ host: 'queue.example.org', port: 6390, db: 0, password: 'secret', tls: { servername: 'queue.example.org' } });
    expect(address.display).toBe('rediss://:***@queue.example.org:6390');
  });

  it('refuses other schemes, non-URLs and a database that is not a number, saying how to write the URL', () => {
    expect(() => parseQueueUrl('http://127.0.0.1:6379')).toThrow(QueueUrlError);
    expect(() => parseQueueUrl('http://127.0.0.1:6379')).toThrow(/must start with redis:\/\/ or rediss:\/\/ \(TLS\), not http:/);
    expect(() => parseQueueUrl('127.0.0.1:6379')).toThrow(/redis:\/\/\[:PASSWORD@\]HOST/);
    expect(() => parseQueueUrl('redis://:pw@host/queue')).toThrow(/database "queue"; a Redis database is a number/);
    expect(() => parseQueueUrl('redis://:pw@host/queue')).not.toThrow(/pw/);
  });
});
