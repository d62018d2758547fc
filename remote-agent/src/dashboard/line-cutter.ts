/** The longest unfinished line held back, in bytes: beyond it the line is handed on in pieces. */
export const MAX_PARTIAL_LINE_BYTES = 64 * 1024;

const NEWLINE = 0x0a;

/**
 * One buffer that every cutter assembles its runs in. The agent does one thing at a time, and a
 * run is used (counted, copied into the follow's ring) before the next one begins, so one reused
 * buffer replaces a fresh one per chunk read from the engine.
 */
let scratch = Buffer.allocUnsafeSlow(0);

/** The scratch buffer with room for `size` bytes, keeping its first `keep` bytes. */
function scratchOf(size: number, keep: number): Buffer {
  if (scratch.length < size) {
    const larger = Buffer.allocUnsafeSlow(Math.max(size, 2 * scratch.length, 128 * 1024));
    scratch.copy(larger, 0, 0, keep);
    scratch = larger;
  }
  return scratch;
}

/** A copy of bytes[start, end) that does not keep the (large) buffer it came from alive. */
function copyOf(bytes: Buffer, start: number, end: number): Buffer {
  const copy = Buffer.allocUnsafe(end - start);
  bytes.copy(copy, 0, start, end);
  return copy;
}

/**
 * Where a cut may fall in bytes[0, end) without splitting a UTF-8 character: `end`, or the start of
 * a last character that is not complete yet.
 */
function characterBoundary(bytes: Buffer, end: number): number {
  let start = end - 1;
  while (start > 0 && end - start < 4 && ((bytes[start] as number) & 0xc0) === 0x80) start--;
  const lead = bytes[start] as number;
  const size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return start + size > end ? start : end;
}

/**
 * Turns one stream's bytes, in pieces as they arrive, into runs of complete lines, each line ending
 * in "\n", and keeps the unfinished last line for the next run. Works on bytes, never strings: the
 * follow decides only later, in its ring, which lines are worth a string (those it sends).
 * A run is begun, given its pieces, and finished; what `finish` returns is a view of a shared
 * buffer, valid until the next run of any cutter begins.
 */
export class LineCutter {
  private partial: Buffer | undefined;
  private length = 0;

  constructor(private readonly maxPartialBytes = MAX_PARTIAL_LINE_BYTES) {}

  /** Starts a run with the line held from the last one. */
  begin(): void {
    const held = this.partial;
    this.partial = undefined;
    this.length = held ? held.copy(scratchOf(held.length + 1, 0), 0) : 0;
  }

  /** Adds source[start, end) to the run. */
  append(source: Buffer, start: number, end: number): void {
    const run = scratchOf(this.length + (end - start) + 1, this.length);
    this.length += source.copy(run, this.length, start, end);
  }

  /** The complete lines of the run; undefined when none. The unfinished rest is held. */
  finish(): Buffer | undefined {
    const total = this.length;
    this.length = 0;
    if (total === 0) return undefined;
    const run = scratch;
    const lastNewline = run.lastIndexOf(NEWLINE, total - 1);
    if (lastNewline >= 0) {
      if (lastNewline + 1 < total) this.partial = copyOf(run, lastNewline + 1, total);
      return run.subarray(0, lastNewline + 1);
    }
    if (total < this.maxPartialBytes) {
      this.partial = copyOf(run, 0, total);
      return undefined;
    }
    // A line this long without an end is handed on as it is, so memory stays bounded.
    const cutAt = characterBoundary(run, total);
    if (cutAt < total) this.partial = copyOf(run, cutAt, total);
    run[cutAt] = NEWLINE;
    return run.subarray(0, cutAt + 1);
  }

  /** What is held when the stream ends, as a last line; undefined when nothing is. */
  flush(): Buffer | undefined {
    if (!this.partial) return undefined;
    this.begin();
    const run = scratchOf(this.length + 1, this.length);
    run[this.length] = NEWLINE;
    const line = run.subarray(0, this.length + 1);
    this.length = 0;
    return line;
  }

  /** begin, append each piece, finish: for callers that have the pieces at hand. */
  cut(pieces: readonly Buffer[]): Buffer | undefined {
    this.begin();
    for (const piece of pieces) this.append(piece, 0, piece.length);
    return this.finish();
  }
}

/** How many lines (newlines) `run` holds. */
export function countLines(run: Buffer): number {
  let count = 0;
  for (let at = run.indexOf(NEWLINE); at >= 0; at = run.indexOf(NEWLINE, at + 1)) count++;
  return count;
}

/**
 * The engine's timestamp at the start of the line at `start` ("2024-05-01T12:00:00.123456789Z "),
 * or '' when the line has none (a cut-off continuation).
 */
export function stampAt(run: Buffer, start: number): string {
  if (run[start + 4] !== 0x2d || run[start + 10] !== 0x54) return '';
  const limit = Math.min(run.length, start + 41);
  for (let at = start; at < limit; at++) {
    if (run[at] === NEWLINE) return '';
    if (run[at] === 0x20 && at >= start + 20) return run.toString('latin1', start, at);
  }
  return '';
}
