import { existsSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { JobEvent } from '../../../common/agent-contract.js';
import { AppError } from '../../../common/errors/app-error.js';
import { LineSplitter } from '../../../common/rpc/line-splitter.js';
import { ChangeWaker } from './change-waker.js';
import { closeIfDead } from './job-status.js';
import { readJournalEdges } from './journal.js';
import { jobPaths, type StatePaths } from './state-dir.js';

const READ_CHUNK_BYTES = 64 * 1024;
/** How often, at most, a tailer waiting at the end of the journal asks whether the job died. */
const LIVENESS_EVERY_MS = 1_000;

export interface FollowOutcome {
  nextOffset: number;
  ended: 'finished' | 'cancelled';
}

/**
 * Tails a job's journal from `fromOffset`, handing each line to `send` and awaiting it, so the
 * reader's pace (through the stdout backpressure behind `send`) sets the pace here and at most
 * one chunk is held in memory. Ends after the 'finished' line has been sent, or on abort. A job
 * that died without finishing gets its closing line from closeIfDead, which ends the tail too.
 */
export async function followJournal(options: {
  paths: StatePaths;
  jobId: string;
  fromOffset: number;
  signal: AbortSignal;
  send: (event: JobEvent) => Promise<void>;
}): Promise<FollowOutcome> {
  const { paths, jobId, fromOffset, signal, send } = options;
  const files = jobPaths(paths, jobId);
  const waker = new ChangeWaker(files.dir);
  const splitter = new LineSplitter();
  const buffer = Buffer.alloc(READ_CHUNK_BYTES);
  let handle: FileHandle | undefined;
  let position = 0;
  let lineIndex = 0;
  let lastLivenessCheck = 0;
  try {
    for (;;) {
      if (signal.aborted) return { nextOffset: Math.max(fromOffset, lineIndex), ended: 'cancelled' };
      handle ??= await openIfExists(files.journal);
      const { bytesRead } = handle ? await handle.read(buffer, 0, buffer.length, position) : { bytesRead: 0 };
      if (bytesRead > 0) {
        position += bytesRead;
        for (const item of splitter.push(buffer.subarray(0, bytesRead))) {
          if ('tooLong' in item) throw corrupt(jobId, lineIndex, `a line of ${item.tooLong} bytes`);
          if (lineIndex >= fromOffset) {
            const event = parseEvent(jobId, lineIndex, item.line);
            await send(event);
            if (event.type === 'finished') return { nextOffset: lineIndex + 1, ended: 'finished' };
          }
          lineIndex++;
        }
        continue;
      }
      // At the end of what is written: the job may still be writing, or may have died.
      if (Date.now() - lastLivenessCheck >= LIVENESS_EVERY_MS) {
        lastLivenessCheck = Date.now();
        // A start that lost the race for the lock removes its directory: nothing will come.
        if (!existsSync(files.meta)) throw new AppError('jobs.notFound', { params: { jobId } });
        if (closeIfDead(paths, jobId)) continue;
        // A follow from past the closing line (a client that saw it all) has nothing to wait for.
        const last = readJournalEdges(files.journal).last;
        if (last?.type === 'finished' && last.offset < lineIndex) return { nextOffset: lineIndex, ended: 'finished' };
      }
      await waker.wait(signal);
    }
  } finally {
    waker.close();
    await handle?.close();
  }
}

async function openIfExists(file: string): Promise<FileHandle | undefined> {
  try {
    return await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * JSON only: the schema check happens once, when the event goes out as a jobs.event
 * notification (the RPC server validates every notification it sends).
 */
function parseEvent(jobId: string, lineIndex: number, line: string): JobEvent {
  let event: JobEvent;
  try {
    event = JSON.parse(line) as JobEvent;
  } catch (error) {
    throw corrupt(jobId, lineIndex, error instanceof Error ? error.message : String(error));
  }
  if (event.offset !== lineIndex) throw corrupt(jobId, lineIndex, `line says offset ${event.offset}`);
  return event;
}

function corrupt(jobId: string, offset: number, detail: string): AppError {
  return new AppError('jobs.journalCorrupt', { params: { jobId, offset }, detail: `line ${offset}: ${detail}` });
}
