// Benchmark (issue #7): the agent's resident memory while the app follows the logs of all 15
// services of a real install (logs.follow through the backend, tail 100, with timestamps), idle and
// while every service writes a burst of lines at once; against the baseline measured in the same
// run: Docker's own CLI following the same 15 containers (`docker logs -f --tail 100`, one process
// each, output to /dev/null on the VPS) under the same burst. RSS is VmRSS from /proc/<pid>/status,
// sampled on the VPS every 250 ms. Target: the agent's peak under 80 MB (80,000,000 bytes).
// Needs the world up (test/world/up). Writes bench/results/agent-follow-memory.json.
//
// Run: node_modules/.bin/tsx bench/agent-follow-memory.ts [--burst 20000] [--vps NAME] [--keep]
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { STACK_SERVICES } from '../common/stack/services.js';
import { AGENT_PID_SCRIPT, stackVps, stackVpsOptions, type StackVps } from './support/stack-vps.js';
import { writeResults } from './support/bench-results.js';

const { values } = parseArgs({
  options: {
    burst: { type: 'string', default: '20000' },
    vps: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const BURST = Math.min(Math.max(Number(values.burst) || 20_000, 0), 1_000_000);
const TARGET_BYTES = 80_000_000;
const SAMPLE_SECONDS = 20;
const SAMPLE_EVERY_S = 0.25;
/** When the burst starts within a sampling phase: the samples before it are the idle follow. */
const BURST_AFTER_S = 3;
const CONTAINERS = STACK_SERVICES.map((entry) => entry.container).join(' ');

/**
 * One phase on the VPS: samples the summed VmRSS (bytes) of $pids for SAMPLE_SECONDS and, after
 * BURST_AFTER_S, has every container write BURST lines into its own output at once (a plain sh
 * loop: every image of the stack has a shell). Prints one sample per line, then how many
 * containers took the burst.
 */
function phaseScript(withBurst = true): string {
  const samples = Math.round(SAMPLE_SECONDS / SAMPLE_EVERY_S);
  const burstAt = Math.round(BURST_AFTER_S / SAMPLE_EVERY_S);
  return [
    'burst() {',
    `  ok=0; for c in ${CONTAINERS}; do`,
    `    docker exec $c sh -c 'i=0; while [ $i -lt ${BURST} ]; do echo "mhb burst $i abcdefghijklmnopqrstuvwxyz0123456789"; i=$((i+1)); done > /proc/1/fd/1' && echo took $c &`,
    '  done; wait',
    '}',
    `for i in $(seq ${samples}); do`,
    withBurst
      ? `  [ $i -eq ${burstAt} ] && { burst > /tmp/mhb-burst.out 2>&1 & bursting=$!; }`
      : '  : > /tmp/mhb-burst.out',
    "  s=0; for p in $pids; do r=$(awk '/^VmRSS:/ {print $2}' /proc/$p/status 2>/dev/null); s=$((s + ${r:-0})); done",
    '  echo rss $((s * 1024))',
    `  sleep ${SAMPLE_EVERY_S}`,
    'done',
    // Only the burst: a plain `wait` would wait for the baseline's endless docker logs -f too.
    '[ -n "${bursting:-}" ] && wait $bursting',
    'echo took $(grep -c ^took /tmp/mhb-burst.out)',
  ].join('\n');
}

interface Phase {
  samples: number[];
  idle: number;
  peak: number;
  containersBurst: number;
}

function parsePhase(out: string): Phase {
  const samples = [...out.matchAll(/^rss (\d+)$/gm)].map((m) => Number(m[1]));
  const took = Number(/^took (\d+)$/m.exec(out)?.[1] ?? 0);
  const before = samples.slice(0, Math.round(BURST_AFTER_S / SAMPLE_EVERY_S) - 1);
  return {
    samples,
    idle: Math.max(...before),
    peak: Math.max(...samples),
    containersBurst: took,
  };
}

async function agentPid(stack: StackVps): Promise<number> {
  const pids = (await stack.sh(AGENT_PID_SCRIPT)).split('\n').filter(Boolean).map(Number);
  if (pids.length === 0) throw new Error('no agent process (…/node … agent.cjs serve) on the VPS');
  if (pids.length > 1) console.warn(`several agent processes (${pids.join(', ')}): the newest is measured`);
  return Math.max(...pids);
}

async function appPhase(stack: StackVps, pid: number) {
  let attached = 0;
  let lines = 0;
  let agentSkipped = 0;
  let mainSkipped = 0;
  const off = stack.client.on('logs.lines', (payload) => {
    if (payload.streamId !== 'bench-memory') return;
    mainSkipped += payload.skipped;
    for (const entry of payload.lines) {
      if (entry.type === 'attached') attached++;
      else if (entry.type === 'lines') lines += entry.lines.length;
      else if (entry.type === 'skipped') agentSkipped += entry.count;
    }
  });
  const follow = stack.client.callOk('logs.follow', {
    serverId: stack.serverId,
    streamId: 'bench-memory',
    services: [],
    tail: 100,
    timestamps: true,
  });
  try {
    for (let waited = 0; attached < STACK_SERVICES.length && waited < 30_000; waited += 50) await sleep(50);
    const followed = attached;
    const phase = parsePhase(await stack.sh(`pids=${pid}\n${phaseScript()}`, 120_000));
    await stack.client.callOk('streams.stop', { streamId: 'bench-memory' });
    const result = await follow;
    return { ...phase, followed, received: lines, sent: result.lines, agentSkipped, mainSkipped };
  } finally {
    off();
  }
}

async function baselinePhase(stack: StackVps): Promise<Phase> {
  const script = [
    'pids=""',
    `for c in ${CONTAINERS}; do docker logs -f --tail 100 $c >/dev/null 2>&1 & pids="$pids $!"; done`,
    'sleep 2',
    phaseScript(),
    'kill $pids 2>/dev/null || true',
  ].join('\n');
  return parsePhase(await stack.sh(script, 120_000));
}

const stack = await stackVps(stackVpsOptions(values));
let agentBefore: Phase;
let app: Awaited<ReturnType<typeof appPhase>>;
let baseline: Phase;
try {
  const pid = await agentPid(stack);
  // The agent as it is after connecting (and, on a fresh VPS, after the install), following nothing.
  agentBefore = parsePhase(await stack.sh(`pids=${pid}\n${phaseScript(false)}`, 120_000));
  baseline = await baselinePhase(stack);
  app = await appPhase(stack, pid);
} finally {
  await stack.close();
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const met = app.peak < TARGET_BYTES;
console.log(
  `\nagent RSS, following nothing:                  max ${mb(agentBefore.idle)} (${agentBefore.samples.length} samples)`,
);
console.log(
  `agent RSS, following all ${app.followed} services:          ${mb(app.idle)} before the burst, peak ${mb(app.peak)} ` +
    `with ${BURST.toLocaleString('en-US')} lines from each of ${app.containersBurst} containers`,
);
console.log(
  `   lines received ${app.received.toLocaleString('en-US')} (agent sent ${app.sent.toLocaleString('en-US')}), skipped: agent ${app.agentSkipped}, main ${app.mainSkipped}`,
);
console.log(
  `baseline 15 × docker logs -f (summed RSS):      ${mb(baseline.idle)} before the burst, peak ${mb(baseline.peak)} (${baseline.containersBurst} containers)`,
);
console.log(
  `ratio agent peak / baseline peak: ${(app.peak / baseline.peak).toFixed(2)} (target agent peak < ${mb(TARGET_BYTES)}: ${met ? 'met' : 'NOT met'})`,
);

const out = writeResults('agent-follow-memory', {
  burstLinesPerService: BURST,
  agentFollowingNothing: agentBefore,
  agentFollowingAll: app,
  baselineDockerLogs: baseline,
  ratio: app.peak / baseline.peak,
  targetBytes: TARGET_BYTES,
  met,
});
console.log(`written ${out}`);
if (!met) process.exitCode = 1;

// The backend's SSH connections and timers would keep the process alive after the report.
process.exit(process.exitCode ?? 0);
