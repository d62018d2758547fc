import { StringDecoder } from 'node:string_decoder';

/** Larger than any engine event (labels included) by far; a longer one means a broken stream. */
export const MAX_JSON_VALUE_CHARS = 1024 * 1024;

/**
 * Splits a stream of concatenated JSON objects (the engine's /events: one object after another,
 * usually but not necessarily separated by newlines) into parsed values. Tracks brace depth outside
 * strings, so an object split over chunks or two objects in one chunk both come out whole. Bounded:
 * an object longer than the limit throws instead of being buffered without end.
 */
export class JsonStreamDecoder {
  private readonly text = new StringDecoder('utf8');
  private buffer = '';
  /** Where scanning resumes in `buffer`, and the scanner's state there. */
  private scanned = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;

  constructor(private readonly maxChars = MAX_JSON_VALUE_CHARS) {}

  push(chunk: Buffer): unknown[] {
    this.buffer += this.text.write(chunk);
    const values: unknown[] = [];
    let start = 0;
    for (let index = this.scanned; index < this.buffer.length; index++) {
      const char = this.buffer.charCodeAt(index);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (char === 0x5c /* \ */) this.escaped = true;
        else if (char === 0x22 /* " */) this.inString = false;
        continue;
      }
      if (this.depth === 0) {
        if (char === 0x7b /* { */) {
          start = index;
          this.depth = 1;
        } else if (!isWhitespace(char)) {
          throw new Error(`unexpected ${JSON.stringify(this.buffer[index])} between JSON objects`);
        }
        continue;
      }
      if (char === 0x22) this.inString = true;
      else if (char === 0x7b) this.depth++;
      else if (char === 0x7d /* } */ && --this.depth === 0) {
        values.push(JSON.parse(this.buffer.slice(start, index + 1)));
        start = index + 1;
      }
    }
    // Keep only the unfinished object (or nothing) for the next chunk.
    this.buffer = this.depth === 0 ? '' : this.buffer.slice(start);
    this.scanned = this.buffer.length;
    if (this.buffer.length > this.maxChars) {
      throw new Error(`a JSON value longer than ${this.maxChars} characters`);
    }
    return values;
  }
}

function isWhitespace(char: number): boolean {
  return char === 0x20 || char === 0x0a || char === 0x0d || char === 0x09;
}
