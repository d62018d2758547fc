import type { LogEntry } from '../../../common/dashboard/dashboard-contract.js';
import type { EventName, EventPayload } from '../../contract/contract.js';

/** The part of an EventChannel the relay uses. */
export interface LogsChannel {
  readonly isCongested: boolean;
  readonly isClosed: boolean;
  emit<K extends EventName>(name: K, payload: EventPayload<K>): Promise<void>;
}

/** Attach and detach notes kept while lines are dropped, so a restart is still shown; more are dropped too. */
const MAX_HELD_NOTES = 64;

/**
 * Hands the agent's log batches to one window without ever waiting for it: while the window is
 * behind (its event channel is congested) a batch's lines are dropped and counted, and the next
 * batch that goes out carries the count as `skipped`, which the screen shows as "N lines skipped".
 * So main holds at most one window of events plus a few notes, however fast the services write,
 * and the agent's stream is never held back by a slow screen.
 */
export class LogRelay {
  /** Lines dropped here not yet reported to the window. */
  private unreported = 0;
  private held: LogEntry[] = [];
  private sentLines = 0;
  private skippedLines = 0;

  constructor(
    private readonly channel: LogsChannel,
    private readonly streamId: string,
    /** Called once the window is gone: the follow should end. */
    private readonly onClosed: () => void,
  ) {}

  get totals(): { lines: number; skipped: number } {
    return { lines: this.sentLines, skipped: this.skippedLines };
  }

  deliver(entries: readonly LogEntry[]): void {
    if (this.channel.isClosed) {
      this.onClosed();
      return;
    }
    for (const entry of entries) if (entry.type === 'skipped') this.skippedLines += entry.count;
    if (this.channel.isCongested) {
      this.drop(entries);
      return;
    }
    const lines = [...this.held, ...entries];
    this.held = [];
    const skipped = this.unreported;
    this.unreported = 0;
    this.sentLines += countLines(entries);
    this.emit(lines, skipped);
  }

  /** Reports what was dropped since the last batch, when the follow ends. */
  flush(): void {
    if ((this.unreported > 0 || this.held.length > 0) && !this.channel.isClosed) {
      const lines = this.held;
      this.held = [];
      const skipped = this.unreported;
      this.unreported = 0;
      this.emit(lines, skipped);
    }
  }

  private drop(entries: readonly LogEntry[]): void {
    for (const entry of entries) {
      if (entry.type === 'lines') {
        this.unreported += entry.lines.length;
        this.skippedLines += entry.lines.length;
      } else if (entry.type === 'skipped') {
        this.unreported += entry.count;
      } else if (this.held.length < MAX_HELD_NOTES) {
        this.held.push(entry);
      }
    }
  }

  private emit(lines: LogEntry[], skipped: number): void {
    // Not awaited: emit() waits while the window is full, and that wait is exactly when the next
    // batches are to be dropped instead (isCongested), not queued behind it.
    this.channel.emit('logs.lines', { streamId: this.streamId, lines, skipped }).catch(() => this.onClosed());
  }
}

export function countLines(entries: readonly LogEntry[]): number {
  let count = 0;
  for (const entry of entries) if (entry.type === 'lines') count += entry.lines.length;
  return count;
}
