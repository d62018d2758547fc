// Waits for a freshly started daemon to serve, but gives up at once, with the end of its log, when the
// daemon has already died (a port in use, a bad config): no 20-second wait for something that is gone.
import fs from 'node:fs';
import type { DaemonInfo, WorldContext } from '../../context.js';

function logTail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export async function waitUntilServing(
  ctx: WorldContext,
  daemon: DaemonInfo,
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  let died = false;
  try {
    await ctx.waitFor(
      async () => {
        if (ctx.daemonRunning(daemon.name) === undefined) {
          died = true;
          return true; // stop polling; reported below
        }
        return check();
      },
      { timeoutMs, intervalMs: 200, what: `${what} (log: ${daemon.logFile})` },
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}\n--- ${daemon.logFile} ---\n${logTail(daemon.logFile)}`);
  }
  if (died)
    throw new Error(
      `${daemon.name} exited instead of serving ${what}\n--- ${daemon.logFile} ---\n${logTail(daemon.logFile)}`,
    );
}
