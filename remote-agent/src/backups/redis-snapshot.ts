import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../../common/errors/app-error.js';
import { exec } from '../system/exec.js';

const SAVE_DEADLINE_MS = 5 * 60_000;
const POLL_MS = 250;

async function redisCli(args: string[], signal: AbortSignal): Promise<string> {
  const result = await exec('docker', ['exec', 'redis', 'redis-cli', '-h', '127.0.0.1', ...args], {
    timeoutMs: 30_000,
    signal,
  });
  if (result.code !== 0) {
    throw new AppError('backups.redisSnapshotFailed', {
      detail: `redis-cli ${args.join(' ')}: exit ${result.code}\n${result.stderr || result.stdout}`.trim(),
      retryable: true,
    });
  }
  return result.stdout.trim();
}

/**
 * A fresh snapshot of Redis in its dump.rdb, not whatever file happens to be there: BGSAVE, then
 * wait until LASTSAVE moves and the save reports ok. Redis writes the dump to a temporary file and
 * renames it into place, so the file is whole from then on and the next save replaces it rather
 * than writing into it. Waits out a save already in progress.
 */
export async function snapshotRedis(signal: AbortSignal, log: (line: string) => void): Promise<{ savedAt: number }> {
  const before = Number(await redisCli(['LASTSAVE'], signal));
  const started = Date.now();
  for (;;) {
    const answer = await redisCli(['BGSAVE'], signal);
    if (!/in progress/i.test(answer)) {
      if (!/started|scheduled|OK/i.test(answer)) {
        throw new AppError('backups.redisSnapshotFailed', { detail: `BGSAVE answered: ${answer}`, retryable: true });
      }
      break;
    }
    if (Date.now() - started > SAVE_DEADLINE_MS) throw timeout();
    await sleep(POLL_MS, undefined, { signal });
  }
  log('redis: snapshot started (BGSAVE)');
  while (Date.now() - started < SAVE_DEADLINE_MS) {
    const last = Number(await redisCli(['LASTSAVE'], signal));
    if (last > before) {
      const info = await redisCli(['INFO', 'persistence'], signal);
      if (/rdb_last_bgsave_status:ok/.test(info)) {
        log('redis: snapshot saved');
        return { savedAt: last };
      }
      throw new AppError('backups.redisSnapshotFailed', { detail: `the snapshot failed:\n${info}`, retryable: true });
    }
    await sleep(POLL_MS, undefined, { signal });
  }
  throw timeout();
}

function timeout(): AppError {
  return new AppError('backups.redisSnapshotFailed', {
    detail: `Redis did not finish its snapshot within ${SAVE_DEADLINE_MS / 1000} s`,
    retryable: true,
  });
}
