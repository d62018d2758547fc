// Benchmark (issue #15): how long the mail ports are unavailable while the stack is updated, and while
// a failed update rolls back, on a world VPS with the real stack (stand-in images), against the baseline
// measured in the same run: upstream's way of updating (IMAGE_TAG changed in .env, then `compose pull`
// and `compose up -d`, as its scripts/update.sh does). Port 25 is watched from the host the whole time
// (a TCP connect and its greeting every 250 ms: the agent's own watcher, pointed at the VPS).
// Reported: the baseline's outage, the update's (target: under 30 s), its ratio to the baseline, and the
// outage of an update to v1.2.0-broken from the switch until the rollback answers again.
// Needs the world up (test/world/up). Writes bench/results/updates.json.
//
// Run: node_modules/.bin/tsx bench/updates.ts [--vps NAME] [--keep]
import { parseArgs } from 'node:util';
import { followJobToEnd } from '../test/support/stack-install-calls.js';
import { watchMailDowntime } from '../remote-agent/src/updates/mail-downtime.js';
import { writeResults } from './support/bench-results.js';
import { stackVps, stackVpsOptions } from './support/stack-vps.js';

const { values } = parseArgs({
  options: { vps: { type: 'string' }, keep: { type: 'boolean', default: false } },
});
const STACK = '/root/forwardemail.net/self-hosting';
const stack = await stackVps(
  stackVpsOptions({ vps: values.vps ?? `bench-updates-${process.pid}`, keep: values.keep ?? false }),
);
const seconds = (ms: number) => Number((ms / 1000).toFixed(1));

/** Runs `work` while port 25 of the VPS is watched: the longest outage and how long the work took. */
async function watched(work: () => Promise<unknown>): Promise<{ downMs: number; tookMs: number }> {
  const watch = watchMailDowntime(25, stack.vps.ip);
  const started = performance.now();
  await work();
  const tookMs = performance.now() - started;
  return { downMs: await watch.stop(), tookMs };
}

async function update(version: string): Promise<string> {
  const { jobId } = await stack.client.callOk('updates.start', {
    serverId: stack.serverId,
    version,
    withoutBackup: true,
  });
  return followJobToEnd(stack.client, stack.serverId, jobId, `u-${version.replace(/[^A-Za-z0-9]/g, '')}`);
}

try {
  // Baseline: upstream's update from the installed v1.1.0 to v1.0.0's images (any other tag will do).
  const baseline = await watched(() =>
    stack.sh(
      `cd ${STACK} && sed -i 's/^IMAGE_TAG=.*/IMAGE_TAG=v1.0.0/' .env && ` +
        `(docker compose version >/dev/null 2>&1 && C="docker compose" || C=docker-compose; $C pull -q && $C up -d)`,
      15 * 60_000,
    ),
  );
  // Let every service become healthy again before ours starts (ours waits for it too).
  await stack.sh(
    "for i in $(seq 1 180); do [ $(docker ps --format '{{.Status}}' | grep -c '(healthy)') -eq 15 ] && exit 0; sleep 2; done; exit 1",
    7 * 60_000,
  );

  const ours = await watched(async () => {
    if ((await update('v1.1.0')) !== 'succeeded') throw new Error('the update to v1.1.0 failed');
  });
  const status = await stack.client.callOk('updates.status', { serverId: stack.serverId });
  const rollback = await watched(async () => {
    if ((await update('v1.2.0-broken')) !== 'failed') throw new Error('the update to v1.2.0-broken did not fail');
  });
  const after = await stack.client.callOk('updates.status', { serverId: stack.serverId });
  if (after.lastRun?.outcome !== 'rolledBack') throw new Error(`expected a rollback, got ${after.lastRun?.outcome}`);

  const results = {
    baselineOutageSeconds: seconds(baseline.downMs),
    baselineTookSeconds: seconds(baseline.tookMs),
    updateOutageSeconds: seconds(ours.downMs),
    updateOutageAgainstBaseline: Number((ours.downMs / Math.max(1, baseline.downMs)).toFixed(2)),
    updateOutageSeenByAgentSeconds: seconds(status.lastRun?.mailDowntimeMs ?? 0),
    updateTookSeconds: seconds(ours.tookMs),
    rollbackOutageSeconds: seconds(rollback.downMs),
    rollbackTookSeconds: seconds(rollback.tookMs),
  };
  console.log(JSON.stringify(results, null, 2));
  console.log(
    `target: mail ports unavailable under 30 s during an update: ${results.updateOutageSeconds < 30 ? 'met' : 'missed'} ` +
      `(${results.updateOutageSeconds} s; upstream's way ${results.baselineOutageSeconds} s); ` +
      `a failed update that rolled back: ${results.rollbackOutageSeconds} s`,
  );
  writeResults('updates', results);
} finally {
  await stack.close();
}
