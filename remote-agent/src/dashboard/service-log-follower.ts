import { setTimeout as sleep } from 'node:timers/promises';
import type { StackService } from '../../../common/stack/services.js';
import type { LogStream, ServiceName } from '../../../common/dashboard/dashboard-contract.js';
import { openLogBytes } from '../docker/container-logs.js';
import type { DockerEngine } from '../docker/docker-engine.js';
import { countLines, LineCutter, stampAt } from './line-cutter.js';
import { compareTime, FrameDemuxer, sinceParam, splitTimestamp } from './log-frames.js';
import type { LogMarker } from './log-ring.js';

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

/**
 * A re-attach in progress: until a line after the cursor arrives, lines are compared with it
 * (the engine's `since` is inclusive); `toSkip` lines at the cursor's very instant were delivered.
 */
interface Resume {
  active: boolean;
  toSkip: number;
  /** Whether the last line looked at was skipped (a continuation line without timestamp follows it). */
  skipping: boolean;
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
      emit(marker: LogMarker): void;
      /** Complete lines of one stream as the engine wrote them (timestamp first), each ending in "\n". */
      emitLines(service: ServiceName, stream: LogStream, run: Buffer, lines: number): void;
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
    const { signal } = this.options;
    const cursorTime = this.cursor ? splitTimestamp(`${this.cursor.timestamp} `) : undefined;
    const resumeAt = cursorTime ?? (initial ? undefined : this.options.followStartedAt);
    let response;
    try {
      response = await openLogBytes(
        this.engine,
        containerId,
        {
          follow: true,
          tail: resumeAt ? 'all' : this.options.tail,
          since: resumeAt ? sinceParam(resumeAt) : undefined,
          timestamps: true,
        },
        signal,
      );
    } catch (error) {
      return signal.aborted ? undefined : error instanceof Error ? error.message : String(error);
    }
    // Attached once the engine has answered: it answers once its reader is in place, so a line
    // written from now on arrives (with tail 0, one written before the answer might not).
    this.options.emit({ kind: 'attached', service: this.entry.service });
    const demuxer = tty ? undefined : new FrameDemuxer();
    const cutters = { stdout: new LineCutter(), stderr: new LineCutter() };
    const resume: Resume = {
      active: this.cursor !== undefined,
      toSkip: this.cursor?.countAtLast ?? 0,
      skipping: false,
    };
    // Consecutive pieces of one stream (frames, without their headers) make one run of lines.
    let stream: LogStream | undefined;
    const visit = (pieceStream: LogStream, chunk: Buffer, start: number, end: number) => {
      if (pieceStream !== stream) {
        if (stream !== undefined) this.deliver(stream, cutters[stream].finish(), resume);
        stream = pieceStream;
        cutters[stream].begin();
      }
      cutters[stream].append(chunk, start, end);
    };
    // Each read is cut, copied into the ring (or counted as dropped) and let go at once: nothing of
    // it waits in a buffer long enough to reach the garbage collector's old generation.
    await response.readBody(
      (bytes, start, end) => (demuxer ? demuxer.forEach(bytes, start, end, visit) : visit('stdout', bytes, start, end)),
      () => {
        if (stream !== undefined) this.deliver(stream, cutters[stream].finish(), resume);
        stream = undefined;
      },
    );
    if (!signal.aborted) {
      for (const name of ['stdout', 'stderr'] as const) this.deliver(name, cutters[name].flush(), resume);
    }
    return undefined;
  }

  /**
   * Hands on a run of complete lines: after a re-attach without the lines already delivered (the
   * engine's `since` is inclusive), and with the cursor moved to its last timestamp. Lines the
   * follow's ring then drops still move the cursor: a re-attach never sends them late.
   */
  private deliver(stream: LogStream, run: Buffer | undefined, resume: Resume): void {
    if (!run) return;
    const fresh = resume.active ? this.withoutDelivered(run, resume) : run;
    if (fresh.length === 0) return;
    this.moveCursor(fresh);
    this.options.emitLines(this.entry.service, stream, fresh, countLines(fresh));
  }

  /** The run from its first line after the cursor; once one is found, the resume is over. */
  private withoutDelivered(run: Buffer, resume: Resume): Buffer {
    const cursor = this.cursor;
    if (!cursor) {
      resume.active = false;
      return run;
    }
    for (let start = 0; start < run.length;) {
      const stamp = stampAt(run, start);
      // A line without a timestamp continues the line before it, and shares its fate.
      if (stamp) {
        const order = compareStamps(stamp, cursor.timestamp);
        resume.skipping = order < 0 || (order === 0 && resume.toSkip-- > 0);
      }
      if (!resume.skipping) {
        resume.active = false;
        return run.subarray(start);
      }
      const newline = run.indexOf(0x0a, start);
      if (newline < 0) break;
      start = newline + 1;
    }
    return run.subarray(run.length);
  }

  /** The cursor: the run's last timestamp, and how many lines delivered so far carry it. */
  private moveCursor(run: Buffer): void {
    let last = '';
    let count = 0;
    // Backwards from the last line, while the lines carry the same timestamp (usually one or two lines).
    for (let end = run.length - 1; end > 0;) {
      const start = run.lastIndexOf(0x0a, end - 1) + 1;
      const stamp = stampAt(run, start);
      if (stamp) {
        if (!last) last = stamp;
        if (stamp !== last) break;
        count++;
      }
      if (start === 0) {
        if (last && this.cursor?.timestamp === last) count += this.cursor.countAtLast;
        break;
      }
      end = start - 1;
    }
    if (last) this.cursor = { timestamp: last, countAtLast: count };
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
