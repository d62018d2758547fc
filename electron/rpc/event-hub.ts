import type { EventName, EventPayload } from '../contract/contract.js';
import type { EventChannel } from './event-channel.js';

/** Every open window or socket, so that state changes (settings, later server status) reach all of them. */
export class EventHub {
  private readonly channels = new Set<EventChannel>();

  add(channel: EventChannel): () => void {
    this.channels.add(channel);
    return () => this.channels.delete(channel);
  }

  /** Broadcasts do not wait for slow windows: they are small and rare. */
  broadcast<K extends EventName>(name: K, payload: EventPayload<K>): void {
    for (const channel of this.channels) {
      if (channel.isClosed) continue;
      channel.emit(name, payload).catch(() => this.channels.delete(channel));
    }
  }

  get size(): number {
    return this.channels.size;
  }
}
