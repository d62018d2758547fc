import net from 'node:net';

/**
 * A streaming HTTP/1.1 GET on a unix socket whose body reaches the caller as ranges of the bytes
 * read, with no object per HTTP chunk. Why not node:http: the engine writes every log line as an
 * HTTP chunk of its own, and node:http makes a Buffer and a 'data' event of each, so following
 * 15 chatty services costs a few hundred bytes of garbage per line, which under a burst is what
 * drives the agent's heap up. Here a socket read carries as many lines as have arrived, into one
 * reused buffer, and the caller sees ranges of it.
 */

/**
 * Every log connection reads into this one buffer (node:net's `onread`): a read is handled at once,
 * before the next read of any socket, so one buffer serves them all. A fresh 64 KiB buffer per read
 * would be garbage that only a collection frees, and under a burst those add up to megabytes.
 */
const READ_BUFFER = Buffer.allocUnsafeSlow(64 * 1024);

/** The status line and headers of an answer; a longer head is not the engine's. */
const MAX_HEAD_BYTES = 64 * 1024;
/** The body of an error answer, kept for its message. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

export type BodyVisitor = (bytes: Buffer, start: number, end: number) => void;

export interface RawAnswer {
  status: number;
  /**
   * Reads the body into `visit` until it ends, the connection breaks or the signal aborts;
   * `afterRead` runs once all of a socket read was visited (a read holds many HTTP chunks).
   */
  readBody(visit: BodyVisitor, afterRead?: () => void): Promise<void>;
  /** The body of an answer that is not 200, for its message (bounded). */
  readErrorBody(): Promise<Buffer>;
  destroy(): void;
}

/** The framing of a chunked body, as a state machine over the bytes of each read. */
class ChunkedDecoder {
  private state: 'size' | 'extension' | 'sizeEnd' | 'data' | 'dataEnd' | 'trailer' | 'done' = 'size';
  private size = 0;
  private sizeDigits = 0;
  private remaining = 0;
  private trailerLineBytes = 0;

  get done(): boolean {
    return this.state === 'done';
  }

  /** Hands the data ranges of bytes[start, end) to `visit`; throws on bytes that are not chunked framing. */
  push(bytes: Buffer, start: number, end: number, visit: BodyVisitor): void {
    let at = start;
    while (at < end && this.state !== 'done') {
      if (this.state === 'data') {
        const take = Math.min(this.remaining, end - at);
        visit(bytes, at, at + take);
        this.remaining -= take;
        at += take;
        if (this.remaining === 0) this.state = 'dataEnd';
        continue;
      }
      const byte = bytes[at++] as number;
      switch (this.state) {
        case 'size': {
          const digit = hexValue(byte);
          if (digit >= 0) {
            if (++this.sizeDigits > 8) throw new Error('chunk size too large');
            this.size = this.size * 16 + digit;
          } else if (byte === 0x3b || byte === 0x20 || byte === 0x09) {
            this.state = 'extension';
          } else if (byte === 0x0d) {
            this.state = 'sizeEnd';
          } else throw new Error('malformed chunk size');
          break;
        }
        case 'extension':
          if (byte === 0x0d) this.state = 'sizeEnd';
          break;
        case 'sizeEnd':
          if (byte !== 0x0a || this.sizeDigits === 0) throw new Error('malformed chunk size line');
          this.remaining = this.size;
          this.state = this.size === 0 ? 'trailer' : 'data';
          this.size = 0;
          this.sizeDigits = 0;
          this.trailerLineBytes = 0;
          break;
        case 'dataEnd':
          // "\r\n" after the data; the "\r" is checked loosely, the "\n" ends it.
          if (byte === 0x0a) this.state = 'size';
          else if (byte !== 0x0d) throw new Error('chunk data not followed by CRLF');
          break;
        case 'trailer':
          // Trailer lines until an empty one.
          if (byte === 0x0a) {
            if (this.trailerLineBytes === 0) this.state = 'done';
            this.trailerLineBytes = 0;
          } else if (byte !== 0x0d) this.trailerLineBytes++;
          break;
      }
    }
  }
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x57;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x37;
  return -1;
}

interface Head {
  status: number;
  chunked: boolean;
  contentLength: number | undefined;
}

function parseHead(text: string): Head {
  const [statusLine = '', ...lines] = text.split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1];
  if (!status) throw new Error(`not an HTTP answer: ${statusLine.slice(0, 80)}`);
  let chunked = false;
  let contentLength: number | undefined;
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line
      .slice(colon + 1)
      .trim()
      .toLowerCase();
    if (name === 'transfer-encoding') chunked = value.split(',').some((part) => part.trim() === 'chunked');
    else if (name === 'content-length' && /^\d+$/.test(value)) contentLength = Number(value);
  }
  return { status: Number(status), chunked, contentLength };
}

/**
 * Sends `GET target` (path and query, already encoded) on the unix socket and resolves once the
 * answer's head is in. The connection is the caller's: read the body or destroy it.
 */
export function rawGet(socketPath: string, target: string, signal: AbortSignal): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    /** Where each read goes: the head first, then the body's reader. */
    let onRead: (bytes: Buffer) => void;
    const socket = net.createConnection({
      path: socketPath,
      onread: {
        buffer: READ_BUFFER,
        callback: (size: number, buffer: Uint8Array) => {
          onRead(Buffer.from(buffer.buffer, buffer.byteOffset, size));
          return true;
        },
      },
    });
    let head: Buffer = Buffer.alloc(0);
    const onAbort = () => socket.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    const fail = (error: Error) => {
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      reject(error);
    };
    socket.once('error', fail);
    socket.once('close', () => fail(new Error('the engine closed the connection before answering')));
    socket.on('connect', () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: docker\r\nUser-Agent: mailharbor-agent\r\nAccept: */*\r\n\r\n`);
    });
    onRead = (bytes: Buffer) => {
      // The read buffer is reused: what is kept of it is copied.
      head = Buffer.concat([head, bytes]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > MAX_HEAD_BYTES) fail(new Error('the engine sent an answer head that is too long'));
        return;
      }
      socket.pause();
      socket.removeAllListeners('error');
      socket.removeAllListeners('close');
      // Until the body is read (its reader listens for errors itself), an error must not go unheard:
      // an 'error' without a listener would end the agent.
      socket.on('error', () => {});
      let parsed: Head;
      try {
        parsed = parseHead(head.toString('latin1', 0, end));
      } catch (error) {
        fail(error as Error);
        return;
      }
      /** Bytes of the body that came in the same reads as the head. */
      const early = end + 4 < head.length ? head.subarray(end + 4) : undefined;
      head = Buffer.alloc(0);
      const reader = answer(socket, parsed, early, signal, onAbort);
      onRead = (more) => reader.onRead(more);
      resolve(reader.answer);
    };
  });
}

function answer(
  socket: net.Socket,
  head: Head,
  early: Buffer | undefined,
  signal: AbortSignal,
  onAbort: () => void,
): { answer: RawAnswer; onRead(bytes: Buffer): void } {
  let onRead: (bytes: Buffer) => void = () => {};
  const destroy = () => {
    signal.removeEventListener('abort', onAbort);
    socket.destroy();
  };
  const readBody = (visit: BodyVisitor, afterRead?: () => void) =>
    new Promise<void>((resolve) => {
      const decoder = head.chunked ? new ChunkedDecoder() : undefined;
      let left = head.contentLength ?? Number.POSITIVE_INFINITY;
      const finish = () => {
        onRead = () => {};
        destroy();
        resolve();
      };
      const take = (bytes: Buffer) => {
        if (decoder) decoder.push(bytes, 0, bytes.length, visit);
        else {
          const end = Math.min(bytes.length, left);
          visit(bytes, 0, end);
          left -= end;
        }
        afterRead?.();
        if (decoder?.done || left === 0) finish();
      };
      // Whatever the visitor throws (a body that is not what it expects) ends the read too.
      const takeSafely = (bytes: Buffer): boolean => {
        try {
          take(bytes);
          return true;
        } catch {
          finish();
          return false;
        }
      };
      socket.on('error', finish);
      socket.on('close', finish);
      socket.on('end', finish);
      if (early && !takeSafely(early)) return;
      if (socket.destroyed) {
        finish();
        return;
      }
      onRead = (bytes) => void takeSafely(bytes);
      socket.resume();
    });
  const readErrorBody = async () => {
    const parts: Buffer[] = [];
    let size = 0;
    await readBody((bytes, start, end) => {
      if (size >= MAX_ERROR_BODY_BYTES) return;
      const part = Buffer.from(bytes.subarray(start, Math.min(end, start + MAX_ERROR_BODY_BYTES - size)));
      parts.push(part);
      size += part.length;
    });
    return Buffer.concat(parts);
  };
  return { answer: { status: head.status, readBody, readErrorBody, destroy }, onRead: (bytes) => onRead(bytes) };
}
