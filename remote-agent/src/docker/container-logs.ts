import type { IncomingMessage } from 'node:http';
import { LAST_LINES, type LogStream } from '../../../common/dashboard/dashboard-contract.js';
import type { DockerEngine, Query } from './docker-engine.js';
import { FrameDemuxer, LineAssembler } from '../dashboard/log-frames.js';
import type { RawAnswer } from './raw-http-stream.js';

export interface LogLine {
  stream: LogStream;
  line: string;
}

export interface LogQuery {
  follow: boolean;
  /** Lines from the end; 'all' for everything (since permitting). */
  tail: number | 'all';
  /** "seconds.nanoseconds": only lines written at or after it. */
  since?: string;
  timestamps: boolean;
}

function logsQuery(query: LogQuery): Query {
  return {
    follow: query.follow,
    stdout: true,
    stderr: true,
    tail: String(query.tail),
    timestamps: query.timestamps,
    since: query.since,
  };
}

/** GET /containers/{name}/logs with both streams as raw bytes, for a follow (see raw-http-stream.ts). */
export function openLogBytes(
  engine: DockerEngine,
  container: string,
  query: LogQuery,
  signal: AbortSignal,
): Promise<RawAnswer> {
  return engine.openRawStream(`/containers/${encodeURIComponent(container)}/logs`, logsQuery(query), signal);
}

/** Opens GET /containers/{name}/logs with both streams; the caller reads and destroys the response. */
export function openLogs(
  engine: DockerEngine,
  container: string,
  query: LogQuery,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  return engine.openStream(`/containers/${encodeURIComponent(container)}/logs`, logsQuery(query), signal);
}

/**
 * A log response as batches of lines (one batch per chunk that arrived). A container with a TTY
 * sends its output raw (all of it stdout); without one, frames multiplex stdout and stderr.
 */
export async function* logLines(response: IncomingMessage, tty: boolean): AsyncGenerator<LogLine[]> {
  const demuxer = tty ? undefined : new FrameDemuxer();
  const assemblers = { stdout: new LineAssembler(), stderr: new LineAssembler() };
  for await (const chunk of response) {
    const pieces = demuxer ? demuxer.push(chunk as Buffer) : [{ stream: 'stdout' as const, data: chunk as Buffer }];
    const batch: LogLine[] = [];
    for (const piece of pieces) {
      for (const line of assemblers[piece.stream].push(piece.data)) batch.push({ stream: piece.stream, line });
    }
    if (batch.length > 0) yield batch;
  }
  const rest: LogLine[] = [];
  for (const stream of ['stdout', 'stderr'] as const) {
    for (const line of assemblers[stream].flush()) rest.push({ stream, line });
  }
  if (rest.length > 0) yield rest;
}

/** The last lines a container wrote (both streams, in order), for a service that does not run. */
export async function lastLogLines(
  engine: DockerEngine,
  container: string,
  tty: boolean,
  signal: AbortSignal,
  count = LAST_LINES,
): Promise<string[]> {
  const timeout = AbortSignal.any([signal, AbortSignal.timeout(10_000)]);
  const response = await openLogs(engine, container, { follow: false, tail: count, timestamps: false }, timeout);
  const lines: string[] = [];
  try {
    for await (const batch of logLines(response, tty)) {
      for (const { line } of batch) lines.push(line.slice(0, 16_384));
      if (lines.length > count * 4) lines.splice(0, lines.length - count);
    }
  } finally {
    response.destroy();
  }
  return lines.slice(-count);
}
