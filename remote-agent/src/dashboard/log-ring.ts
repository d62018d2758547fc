import { MAX_LINE_CHARS } from './log-frames.js';
import type { LogEntry, LogStream, ServiceName } from '../../../common/dashboard/dashboard-contract.js';

/** What a follower hands the ring besides lines: where a service's stream began or ended. */
export type LogMarker =
  | { kind: 'attached'; service: ServiceName }
  | { kind: 'detached'; service: ServiceName; reason: 'stopped' | 'missing' | 'unreadable'; detail?: string };

/** Complete lines of one stream, each ending in "\n", at [offset, offset + length) of the ring. */
interface LinesItem {
  kind: 'lines';
  service: ServiceName;
  stream: LogStream;
  offset: number;
  length: number;
  lines: number;
}

/** What waits, with the number of lines dropped just before it (its 'skipped' marker). */
type RingItem = (LogMarker | LinesItem) & { skippedBefore: number };

/**
 * Where the engine's prefix ("2024-05-01T12:00:00.123456789Z ") of the line text[start, end) ends
 * (its space), or -1 when the line has none (a cut-off continuation). A cheap shape check.
 */
function stampEnd(text: string, start: number, end: number): number {
  if (text.charCodeAt(start + 4) !== 0x2d || text.charCodeAt(start + 10) !== 0x54) return -1;
  const limit = Math.min(end, start + 41);
  for (let at = start + 20; at < limit; at++) if (text.charCodeAt(at) === 0x20) return at;
  return -1;
}

/**
 * The lines waiting for the reader of one logs.follow, as bytes in one buffer of fixed size, with
 * a small list of what lies where. Why bytes and not strings: the follow of 15 chatty services
 * reads far more than a slow reader takes, and lines kept as strings in a queue live long enough
 * for the garbage collector to move them to the old generation, where the ones dropped later
 * pile up until a full collection (the agent grew by 50 MB under a burst that way). Here a line
 * becomes a string only when it is sent, and a dropped line was never more than bytes: the memory
 * of a follow is this buffer, whatever the services write.
 *
 * When full, the oldest lines make room (the reader sees the newest, as a live view should: the
 * last lines of a burst are usually the ones that matter), and a 'skipped' marker stands exactly
 * where they were. Markers (attached, detached, skipped) take no bytes; their number is bounded
 * too, so a reader that never reads cannot make the list grow.
 */
export class LogRing {
  private buffer: Buffer | undefined;
  private items: (RingItem | undefined)[] = [];
  private head = 0;
  /** The oldest and newest lines items (their bytes bound the free space), when there are any. */
  private oldestLines: (RingItem & LinesItem) | undefined;
  private newestLines: (RingItem & LinesItem) | undefined;
  /** Lines dropped after everything that waits: they go before the next item, or at the end. */
  private skippedAtEnd = 0;
  private queuedBytes = 0;
  private droppedTotal = 0;
  private waiter: (() => void) | undefined;

  constructor(
    readonly capacity: number,
    private readonly maxItems = 16_384,
  ) {
    if (!(capacity > 0)) throw new Error('capacity must be positive');
    if (!(maxItems >= 1)) throw new Error('maxItems must be at least 1');
  }

  /** Bytes of lines waiting. */
  get bytes(): number {
    return this.queuedBytes;
  }

  /** Items waiting (lines runs and markers). */
  get length(): number {
    return this.items.length - this.head;
  }

  /** Lines dropped since the ring was made. */
  get dropped(): number {
    return this.droppedTotal;
  }

  /**
   * Copies complete lines (`data`, every line ending in "\n", `lines` of them) in, making room by
   * dropping the oldest lines when needed. Returns whether they were kept (not when larger than
   * the whole ring, or when the list is full of markers).
   */
  pushLines(service: ServiceName, stream: LogStream, data: Buffer, lines: number): boolean {
    if (lines === 0 || data.length === 0) return true;
    if (data.length > this.capacity) return this.dropArriving(lines);
    let offset = this.place(data.length);
    while ((offset < 0 || this.length >= this.maxItems) && this.oldestLines) {
      this.dropOldestLines();
      offset = this.place(data.length);
    }
    if (offset < 0 || this.length >= this.maxItems) return this.dropArriving(lines);
    this.buffer ??= Buffer.allocUnsafeSlow(this.capacity);
    data.copy(this.buffer, offset);
    const kept: RingItem & LinesItem = {
      kind: 'lines',
      service,
      stream,
      offset,
      length: data.length,
      lines,
      skippedBefore: 0,
    };
    this.oldestLines ??= kept;
    this.newestLines = kept;
    this.queuedBytes += data.length;
    this.append(kept);
    return true;
  }

  /** A marker goes in order with the lines; beyond the item bound it is dropped (it is no line). */
  pushMarker(marker: LogMarker): void {
    if (this.length >= this.maxItems) return;
    this.append({ ...marker, skippedBefore: 0 });
  }

  /** Resolves once something waits (or a drop is to be reported), or when the signal aborts. */
  whenReady(signal: AbortSignal): Promise<void> {
    if (this.length > 0 || this.skippedAtEnd > 0 || signal.aborted) return Promise.resolve();
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

  /**
   * The oldest items up to `maxBytes` of lines (at least one item when any waits), as entries of a
   * logs.lines notification: consecutive lines of one service and stream together, 'skipped'
   * where lines were dropped. Lines become strings here, and only here.
   */
  take(maxBytes: number, timestamps: boolean): { entries: LogEntry[]; lines: number } {
    const entries: LogEntry[] = [];
    let lines = 0;
    let taken = 0;
    let group: Extract<LogEntry, { type: 'lines' }> | undefined;
    while (this.length > 0) {
      const item = this.items[this.head] as RingItem;
      if (item.kind === 'lines' && taken > 0 && taken + item.length > maxBytes) break;
      this.items[this.head] = undefined;
      this.head++;
      if (item.skippedBefore > 0) {
        group = undefined;
        entries.push({ type: 'skipped', count: item.skippedBefore });
      }
      if (item.kind !== 'lines') {
        group = undefined;
        entries.push(entryOfMarker(item));
        continue;
      }
      taken += item.length;
      this.queuedBytes -= item.length;
      if (!group || group.service !== item.service || group.stream !== item.stream) {
        group = { type: 'lines', service: item.service, stream: item.stream, lines: [] };
        if (timestamps) group.timestamps = [];
        entries.push(group);
      }
      lines += this.decode(item, group);
      this.forgetLines(item);
    }
    if (this.length === 0 && this.skippedAtEnd > 0) {
      entries.push({ type: 'skipped', count: this.skippedAtEnd });
      this.skippedAtEnd = 0;
    }
    this.compact();
    return { entries, lines };
  }

  /** Where `size` bytes fit without touching waiting ones: after the newest, else at the start; -1 if nowhere. */
  private place(size: number): number {
    const oldest = this.oldestLines;
    const newest = this.newestLines;
    if (!oldest || !newest) return 0;
    const end = newest.offset + newest.length;
    if (newest.offset >= oldest.offset) {
      // Not wrapped: free space after the newest, and before the oldest.
      if (this.capacity - end >= size) return end;
      return oldest.offset >= size ? 0 : -1;
    }
    // Wrapped: the only free space lies between the newest and the oldest.
    return oldest.offset - end >= size ? end : -1;
  }

  /** Lines that arrive and cannot be kept: counted where they would have been, after everything. */
  private dropArriving(lines: number): false {
    this.droppedTotal += lines;
    this.skippedAtEnd += lines;
    this.waiter?.();
    return false;
  }

  /**
   * Drops the oldest lines: its count (and what was skipped before it) moves to the item after it,
   * so the marker stays exactly in place. Only markers can stand before it, and few of them.
   */
  private dropOldestLines(): void {
    const item = this.oldestLines as RingItem & LinesItem;
    let index = this.head;
    while (this.items[index] !== item) index++;
    const skipped = item.skippedBefore + item.lines;
    this.droppedTotal += item.lines;
    this.queuedBytes -= item.length;
    const next = this.items[index + 1];
    if (next) next.skippedBefore += skipped;
    else this.skippedAtEnd += skipped;
    // Close the gap by moving the markers before it one place on.
    for (let at = index; at > this.head; at--) this.items[at] = this.items[at - 1];
    this.items[this.head] = undefined;
    this.head++;
    this.forgetLines(item);
    this.compact();
  }

  /** The oldest lines item is gone (taken or dropped): the next lines item becomes the oldest. */
  private forgetLines(item: RingItem & LinesItem): void {
    if (this.newestLines === item) {
      this.oldestLines = undefined;
      this.newestLines = undefined;
      return;
    }
    this.oldestLines = undefined;
    for (let index = this.head; index < this.items.length; index++) {
      const candidate = this.items[index];
      if (candidate?.kind === 'lines') {
        this.oldestLines = candidate;
        return;
      }
    }
  }

  private decode(item: LinesItem, group: Extract<LogEntry, { type: 'lines' }>): number {
    const text = (this.buffer as Buffer).toString('utf8', item.offset, item.offset + item.length);
    let count = 0;
    let start = 0;
    for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
      const end = newline > start && text.charCodeAt(newline - 1) === 0x0d ? newline - 1 : newline;
      const space = stampEnd(text, start, end);
      const line = text.slice(space < 0 ? start : space + 1, end);
      const timestamp = group.timestamps && space >= 0 ? text.slice(start, space) : '';
      start = newline + 1;
      // The engine splits at 16 KiB; a TTY's raw output may not: a longer line is cut into pieces.
      for (let from = 0; from === 0 || from < line.length; from += MAX_LINE_CHARS) {
        group.lines.push(line.length > MAX_LINE_CHARS ? line.slice(from, from + MAX_LINE_CHARS) : line);
        group.timestamps?.push(timestamp);
        count++;
      }
    }
    return count;
  }

  private append(item: RingItem): void {
    if (this.skippedAtEnd > 0) {
      item.skippedBefore += this.skippedAtEnd;
      this.skippedAtEnd = 0;
    }
    this.items.push(item);
    this.waiter?.();
  }

  /** Drops the consumed front once it is large, so the list does not grow with everything ever queued. */
  private compact(): void {
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}

function entryOfMarker(item: LogMarker): LogEntry {
  switch (item.kind) {
    case 'attached':
      return { type: 'attached', service: item.service };
    case 'detached':
      return {
        type: 'detached',
        service: item.service,
        reason: item.reason,
        ...(item.detail ? { detail: item.detail.slice(0, 4096) } : {}),
      };
  }
}
