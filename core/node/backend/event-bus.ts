// Fan-out of the backend's pushed events (run progress, status changes) to every connected transport.
import type { ApiEvent, ApiEventName } from '../../common/api/contract';

export type EventListener = <E extends ApiEventName>(event: E, payload: ApiEvent<E>) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends ApiEventName>(event: E, payload: ApiEvent<E>): void {
    for (const listener of this.listeners) {
      // A failing transport must not stop the others from hearing the event.
      try {
        listener(event, payload);
      } catch (error) {
        console.error(`SeqLab: an event listener failed on ${event}:`, error);
      }
    }
  }
}
