import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { JobEventSchema, type JobEvent, type JobEventBody } from '../../../common/agent-contract.js';
import { MAX_LINE_BYTES } from '../../../common/rpc/json-rpc.js';

/** Log text beyond this is cut, so that one line always fits the protocol's line limit. */
const MAX_LOG_TEXT = 256 * 1024;

/**
 * The append-only JSONL journal of one job. Each line is written with a single write() on an
 * O_APPEND descriptor, so even two writers (the job, and an agent closing the journal of a job
 * that died) never interleave within a line; offsets count lines from 0 without gaps.
 */
export class JournalWriter {
  private constructor(
    private readonly fd: number,
    private nextOffset: number,
  ) {}

  /** Opens for appending and continues after the last line already there. */
  static open(file: string): JournalWriter {
    const fd = openSync(file, 'a', 0o600);
    return new JournalWriter(fd, readJournalEdges(file).nextOffset);
  }

  append(body: JobEventBody): JobEvent {
    const event = { offset: this.nextOffset, ts: new Date().toISOString(), ...clip(body) } as JobEvent;
    const bytes = Buffer.from(`${JSON.stringify(event)}\n`, 'utf8');
    if (bytes.length > MAX_LINE_BYTES) throw new Error(`journal line of ${bytes.length} bytes is too long`);
    const written = writeSync(this.fd, bytes);
    // A short write on a regular file means a full disk: the line is not whole, say so loudly.
    if (written !== bytes.length) throw new Error(`short journal write: ${written} of ${bytes.length} bytes`);
    this.nextOffset++;
    return event;
  }

  close(): void {
    closeSync(this.fd);
  }
}

function clip(body: JobEventBody): JobEventBody {
  if (body.type === 'log' && body.text.length > MAX_LOG_TEXT) {
    return { ...body, text: `${body.text.slice(0, MAX_LOG_TEXT)}… [cut]` };
  }
  return body;
}

export interface JournalEdges {
  first: JobEvent | undefined;
  last: JobEvent | undefined;
  nextOffset: number;
}

const EDGE_READ_BYTES = 64 * 1024;

/**
 * The first and last complete lines without reading the whole file: listing jobs stays cheap
 * however long their journals are. A line still being written (no newline yet) is ignored.
 */
export function readJournalEdges(file: string): JournalEdges {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { first: undefined, last: undefined, nextOffset: 0 };
    throw error;
  }
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return { first: undefined, last: undefined, nextOffset: 0 };
    const head = readAt(fd, 0, Math.min(size, EDGE_READ_BYTES));
    const firstEnd = head.indexOf(0x0a);
    const first = firstEnd === -1 ? undefined : parseLine(head.subarray(0, firstEnd));
    const last = readLastLine(fd, size);
    return { first, last, nextOffset: last ? last.offset + 1 : 0 };
  } finally {
    closeSync(fd);
  }
}

function readLastLine(fd: number, size: number): JobEvent | undefined {
  // Grow the window from the end until it holds one whole line (bounded by the line limit).
  for (let window = EDGE_READ_BYTES; ; window *= 4) {
    const start = Math.max(0, size - window);
    const tail = readAt(fd, start, size - start);
    const end = tail.lastIndexOf(0x0a);
    if (end === -1) {
      if (start === 0 || window > MAX_LINE_BYTES) return undefined;
      continue;
    }
    const begin = tail.lastIndexOf(0x0a, end - 1);
    if (begin === -1 && start > 0 && window <= MAX_LINE_BYTES) continue;
    return parseLine(tail.subarray(begin + 1, end));
  }
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const count = readSync(fd, buffer, done, length - done, position + done);
    if (count === 0) break;
    done += count;
  }
  return buffer.subarray(0, done);
}

export function parseLine(line: Buffer | string): JobEvent {
  return JobEventSchema.parse(JSON.parse(line.toString())) as JobEvent;
}
