// Following logs the two ways the dashboard benchmarks compare: through the whole app (logs.follow
// on the backend: agent, SSH, main, the renderer's side of the contract) and with OpenSSH running
// `docker logs -f` on the VPS, the baseline. Both hand each received chunk of lines to the caller
// with the time it arrived.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ServiceName } from '../../common/dashboard/dashboard-contract.js';
import { sshArgs } from '../../test/world/vps-ssh.js';
import type { StackVps } from './stack-vps.js';

/** Wall-clock ms with sub-ms precision; the generator on the VPS stamps its lines the same way. */
export const wallClockMs = () => performance.timeOrigin + performance.now();

export interface FollowTotals {
  /** Lines the agent dropped for a slow reader ('skipped' entries). */
  agentSkipped: number;
  /** Lines main dropped because the window was behind (`skipped` of logs.lines). */
  mainSkipped: number;
  /** Lines the follow's result reports as sent. */
  sent: number;
}

/**
 * Runs `work` while `service` is followed through the backend (from now on: tail 0), after the
 * agent reported it attached; then stops the follow and returns what was dropped on the way.
 */
export async function throughApp<T>(
  stack: StackVps,
  streamId: string,
  service: ServiceName,
  onLines: (lines: readonly string[], receivedAt: number) => void,
  work: () => Promise<T>,
): Promise<{ value: T; totals: FollowTotals }> {
  let agentSkipped = 0;
  let mainSkipped = 0;
  let attached = false;
  const off = stack.client.on('logs.lines', (payload) => {
    if (payload.streamId !== streamId) return;
    const receivedAt = wallClockMs();
    mainSkipped += payload.skipped;
    for (const entry of payload.lines) {
      if (entry.type === 'lines') onLines(entry.lines, receivedAt);
      else if (entry.type === 'skipped') agentSkipped += entry.count;
      else if (entry.type === 'attached') attached = true;
    }
  });
  const follow = stack.client.callOk('logs.follow', {
    serverId: stack.serverId,
    streamId,
    services: [service],
    tail: 0,
    timestamps: false,
  });
  try {
    for (let waited = 0; !attached; waited += 20) {
      if (waited > 30_000) throw new Error(`logs.follow of ${service}: not attached within 30 s`);
      await sleep(20);
    }
    const value = await work();
    await stack.client.callOk('streams.stop', { streamId });
    const result = await follow;
    return { value, totals: { agentSkipped, mainSkipped, sent: result.lines } };
  } finally {
    off();
  }
}

/**
 * Runs `work` while `ssh root@vps docker logs -f --tail 0 <container>` streams to this process,
 * which only hands the raw chunks on (the baseline does no parsing of its own). Attachment is
 * proven by a marker line written into the container until it comes back (at most 20 tries).
 */
export async function throughOpenSsh<T>(
  stack: StackVps,
  container: string,
  onChunk: (chunk: Buffer, receivedAt: number) => void,
  work: () => Promise<T>,
): Promise<T> {
  const child = spawn('ssh', [...sshArgs(stack.rootShell), '--', `docker logs -f --tail 0 ${container}`], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let ready = false;
  let live = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (live) onChunk(chunk, wallClockMs());
    else if (chunk.includes('mhb-ready')) ready = true;
  });
  try {
    for (let attempt = 0; !ready; attempt++) {
      if (attempt >= 20 || child.exitCode !== null) throw new Error('docker logs -f over ssh did not attach');
      await stack.sh(`docker exec ${container} sh -c 'echo mhb-ready > /proc/1/fd/1'`);
      for (let waited = 0; !ready && waited < 1_000; waited += 20) await sleep(20);
    }
    live = true;
    return await work();
  } finally {
    child.kill();
  }
}

/** Splits the baseline's chunks into lines (for the latency baseline, which must read each line). */
export function linesOf(onLine: (line: string, receivedAt: number) => void): {
  onChunk: (chunk: Buffer, receivedAt: number) => void;
} {
  let rest = '';
  return {
    onChunk: (chunk, receivedAt) => {
      const parts = (rest + chunk.toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) onLine(line, receivedAt);
    },
  };
}

/** Waits until `done()` or until nothing new arrived for quietMs (counted by `progress()`), at most maxMs. */
export async function settle(done: () => boolean, progress: () => number, quietMs: number, maxMs: number) {
  const deadline = Date.now() + maxMs;
  let last = progress();
  let lastChange = Date.now();
  while (!done() && Date.now() < deadline && Date.now() - lastChange < quietMs) {
    await sleep(20);
    if (progress() !== last) {
      last = progress();
      lastChange = Date.now();
    }
  }
}
