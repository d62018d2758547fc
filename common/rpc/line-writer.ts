import type { Writable } from 'node:stream';

/**
 * Writes one JSON message per line and honours the stream's backpressure: when write() says the
 * buffer is full, the caller waits for 'drain'. A fast producer (a follow of a long journal)
 * therefore runs at the reader's speed instead of queuing the whole journal in memory.
 */
export class LineWriter {
  private closedError: Error | undefined;
  private corked = false;
  private drainWaiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];

  constructor(private readonly stream: Writable) {
    stream.on('drain', () => this.release());
    const onGone = (error?: Error) => this.fail(error ?? new Error('stream closed'));
    stream.on('close', () => onGone());
    stream.on('error', onGone);
  }

  get isClosed(): boolean {
    return this.closedError !== undefined || this.stream.destroyed || this.stream.writableEnded;
  }

  /** Sends the message and resolves once the stream can take more. */
  send(message: unknown): Promise<void> {
    if (this.closedError) return Promise.reject(this.closedError);
    if (this.isClosed) return Promise.reject(new Error('stream closed'));
    // Lines written in one turn of the event loop leave in one system call: a follow sends a
    // whole journal chunk of events per turn, and one write per event would cost most of its time.
    if (!this.corked) {
      this.corked = true;
      this.stream.cork();
      setImmediate(() => {
        this.corked = false;
        this.stream.uncork();
      });
    }
    // Not an async function on purpose: nothing here holds the message while the caller waits
    // for 'drain', so a large one (a batch of log lines) is garbage as soon as it is written out.
    const ok = this.stream.write(`${JSON.stringify(message)}\n`);
    return ok ? Promise.resolve() : this.waitForDrain();
  }

  private waitForDrain(): Promise<void> {
    if (this.closedError) return Promise.reject(this.closedError);
    return new Promise((resolve, reject) => this.drainWaiters.push({ resolve, reject }));
  }

  private release(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const waiter of waiters) waiter.resolve();
  }

  private fail(error: Error): void {
    this.closedError ??= error;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const waiter of waiters) waiter.reject(this.closedError);
  }
}
