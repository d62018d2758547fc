import { MAX_LINE_BYTES } from './json-rpc.js';

export type SplitItem = { line: string } | { tooLong: number };

/**
 * Cuts a byte stream into newline-delimited lines. Works on bytes, not strings, so a multi-byte
 * character split across two chunks survives, and refuses a line longer than `maxLineBytes`
 * without holding it: the excess is counted and dropped until the next newline, then reported
 * once as `tooLong`.
 */
export class LineSplitter {
  private parts: Buffer[] = [];
  private partBytes = 0;
  private discarding = 0;

  constructor(private readonly maxLineBytes = MAX_LINE_BYTES) {}

  push(chunk: Buffer): SplitItem[] {
    const items: SplitItem[] = [];
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(0x0a, start);
      const end = newline === -1 ? chunk.length : newline;
      if (newline !== -1 && this.partBytes === 0 && this.discarding === 0 && end - start <= this.maxLineBytes) {
        // The common case, a whole line inside one chunk: decode it in place, no copies.
        items.push({ line: stripCr(chunk.toString('utf8', start, end)) });
        start = newline + 1;
        continue;
      }
      this.take(chunk.subarray(start, end));
      if (newline === -1) break;
      items.push(this.finishLine());
      start = newline + 1;
    }
    return items;
  }

  /** What is left when the stream ends: a last line without a newline counts as a line. */
  end(): SplitItem[] {
    if (this.partBytes === 0 && this.discarding === 0) return [];
    return [this.finishLine()];
  }

  private take(piece: Buffer): void {
    if (piece.length === 0) return;
    if (this.discarding > 0 || this.partBytes + piece.length > this.maxLineBytes) {
      this.discarding += this.partBytes + piece.length;
      this.parts = [];
      this.partBytes = 0;
      return;
    }
    // Copy: the caller may reuse its buffer for the next read.
    this.parts.push(Buffer.from(piece));
    this.partBytes += piece.length;
  }

  private finishLine(): SplitItem {
    if (this.discarding > 0) {
      const tooLong = this.discarding;
      this.discarding = 0;
      return { tooLong };
    }
    const line = Buffer.concat(this.parts, this.partBytes).toString('utf8');
    this.parts = [];
    this.partBytes = 0;
    return { line: stripCr(line) };
  }
}

/** Tolerates CRLF line ends from a peer that writes them. */
function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
