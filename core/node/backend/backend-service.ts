// The one object that owns the store (and later the runner and model sessions) for a process:
// Electron main, `serve` or the CLI each create one with a database path and hand its dispatcher to a transport.
import type { AppInfo } from '../../common/api/entities';
import { openStore, type Store } from '../store/store';
import { createDispatcher, type Dispatcher } from './dispatch';
import { EventBus } from './event-bus';
import { createHandlers } from './handlers';
import { SEQLAB_VERSION } from './version';

export interface BackendOptions {
  databasePath: string;
  host: AppInfo['host'];
}

export class BackendService {
  readonly events = new EventBus();
  readonly dispatcher: Dispatcher;
  private readonly store: Store;

  /** Throws StoreOpenError (with a message for a person) when the database cannot be used. */
  constructor(options: BackendOptions) {
    this.store = openStore(options.databasePath);
    const info: AppInfo = { name: 'SeqLab', version: SEQLAB_VERSION, databasePath: options.databasePath, host: options.host };
    this.dispatcher = createDispatcher(createHandlers(this.store, this.events, info), (name, error) => {
      console.error(`SeqLab: ${name} failed:`, error);
    });
  }

  close(): void {
    this.store.close();
  }
}
