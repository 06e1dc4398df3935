import type { EventName, EventPayload } from '../shared/contract.js';

type Listener = (name: EventName, payload: unknown) => void;

/** Contract events fan out from here to every transport (IPC webContents.send, SSE). */
export class EventHub {
  private readonly listeners = new Set<Listener>();
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) l(name, payload);
  }
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
