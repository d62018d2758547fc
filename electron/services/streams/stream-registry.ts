/** What a stream needs of the window it streams to: whether it is still there. */
export interface StreamOwner {
  readonly isClosed: boolean;
}

export type StreamEnd = 'stopped' | 'closed';

/** How often a running stream looks whether its window went away (events alone may never fail). */
const OWNER_CHECK_MS = 1_000;

interface Running {
  controller: AbortController;
  reason: StreamEnd | undefined;
}

/**
 * Every long call that streams to a window until it ends or is told to stop (jobs.follow,
 * stack.watch, logs.follow), by the id the window chose. A stream ends when its window asks
 * (streams.stop), when the window goes away (noticed within OWNER_CHECK_MS), or when the work
 * ends by itself. Ids belong to their window: one window can neither stop nor replace another's
 * stream. Starting an id that still runs for the same window replaces the old stream.
 */
export class StreamRegistry {
  private readonly running = new Map<StreamOwner, Map<string, Running>>();

  async run<T>(
    id: string,
    owner: StreamOwner,
    work: (signal: AbortSignal, closeOwner: () => void) => Promise<T>,
  ): Promise<{ ended: StreamEnd; value: T }> {
    let streams = this.running.get(owner);
    if (!streams) this.running.set(owner, (streams = new Map()));
    const previous = streams.get(id);
    if (previous) this.end(previous, 'stopped');
    const entry: Running = { controller: new AbortController(), reason: undefined };
    streams.set(id, entry);
    const ownerCheck = setInterval(() => {
      if (owner.isClosed) this.end(entry, 'closed');
    }, OWNER_CHECK_MS);
    try {
      const value = await work(entry.controller.signal, () => this.end(entry, 'closed'));
      return { ended: entry.reason ?? 'stopped', value };
    } finally {
      clearInterval(ownerCheck);
      if (streams.get(id) === entry) streams.delete(id);
      if (streams.size === 0 && this.running.get(owner) === streams) this.running.delete(owner);
    }
  }

  /** Stops the stream `id` of `owner`; false when it has none of that id. */
  stop(id: string, owner: StreamOwner): boolean {
    const entry = this.running.get(owner)?.get(id);
    if (!entry) return false;
    this.end(entry, 'stopped');
    return true;
  }

  get size(): number {
    let count = 0;
    for (const streams of this.running.values()) count += streams.size;
    return count;
  }

  private end(entry: Running, reason: StreamEnd): void {
    entry.reason ??= reason;
    entry.controller.abort();
  }
}
