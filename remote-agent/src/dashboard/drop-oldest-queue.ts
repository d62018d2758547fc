/**
 * A queue bounded in bytes that never blocks its producers: when an item does not fit, the oldest
 * items are dropped to make room and counted. The consumer learns the count with the next items
 * it takes, so it can put a "N skipped" marker exactly where the gap is (the dropped items were
 * all older than anything still queued). This is what keeps a follow of a chatty service from
 * growing without bound when the reader is slow, and what keeps it live: the reader sees the
 * newest lines, not a backlog.
 */
export class DropOldestQueue<T> {
  private items: (T | undefined)[] = [];
  private sizes: number[] = [];
  private weights: number[] = [];
  private head = 0;
  private queuedBytes = 0;
  private droppedSinceTake = 0;
  private droppedTotal = 0;
  private waiter: (() => void) | undefined;

  constructor(readonly maxBytes: number) {
    if (!(maxBytes > 0)) throw new Error('maxBytes must be positive');
  }

  get bytes(): number {
    return this.queuedBytes;
  }

  get length(): number {
    return this.items.length - this.head;
  }

  get dropped(): number {
    return this.droppedTotal;
  }

  /**
   * Adds an item of (roughly) `size` bytes, dropping the oldest ones while it does not fit. `weight`
   * is what a drop of it counts (a line 1; a marker that is not a line 0).
   */
  push(item: T, size: number, weight = 1): void {
    // An item larger than the whole queue replaces everything; it is never refused.
    while (this.length > 0 && this.queuedBytes + size > this.maxBytes) this.dropOldest();
    this.items.push(item);
    this.sizes.push(size);
    this.weights.push(weight);
    this.queuedBytes += size;
    this.wake();
  }

  /**
   * Takes the oldest items up to `maxBytes` (at least one when any is queued) and how many were
   * dropped before them since the last take.
   */
  take(maxBytes: number): { items: T[]; skippedBefore: number } {
    const items: T[] = [];
    let taken = 0;
    while (this.length > 0) {
      const size = this.sizes[this.head] ?? 0;
      if (items.length > 0 && taken + size > maxBytes) break;
      items.push(this.items[this.head] as T);
      this.items[this.head] = undefined;
      this.head++;
      taken += size;
      this.queuedBytes -= size;
    }
    this.compact();
    const skippedBefore = this.droppedSinceTake;
    this.droppedSinceTake = 0;
    return { items, skippedBefore };
  }

  /** Resolves once something is queued (or a drop happened), or when the signal aborts. */
  whenReady(signal: AbortSignal): Promise<void> {
    if (this.length > 0 || this.droppedSinceTake > 0 || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        this.waiter = undefined;
        resolve();
      };
      this.waiter = done;
      signal.addEventListener('abort', done, { once: true });
    });
  }

  private dropOldest(): void {
    this.queuedBytes -= this.sizes[this.head] ?? 0;
    const weight = this.weights[this.head] ?? 1;
    this.items[this.head] = undefined;
    this.head++;
    this.droppedSinceTake += weight;
    this.droppedTotal += weight;
    this.compact();
  }

  /** Drops the consumed front once it is large, so the arrays do not grow with everything ever queued. */
  private compact(): void {
    if (this.head === this.items.length) {
      this.items = [];
      this.sizes = [];
      this.weights = [];
      this.head = 0;
    } else if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.sizes = this.sizes.slice(this.head);
      this.weights = this.weights.slice(this.head);
      this.head = 0;
    }
  }

  private wake(): void {
    this.waiter?.();
  }
}
