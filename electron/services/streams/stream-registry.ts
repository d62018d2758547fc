/** What a stream needs of the window it streams to: whether it is still there. */
export interface StreamOwner {
  readonly isClosed: boolean;
}

export type StreamEnd = 'stopped' | 'closed';

/** How often a running stream looks whether its window went away (events alone may never fail). */
const OWNER_CHECK_MS = 1_000;

interface Running {
  owner: StreamOwner;
  controller: AbortController;
  reason: StreamEnd | undefined;
}

/**
 * The long calls that stream until told to stop (stack.watch, logs.follow), by the id the renderer
 * chose. A stream ends when its window asks (stop), when the window goes away (it is noticed
 * within OWNER_CHECK_MS), or when the work ends by itself; only the window that started a stream
 * can stop it. Starting an id that still runs for the same window replaces the old stream.
 */
export class StreamRegistry {
  private readonly running = new Map<string, Running>();

  async run<T>(
    id: string,
    owner: StreamOwner,
    work: (signal: AbortSignal, closeOwner: () => void) => Promise<T>,
  ): Promise<{ ended: StreamEnd; value: T }> {
    const previous = this.running.get(id);
    if (previous && previous.owner === owner) this.end(previous, 'stopped');
    const entry: Running = { owner, controller: new AbortController(), reason: undefined };
    this.running.set(id, entry);
    const ownerCheck = setInterval(() => {
      if (owner.isClosed) this.end(entry, 'closed');
    }, OWNER_CHECK_MS);
    try {
      const value = await work(entry.controller.signal, () => this.end(entry, 'closed'));
      return { ended: entry.reason ?? 'stopped', value };
    } finally {
      clearInterval(ownerCheck);
      if (this.running.get(id) === entry) this.running.delete(id);
    }
  }

  /** Stops the stream `id` if `owner` started it; false when there is none. */
  stop(id: string, owner: StreamOwner): boolean {
    const entry = this.running.get(id);
    if (!entry || entry.owner !== owner) return false;
    this.end(entry, 'stopped');
    return true;
  }

  get size(): number {
    return this.running.size;
  }

  private end(entry: Running, reason: StreamEnd): void {
    entry.reason ??= reason;
    entry.controller.abort();
  }
}
