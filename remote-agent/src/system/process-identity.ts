import { readFileSync } from 'node:fs';

/**
 * A process as a pid plus its start time. A pid alone is not an identity: after a crash the
 * kernel may hand the same pid to an unrelated process, and a lock judged by pid alone would
 * then never be recovered. Linux's /proc/<pid>/stat gives the start time in clock ticks since
 * boot; elsewhere (no /proc) it is null and only the pid is compared.
 */
export interface ProcessIdentity {
  pid: number;
  startTime: string | null;
}

interface ProcStat {
  state: string;
  startTime: string;
}

function readProcStat(pid: number): ProcStat | null | 'no-proc' {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      try {
        readFileSync('/proc/self/stat');
      } catch {
        return 'no-proc';
      }
      return null;
    }
    return 'no-proc';
  }
  // The command name (field 2) is in parentheses and may contain spaces or parentheses itself.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // Counting from field 3 (state) at index 0, field 22 (starttime) is at index 19.
  const state = fields[0];
  const startTime = fields[19];
  if (state === undefined || startTime === undefined) return null;
  return { state, startTime };
}

export function identify(pid: number): ProcessIdentity {
  const stat = readProcStat(pid);
  return { pid, startTime: stat && stat !== 'no-proc' ? stat.startTime : null };
}

/** True while that very process runs; a zombie (killed, not yet reaped) counts as dead. */
export function isAlive(identity: ProcessIdentity): boolean {
  if (!Number.isInteger(identity.pid) || identity.pid <= 0) return false;
  try {
    process.kill(identity.pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = readProcStat(identity.pid);
  if (stat === 'no-proc') return true;
  if (stat === null) return false;
  if (stat.state === 'Z' || stat.state === 'X') return false;
  return identity.startTime === null || identity.startTime === stat.startTime;
}
