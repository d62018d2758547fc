import { StringDecoder } from 'node:string_decoder';
import type { LogStream } from '../../../common/dashboard/dashboard-contract.js';

/**
 * The engine's log stream of a container without a TTY is multiplexed: each frame is an 8-byte
 * header (stream: 0 stdin, 1 stdout, 2 stderr; three zero bytes; payload size, 32-bit big endian)
 * and the payload. This splits it back into (stream, bytes) pieces as the bytes arrive, without
 * ever holding a whole frame: a piece is a slice of the chunk it came in, so memory stays at the
 * 8 header bytes whatever size a frame claims.
 */
export class FrameDemuxer {
  private readonly header = Buffer.alloc(8);
  private headerBytes = 0;
  private remaining = 0;
  private stream: LogStream = 'stdout';

  push(chunk: Buffer): { stream: LogStream; data: Buffer }[] {
    const pieces: { stream: LogStream; data: Buffer }[] = [];
    this.forEach(chunk, 0, chunk.length, (stream, source, start, end) =>
      pieces.push({ stream, data: source.subarray(start, end) }),
    );
    return pieces;
  }

  /**
   * The same for chunk[start, end) without an object per piece: `visit` gets each piece as a range
   * of the chunk. A follow of chatty services sees one frame per line, and one object per line is
   * what the garbage collector must then keep up with.
   */
  forEach(
    chunk: Buffer,
    start: number,
    end: number,
    visit: (stream: LogStream, chunk: Buffer, start: number, end: number) => void,
  ): void {
    let offset = start;
    while (offset < end) {
      if (this.remaining === 0) {
        const take = Math.min(8 - this.headerBytes, end - offset);
        chunk.copy(this.header, this.headerBytes, offset, offset + take);
        this.headerBytes += take;
        offset += take;
        if (this.headerBytes < 8) break;
        this.headerBytes = 0;
        const kind = this.header[0];
        if (kind !== 0 && kind !== 1 && kind !== 2) {
          throw new Error(`not a multiplexed log stream (frame type ${kind})`);
        }
        // stdin never carries log output; counted as stdout so nothing is lost.
        this.stream = kind === 2 ? 'stderr' : 'stdout';
        this.remaining = this.header.readUInt32BE(4);
        continue;
      }
      const take = Math.min(this.remaining, end - offset);
      visit(this.stream, chunk, offset, offset + take);
      this.remaining -= take;
      offset += take;
    }
  }
}

/** Longer lines are cut into pieces of this size (the engine itself splits at 16 KiB). */
export const MAX_LINE_CHARS = 64 * 1024;

/**
 * Bytes of one stream to lines, without the "\n" (a "\r" before it goes too). UTF-8 characters
 * split between pieces are joined; ANSI colour sequences pass through untouched. The unfinished
 * line is bounded: at MAX_LINE_CHARS it is handed out as a line of its own.
 */
export class LineAssembler {
  private readonly text = new StringDecoder('utf8');
  private partial = '';

  constructor(private readonly maxChars = MAX_LINE_CHARS) {}

  push(data: Buffer): string[] {
    const lines: string[] = [];
    let text = this.partial + this.text.write(data);
    let start = 0;
    for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
      const end = newline > start && text.charCodeAt(newline - 1) === 0x0d ? newline - 1 : newline;
      this.cut(text.slice(start, end), lines);
      start = newline + 1;
    }
    text = text.slice(start);
    while (text.length >= this.maxChars) {
      lines.push(text.slice(0, this.maxChars));
      text = text.slice(this.maxChars);
    }
    this.partial = text;
    return lines;
  }

  /** What is left when the stream ends: a last line without a newline. */
  flush(): string[] {
    const rest = this.partial + this.text.end();
    this.partial = '';
    const lines: string[] = [];
    if (rest !== '') this.cut(rest, lines);
    return lines;
  }

  private cut(line: string, into: string[]): void {
    if (line.length <= this.maxChars) {
      into.push(line);
      return;
    }
    for (let offset = 0; offset < line.length; offset += this.maxChars) {
      into.push(line.slice(offset, offset + this.maxChars));
    }
  }
}

/** "2024-05-01T12:00:00.123456789Z rest": the engine's prefix when asked for timestamps. */
const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d) /;

export interface StampedLine {
  /** As the engine wrote it (RFC 3339 with nanoseconds). */
  timestamp: string;
  /** Seconds since the epoch and nanoseconds, for ordering and the `since` of a re-attach. */
  seconds: number;
  nanos: number;
  text: string;
}

/** Splits the engine's timestamp off a line; undefined when the line has none. */
export function splitTimestamp(line: string): StampedLine | undefined {
  const match = TIMESTAMP.exec(line);
  if (!match) return undefined;
  const millis = Date.parse(`${match[1]}${match[3]}`);
  if (Number.isNaN(millis)) return undefined;
  return {
    timestamp: match[0].slice(0, -1),
    seconds: Math.floor(millis / 1000),
    nanos: Number((match[2] ?? '').padEnd(9, '0')),
    text: line.slice(match[0].length),
  };
}

/** Negative, zero or positive as a is before, at or after b. */
export function compareTime(a: { seconds: number; nanos: number }, b: { seconds: number; nanos: number }): number {
  return a.seconds - b.seconds || a.nanos - b.nanos;
}

/** The engine's `since` parameter for this instant: "seconds.nanoseconds". */
export function sinceParam(time: { seconds: number; nanos: number }): string {
  return `${time.seconds}.${String(time.nanos).padStart(9, '0')}`;
}
