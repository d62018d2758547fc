// A lock file held by one process at a time (its pid inside; a dead owner's lock is taken over), for
// critical sections that several test processes may enter at once: rewriting one zone, changing the world.
import fs from 'node:fs';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs `fn` holding `lockFile`, waiting at most timeoutMs for it (looking again every pollMs). */
export async function withFileLock<T>(
  lockFile: string,
  timeoutMs: number,
  fn: () => Promise<T>,
  pollMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let owner = 0;
      try {
        owner = Number(fs.readFileSync(lockFile, 'utf8').trim());
      } catch {
        continue; // released between our two calls
      }
      if (!owner || !alive(owner)) {
        fs.rmSync(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${lockFile} is held by pid ${owner} for more than ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}
