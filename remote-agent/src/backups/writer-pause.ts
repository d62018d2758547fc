import { spawn } from 'node:child_process';
import { AppError } from '../../../common/errors/app-error.js';
import { inspectAll, stateOf } from '../docker/containers.js';
import type { DockerEngine } from '../docker/docker-engine.js';
import { MAILBOX_WRITERS } from '../../../common/stack/services.js';

/** If this process dies while the writers are frozen, a guard thaws them after this long. */
const GUARD_SECONDS = 60;

/**
 * Freezes the mailbox writers (docker pause: the cgroup freezer stops them between two
 * instructions, so no write is half done from the file system's view) for the length of `work`, and
 * always thaws them again, also when `work` fails. A detached guard process thaws them too should
 * this process be killed meanwhile, so mail is never left frozen. Returns how long they were frozen.
 */
export async function withWritersPaused<T>(
  engine: DockerEngine,
  work: () => Promise<T>,
  signal?: AbortSignal,
): Promise<{ value: T; pausedMs: number }> {
  const states = await inspectAll(engine, MAILBOX_WRITERS, signal);
  const running = MAILBOX_WRITERS.filter((_, index) => stateOf(states[index]) === 'running');
  const guard =
    running.length > 0
      ? spawn(
          'sh',
          [
            '-c',
            'sleep "$1"; shift; docker unpause "$@" >/dev/null 2>&1',
            'mailharbor-unpause-guard',
            String(GUARD_SECONDS),
            ...running,
          ],
          {
            detached: true,
            stdio: 'ignore',
          },
        )
      : undefined;
  guard?.unref();
  const paused: string[] = [];
  const started = performance.now();
  let value: T;
  try {
    // All at once: on a busy engine each call can take a while, and mail waits for the slowest
    // one rather than for the sum. The work starts only when every writer is frozen.
    const outcomes = await Promise.allSettled(
      running.map(async (container) => {
        await engine.pause(container, signal);
        paused.push(container);
      }),
    );
    const failed = outcomes.findIndex((outcome) => outcome.status === 'rejected');
    if (failed >= 0) {
      const container = running[failed]!;
      throw new AppError('backups.pauseFailed', {
        params: { service: container },
        detail: `docker pause ${container}: ${((outcomes[failed] as PromiseRejectedResult).reason as Error).message}`,
        retryable: true,
      });
    }
    value = await work();
  } finally {
    // Thawed in every case, without the job's signal: a cancelled backup must not leave mail frozen.
    const failures: string[] = [];
    await Promise.all(
      paused.map((container) =>
        engine.unpause(container).catch((error: Error) => failures.push(`${container}: ${error.message}`)),
      ),
    );
    if (failures.length === 0) guard?.kill('SIGKILL');
  }
  return { value, pausedMs: Math.round(performance.now() - started) };
}
