// The teaching playground's side of the backend (main thread): at most one teaching worker per client (a client
// names itself with a random id per page), at most MAX_TEACHING_WORKERS in all, each ended when its client stops
// it, closes the view, or goes silent for LEASE_MS (a closed tab or a dropped connection sends nothing more). The
// worker trains; this only routes commands and forwards its updates. Nothing here touches the store.
import type { Worker } from 'node:worker_threads';
import type { TeachingSettings } from '../../common/api/teaching-entities';
import { spawnWorker } from '../workers/spawn-worker';
import type { MainToTeaching, TeachingCommand, TeachingReply, TeachingToMain, TeachingUpdate } from './teaching-protocol';

/** Teaching workers at once over all clients: each trains continuously on a core the runs share. */
export const MAX_TEACHING_WORKERS = 2;
/** A client that has sent no call for this long is gone: its worker is ended. */
export const LEASE_MS = 15_000;

interface ClientWorker {
  readonly worker: Worker;
  readonly pending: Map<number, { resolve(reply: TeachingReply): void; reject(error: Error): void }>;
  lease: ReturnType<typeof setTimeout>;
}

export type TeachingResult = { readonly ok: true; readonly reply: TeachingReply } | { readonly ok: false; readonly message: string };

export class TeachingService {
  private readonly clients = new Map<string, ClientWorker>();
  private nextId = 1;

  constructor(
    private readonly entry: string,
    private readonly onUpdate: (clientId: string, update: TeachingUpdate) => void,
    private readonly leaseMs = LEASE_MS,
  ) {}

  /** Configures the client's session (starting its worker if it has none). */
  configure(clientId: string, settings: TeachingSettings): Promise<TeachingResult> {
    const client = this.clients.get(clientId);
    if (client === undefined && this.clients.size >= MAX_TEACHING_WORKERS)
      return Promise.resolve({
        ok: false,
        message: `${MAX_TEACHING_WORKERS} teaching playgrounds are already training (another window or tab); close one and try again.`,
      });
    return this.send(client ?? this.start(clientId), { type: 'configure', settings });
  }

  /** A command to the client's running session; refused when it has none (never configured, stopped, or its lease ran out). */
  command(clientId: string, command: Exclude<TeachingCommand, { type: 'configure' }>): Promise<TeachingResult> {
    const client = this.clients.get(clientId);
    if (client === undefined)
      return Promise.resolve({ ok: false, message: 'This teaching playground is not running (it was stopped or timed out); open it again.' });
    return this.send(client, command);
  }

  /** Renews the client's lease; false when it has no worker. */
  keepAlive(clientId: string): boolean {
    const client = this.clients.get(clientId);
    if (client === undefined) return false;
    this.renew(clientId, client);
    return true;
  }

  async stop(clientId: string): Promise<boolean> {
    const client = this.clients.get(clientId);
    if (client === undefined) return false;
    this.clients.delete(clientId);
    clearTimeout(client.lease);
    for (const pending of client.pending.values()) pending.reject(new Error('The teaching playground was stopped.'));
    client.pending.clear();
    await client.worker.terminate();
    return true;
  }

  /** How many teaching workers are running (for tests and the limit). */
  get running(): number {
    return this.clients.size;
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.keys()].map((id) => this.stop(id)));
  }

  private start(clientId: string): ClientWorker {
    // a tiny model: small heap, and the process may exit while it runs (the app stops it on close)
    const worker = spawnWorker(this.entry, { resourceLimits: { maxOldGenerationSizeMb: 256 } });
    worker.unref();
    const client: ClientWorker = { worker, pending: new Map(), lease: setTimeout(() => undefined, 0) };
    worker.on('message', (message: TeachingToMain) => {
      if (message.kind === 'update') {
        this.onUpdate(clientId, message.update);
        return;
      }
      const pending = client.pending.get(message.id);
      if (pending === undefined) return;
      client.pending.delete(message.id);
      if (message.kind === 'reply') pending.resolve(message.reply);
      else pending.reject(new Error(`The teaching worker failed: ${message.message}`));
    });
    const died = (why: string): void => {
      if (this.clients.get(clientId) !== client) return;
      this.clients.delete(clientId);
      clearTimeout(client.lease);
      for (const pending of client.pending.values()) pending.reject(new Error(why));
      client.pending.clear();
    };
    worker.on('error', (error: Error) => died(`The teaching worker crashed: ${error.message}`));
    worker.on('exit', (code) => died(`The teaching worker stopped unexpectedly (exit code ${code}).`));
    this.clients.set(clientId, client);
    this.renew(clientId, client);
    return client;
  }

  private renew(clientId: string, client: ClientWorker): void {
    clearTimeout(client.lease);
    client.lease = setTimeout(() => void this.stop(clientId), this.leaseMs);
    client.lease.unref();
  }

  private async send(client: ClientWorker, command: TeachingCommand): Promise<TeachingResult> {
    // the lease does not run while the client waits for its worker (a first start takes a while); it restarts at the reply
    clearTimeout(client.lease);
    const id = this.nextId++;
    try {
      const reply = await new Promise<TeachingReply>((resolve, reject) => {
        client.pending.set(id, { resolve, reject });
        const message: MainToTeaching = { id, command };
        client.worker.postMessage(message);
      });
      const clientId = [...this.clients.entries()].find(([, c]) => c === client)?.[0];
      if (clientId !== undefined) this.renew(clientId, client);
      return { ok: true, reply };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }
}
