import { events, type EventName, type EventPayload } from '../contract/contract.js';
import type { EventFrame } from '../contract/wire.js';

export interface EventChannelOptions {
  /** Bytes of events sent but not yet acknowledged before emit() starts to wait. */
  windowBytes?: number;
}

interface InFlight {
  seq: number;
  bytes: number;
}

/**
 * Events to one renderer, with credit-based flow control that works the same on every
 * transport: the renderer acknowledges what it has handled, and emit() waits while more than
 * `windowBytes` are unacknowledged. A fast producer (logs, progress) therefore slows down to the
 * speed of the screen instead of filling memory anywhere in between.
 */
export class EventChannel {
  private nextSeq = 0;
  private unackedBytes = 0;
  private readonly inFlight: InFlight[] = [];
  private waiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  private closed = false;
  private readonly windowBytes: number;

  constructor(
    private readonly send: (frame: EventFrame) => void,
    options: EventChannelOptions = {},
  ) {
    this.windowBytes = options.windowBytes ?? 1024 * 1024;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get pendingBytes(): number {
    return this.unackedBytes;
  }

  /** True while the renderer is behind; lossy producers may drop instead of waiting. */
  get isCongested(): boolean {
    return this.unackedBytes >= this.windowBytes;
  }

  /** Validates and sends one event, then waits until the window has room again. */
  async emit<K extends EventName>(name: K, payload: EventPayload<K>): Promise<void> {
    if (this.closed) throw new Error('event channel closed');
    const checked = events[name].parse(payload);
    const frame: EventFrame = { seq: this.nextSeq++, name, payload: checked };
    const bytes = JSON.stringify(checked).length + name.length + 16;
    this.inFlight.push({ seq: frame.seq, bytes });
    this.unackedBytes += bytes;
    this.send(frame);
    if (this.unackedBytes >= this.windowBytes) await this.waitForRoom();
  }

  /** The renderer has handled every frame up to and including `seq`. */
  ack(seq: number): void {
    while (this.inFlight.length > 0 && this.inFlight[0]!.seq <= seq) {
      this.unackedBytes -= this.inFlight.shift()!.bytes;
    }
    if (this.unackedBytes < this.windowBytes) {
      const ready = this.waiters;
      this.waiters = [];
      for (const waiter of ready) waiter.resolve();
    }
  }

  close(): void {
    this.closed = true;
    const pending = this.waiters;
    this.waiters = [];
    for (const waiter of pending) waiter.reject(new Error('event channel closed'));
  }

  private waitForRoom(): Promise<void> {
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }
}
