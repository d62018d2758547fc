import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { AppError } from '../../../common/errors/app-error.js';
import { isAlive } from '../system/process-identity.js';

export const LockHolderSchema = z.object({
  jobId: z.string(),
  kind: z.string(),
  since: z.iso.datetime(),
  pid: z.number().int(),
  startTime: z.string().nullable(),
});
export type LockHolder = z.infer<typeof LockHolderSchema>;

/** A takeover guard older than this was left by a process that died inside the guard. */
const GUARD_STALE_MS = 10_000;
const ACQUIRE_ROUNDS = 50;
const ROUND_PAUSE_MS = 20;

/**
 * One mutating job at a time, held by the job process itself (so that "is the holder alive?"
 * asks about the process doing the work) in `<state>/locks/mutating.lock`.
 *
 * - Acquire: the record is written to a private temporary file and hard-linked to the lock
 *   name. link() fails with EEXIST if the name exists, so creation is atomic and the lock is
 *   never visible half-written.
 * - Release: only by the holder, only if the file still names it. Safe without a guard: nobody
 *   else removes a lock whose holder is alive.
 * - Stale takeover (holder dead: pid gone, a zombie, or the pid reused by another process,
 *   which the start time tells): two contenders may both judge the same lock stale; if each
 *   simply unlinked and re-created it, the slower one could unlink the lock the faster one had
 *   just taken. So removal happens only inside a takeover guard (mkdir is atomic), after
 *   re-reading the lock and finding the very same dead holder. Then every contender goes back
 *   to the atomic link(), which exactly one wins. A guard left by a process that died inside it
 *   (a few system calls long) is broken after GUARD_STALE_MS; that is the one assumption: no
 *   live process stays inside the guard that long.
 */
export class MutatingLock {
  readonly file: string;
  private readonly guard: string;

  constructor(locksDir: string) {
    mkdirSync(locksDir, { recursive: true, mode: 0o700 });
    this.file = path.join(locksDir, 'mutating.lock');
    this.guard = `${this.file}.takeover`;
  }

  /** The holder, alive or not; undefined when free. */
  read(): LockHolder | undefined {
    try {
      return LockHolderSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      // Unparseable: only a foreign hand can have made it (writes are atomic); treat it as dead.
      return { jobId: 'unknown', kind: 'unknown', since: new Date(0).toISOString(), pid: -1, startTime: null };
    }
  }

  /** The holder if it is alive; a dead holder counts as free (a start will take it over). */
  liveHolder(): LockHolder | undefined {
    const holder = this.read();
    return holder && isAlive(holder) ? holder : undefined;
  }

  /**
   * Takes the lock for `holder`, taking over from a dead holder (after `onStale` has been told,
   * so it can close that job's journal). Throws jobs.lockHeld naming a live holder.
   */
  async acquire(holder: LockHolder, onStale: (stale: LockHolder) => void): Promise<void> {
    for (let round = 0; round < ACQUIRE_ROUNDS; round++) {
      if (this.tryLink(holder)) return;
      const current = this.read();
      if (current === undefined) continue; // released meanwhile: try again at once
      if (isAlive(current)) throw lockHeldError(current);
      if (await this.removeIfStill(current)) onStale(current);
      else await sleep(ROUND_PAUSE_MS);
    }
    throw new AppError('jobs.lockHeld', {
      detail: `could not take ${this.file} after ${ACQUIRE_ROUNDS} rounds`,
      retryable: true,
    });
  }

  /** Removes the lock if it names `jobId`; returns whether it did. */
  release(jobId: string): boolean {
    const current = this.read();
    if (current?.jobId !== jobId) return false;
    try {
      unlinkSync(this.file);
      return true;
    } catch {
      return false;
    }
  }

  private tryLink(holder: LockHolder): boolean {
    const temporary = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(temporary, JSON.stringify(holder), { mode: 0o600 });
    try {
      linkSync(temporary, this.file);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    } finally {
      unlinkSync(temporary);
    }
  }

  /** Inside the takeover guard: removes the lock only if it still names the same dead holder. */
  private async removeIfStill(stale: LockHolder): Promise<boolean> {
    if (!(await this.enterGuard())) return false;
    try {
      const current = this.read();
      const same =
        current !== undefined &&
        current.jobId === stale.jobId &&
        current.pid === stale.pid &&
        current.startTime === stale.startTime;
      if (!same || isAlive(current)) return false;
      unlinkSync(this.file);
      return true;
    } finally {
      rmdirSync(this.guard);
    }
  }

  private async enterGuard(): Promise<boolean> {
    for (let round = 0; round < ACQUIRE_ROUNDS; round++) {
      try {
        mkdirSync(this.guard);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      try {
        if (Date.now() - statSync(this.guard).mtimeMs > GUARD_STALE_MS) rmdirSync(this.guard);
      } catch {
        // Gone already, or another contender broke it first: either way, try again.
      }
      await sleep(ROUND_PAUSE_MS);
    }
    return false;
  }
}

export function lockHeldError(holder: LockHolder): AppError {
  return new AppError('jobs.lockHeld', {
    params: { jobId: holder.jobId, kind: holder.kind, since: holder.since, pid: holder.pid },
    detail: `job ${holder.jobId} (${holder.kind}, pid ${holder.pid}) has held the lock since ${holder.since}`,
    retryable: true,
  });
}
