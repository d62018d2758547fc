import { setTimeout as sleep } from 'node:timers/promises';
import type { StackService } from '../stack/services.js';
import type { LogStream, ServiceName } from './dashboard-contract.js';
import { logLines, openLogs } from './container-logs.js';
import type { DockerEngine } from './docker-engine.js';
import { compareTime, sinceParam, splitTimestamp } from './log-frames.js';

/**
 * Lines travel in groups (consecutive lines of one stream, as they came in one read): a few
 * objects per chunk instead of one per line keeps the garbage, and the heap, small at 50k lines/s.
 */
export type FollowItem =
  | { kind: 'lines'; service: ServiceName; stream: LogStream; lines: string[]; timestamps: string[] }
  | { kind: 'attached'; service: ServiceName }
  | { kind: 'detached'; service: ServiceName; reason: 'stopped' | 'missing' | 'unreadable'; detail?: string };

interface Instant {
  seconds: number;
  nanos: number;
}

/** The engine's timestamps are fixed width in UTC (RFC3339NanoFixed): such strings order as text. */
const FIXED_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/;

/** Negative, zero or positive as timestamp a is before, at or after b. */
export function compareStamps(a: string, b: string): number {
  if (FIXED_UTC.test(a) && FIXED_UTC.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  const first = splitTimestamp(`${a} `);
  const second = splitTimestamp(`${b} `);
  if (!first || !second) return a < b ? -1 : a > b ? 1 : 0;
  return compareTime(first, second);
}

/** "2024-05-01T12:00:00.123456789Z text" -> [timestamp, text]; ['', line] without one. */
function cutTimestamp(line: string): [string, string] {
  const space = line.indexOf(' ');
  // Cheap shape check; the full parse only happens where order matters (a resume).
  if (space < 20 || space > 40 || line.charCodeAt(4) !== 0x2d || line.charCodeAt(10) !== 0x54) return ['', line];
  return [line.slice(0, space), line.slice(space + 1)];
}

/** Re-attaching one service more often than this would only spin (a container that flaps). */
const MIN_ATTACH_GAP_MS = 100;

/**
 * Follows one service's container across restarts and re-creations: the last `tail` lines and then
 * live, and after its stream ends (the container stopped) again from its next start. The engine is
 * always asked for timestamps: the last one delivered is where a re-attach resumes (`since`), and
 * lines at that very instant that were already delivered are recognised and not sent twice.
 */
export class ServiceLogFollower {
  /** Start events seen for this container: a waiting follower re-attaches when it grows. */
  private starts = 0;
  private startWaiter: (() => void) | undefined;
  /** The last timestamp delivered and how many lines carried it. */
  private cursor: { timestamp: string; countAtLast: number } | undefined;

  constructor(
    private readonly entry: StackService,
    private readonly engine: DockerEngine,
    private readonly options: {
      tail: number;
      /** When the follow began: lines of a container that appears later are sent from here. */
      followStartedAt: Instant;
      signal: AbortSignal;
      emit(item: FollowItem): void;
    },
  ) {}

  /** The container started (an engine event), or the engine came back: look again. */
  started(): void {
    this.starts++;
    this.startWaiter?.();
  }

  async run(): Promise<void> {
    const { signal } = this.options;
    const service = this.entry.service;
    let initial = true;
    let reportedMissing = false;
    while (!signal.aborted) {
      const generation = this.starts;
      let inspect;
      try {
        inspect = await this.engine.inspect(this.entry.container, signal);
      } catch {
        // The engine is away: the event feed reconnects and then wakes every follower.
        if (signal.aborted) return;
        await this.waitForStart(generation);
        continue;
      }
      if (signal.aborted) return;
      if (!inspect) {
        if (!reportedMissing) this.options.emit({ kind: 'detached', service, reason: 'missing' });
        reportedMissing = true;
        initial = false;
        await this.waitForStart(generation);
        continue;
      }
      reportedMissing = false;
      this.options.emit({ kind: 'attached', service });
      const attachedAt = Date.now();
      const problem = await this.attach(inspect.Id, inspect.Config?.Tty === true, initial);
      initial = false;
      if (signal.aborted) return;
      this.options.emit({
        kind: 'detached',
        service,
        reason: problem ? 'unreadable' : 'stopped',
        ...(problem ? { detail: problem } : {}),
      });
      // Restarted already (a crash loop is quick)? Then at once; otherwise at its next start.
      const again = await this.engine.inspect(this.entry.container, signal).catch(() => undefined);
      const restarted =
        !problem &&
        again?.State?.Running === true &&
        (again.Id !== inspect.Id || again.State.StartedAt !== inspect.State?.StartedAt);
      if (!restarted) await this.waitForStart(generation);
      const gap = MIN_ATTACH_GAP_MS - (Date.now() - attachedAt);
      if (gap > 0) await sleep(gap, undefined, { signal }).catch(() => undefined);
    }
  }

  /** Streams until the container's log ends; a reason when it could not be read at all. */
  private async attach(containerId: string, tty: boolean, initial: boolean): Promise<string | undefined> {
    const { signal, emit } = this.options;
    const cursorTime = this.cursor ? splitTimestamp(`${this.cursor.timestamp} `) : undefined;
    const resumeAt = cursorTime ?? (initial ? undefined : this.options.followStartedAt);
    /** Until a line after the cursor arrives, lines are compared with it: the engine's `since` is inclusive. */
    let resuming = this.cursor !== undefined;
    let toSkip = this.cursor?.countAtLast ?? 0;
    let response;
    try {
      response = await openLogs(
        this.engine,
        containerId,
        {
          follow: true,
          tail: initial && !this.cursor ? this.options.tail : 'all',
          since: resumeAt ? sinceParam(resumeAt) : undefined,
          timestamps: true,
        },
        signal,
      );
    } catch (error) {
      return signal.aborted ? undefined : error instanceof Error ? error.message : String(error);
    }
    try {
      for await (const batch of logLines(response, tty)) {
        let group: Extract<FollowItem, { kind: 'lines' }> | undefined;
        for (const { stream, line } of batch) {
          const [timestamp, text] = cutTimestamp(line);
          if (resuming && this.cursor && timestamp) {
            const order = compareStamps(timestamp, this.cursor.timestamp);
            if (order < 0 || (order === 0 && toSkip-- > 0)) continue;
            if (order > 0) resuming = false;
          }
          if (timestamp) {
            if (this.cursor?.timestamp === timestamp) this.cursor.countAtLast++;
            else this.cursor = { timestamp, countAtLast: 1 };
          }
          if (!group || group.stream !== stream) {
            if (group) emit(group);
            group = { kind: 'lines', service: this.entry.service, stream, lines: [], timestamps: [] };
          }
          group.lines.push(text);
          group.timestamps.push(timestamp);
        }
        if (group) emit(group);
      }
    } catch {
      // The connection broke (the engine restarts, or we were cancelled): treated like an end.
    } finally {
      response.destroy();
    }
    return undefined;
  }

  private waitForStart(generation: number): Promise<void> {
    if (this.starts > generation || this.options.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.options.signal.removeEventListener('abort', done);
        this.startWaiter = undefined;
        resolve();
      };
      this.startWaiter = () => {
        if (this.starts > generation) done();
      };
      this.options.signal.addEventListener('abort', done);
    });
  }
}
