// Benchmarks of the dashboard's log pipeline (issue #7) on a VPS of its own with the real stack
// installed through the app's backend, each against a baseline measured in the same run:
//  1. throughput: lines written as fast as possible into one service's output, followed through the
//     whole app (agent → SSH → main → the renderer's side of the contract, which validates and
//     acknowledges every event), against `ssh root@vps docker logs -f` whose output this process
//     only receives and throws away. Lines per second = lines received / (last received − first
//     written). Target: at least 50,000 lines/s and at least half the baseline's.
//  2. latency at 1,000 lines per second: each line carries its write time; latency = receive time −
//     write time (the VPS is a container on this machine, so both read the same clock). Target: p95
//     under 250 ms.
// The generator runs inside the bree container and writes into its PID 1 output (see
// support/log-generator.ts), so the stack is left as it is. Needs the world up (test/world/up).
// Writes bench/results/dashboard-logs.json.
//
// Run: node_modules/.bin/tsx bench/dashboard-logs.ts [--lines 200000] [--rounds 3] [--seconds 20]
//        [--vps NAME] [--keep]   (an existing VPS of that name is used as it is; --keep leaves it)
import { parseArgs } from 'node:util';
import { linesOf, settle, throughApp, throughOpenSsh, type FollowTotals } from './support/follow-logs.js';
import { installGenerator, runGenerator, runTag, writtenAt } from './support/log-generator.js';
import { stackVps, stackVpsOptions, type StackVps } from './support/stack-vps.js';
import { writeResults } from './support/bench-results.js';

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '200000' },
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '20' },
    vps: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const LINES = Math.min(Math.max(Number(values.lines) || 200_000, 1_000), 2_000_000);
const ROUNDS = Math.min(Math.max(Number(values.rounds) || 3, 1), 10);
const SECONDS = Math.min(Math.max(Number(values.seconds) || 20, 5), 120);
const RATE = 1_000;
const TARGET_LINES_PER_SECOND = 50_000;
const TARGET_SHARE_OF_BASELINE = 0.5;
const TARGET_P95_MS = 250;
/** A stack service whose container runs the stand-in image (it has node for the generator). */
const SERVICE = 'bree';

interface ThroughputRound {
  linesPerSecond: number;
  received: number;
  seconds: number;
}

interface AppThroughputRound extends ThroughputRound {
  totals: FollowTotals;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** LINES lines as fast as the generator writes them; then waits until `received()` counts them all or went quiet. */
async function burst(stack: StackVps, tag: string, received: () => number): Promise<void> {
  await runGenerator(stack, SERVICE, ['burst', tag, LINES]);
  await settle(() => received() >= LINES, received, 5_000, 120_000);
}

/** RATE lines a second for SECONDS; then waits until `received()` counts them all or went quiet. */
async function steadyRate(stack: StackVps, tag: string, received: () => number): Promise<void> {
  await runGenerator(stack, SERVICE, ['rate', tag, RATE, SECONDS]);
  await settle(() => received() >= RATE * SECONDS, received, 3_000, 30_000);
}

async function appThroughput(stack: StackVps, round: number): Promise<AppThroughputRound> {
  const tag = runTag('t');
  const prefix = `mhb ${tag} `;
  let received = 0;
  let firstWritten = NaN;
  let lastReceived = NaN;
  const { totals } = await throughApp(
    stack,
    `bench-throughput-${round}`,
    SERVICE,
    (lines, receivedAt) => {
      for (const line of lines) {
        if (!line.startsWith(prefix)) continue;
        if (received === 0) firstWritten = writtenAt(line, tag) ?? NaN;
        received++;
        lastReceived = receivedAt;
      }
    },
    () => burst(stack, tag, () => received),
  );
  const seconds = (lastReceived - firstWritten) / 1000;
  return { linesPerSecond: received / seconds, received, seconds, totals };
}

async function baselineThroughput(stack: StackVps): Promise<ThroughputRound> {
  const tag = runTag('b');
  const marker = Buffer.from(`mhb ${tag} `);
  let newlines = 0;
  let firstWritten = NaN;
  let lastReceived = NaN;
  await throughOpenSsh(
    stack,
    SERVICE,
    (chunk, receivedAt) => {
      // Only what a reader into /dev/null would need: count line ends; find the first line's stamp once.
      if (Number.isNaN(firstWritten)) {
        const at = chunk.indexOf(marker);
        if (at >= 0) {
          const end = chunk.indexOf(10, at);
          firstWritten = writtenAt(chunk.toString('utf8', at, end < 0 ? undefined : end), tag) ?? NaN;
        }
      }
      for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) newlines++;
      lastReceived = receivedAt;
    },
    () => burst(stack, tag, () => newlines),
  );
  const received = Math.min(newlines, LINES);
  const seconds = (lastReceived - firstWritten) / 1000;
  return { linesPerSecond: received / seconds, received, seconds };
}

interface LatencyRun {
  expected: number;
  received: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function latencySummary(latencies: number[], expected: number): LatencyRun {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    expected,
    received: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
  };
}

async function appLatency(stack: StackVps): Promise<LatencyRun & { totals: FollowTotals }> {
  const tag = runTag('l');
  const latencies: number[] = [];
  const expected = RATE * SECONDS;
  const { totals } = await throughApp(
    stack,
    'bench-latency',
    SERVICE,
    (lines, receivedAt) => {
      for (const line of lines) {
        const written = writtenAt(line, tag);
        if (written !== undefined) latencies.push(receivedAt - written);
      }
    },
    () => steadyRate(stack, tag, () => latencies.length),
  );
  return { ...latencySummary(latencies, expected), totals };
}

async function baselineLatency(stack: StackVps): Promise<LatencyRun> {
  const tag = runTag('m');
  const latencies: number[] = [];
  const expected = RATE * SECONDS;
  const reader = linesOf((line, receivedAt) => {
    const written = writtenAt(line, tag);
    if (written !== undefined) latencies.push(receivedAt - written);
  });
  await throughOpenSsh(stack, SERVICE, reader.onChunk, () => steadyRate(stack, tag, () => latencies.length));
  return latencySummary(latencies, expected);
}

const stack = await stackVps(stackVpsOptions(values));
const app: AppThroughputRound[] = [];
const baseline: ThroughputRound[] = [];
let appLatencyRun: Awaited<ReturnType<typeof appLatency>>;
let baselineLatencyRun: LatencyRun;
try {
  await installGenerator(stack, SERVICE);
  await baselineThroughput(stack); // warm-up: the container's log file, page cache, the agent's code paths
  for (let round = 0; round < ROUNDS; round++) {
    baseline.push(await baselineThroughput(stack));
    app.push(await appThroughput(stack, round));
  }
  baselineLatencyRun = await baselineLatency(stack);
  appLatencyRun = await appLatency(stack);
} finally {
  await stack.close();
}

const rate = (xs: ThroughputRound[]) => median(xs.map((x) => x.linesPerSecond));
const appRate = rate(app);
const baselineRate = rate(baseline);
const share = appRate / baselineRate;
const throughputMet = appRate >= TARGET_LINES_PER_SECOND && share >= TARGET_SHARE_OF_BASELINE;
const latencyMet = appLatencyRun.p95 < TARGET_P95_MS && appLatencyRun.received === appLatencyRun.expected;
const n = (x: number) => Math.round(x).toLocaleString('en-US');
const ms = (x: number) => `${x.toFixed(1)} ms`;
const skipped = (t: FollowTotals) => `skipped: agent ${t.agentSkipped}, main ${t.mainSkipped}`;

console.log(`\n1. throughput, ${n(LINES)} lines into ${SERVICE}'s output as fast as possible, ${ROUNDS} rounds`);
for (const [round, result] of app.entries()) {
  const base = baseline[round]!;
  console.log(
    `   round ${round + 1}: app ${n(result.linesPerSecond)} lines/s (${n(result.received)} in ${result.seconds.toFixed(2)} s, ${skipped(result.totals)}); ` +
      `baseline ${n(base.linesPerSecond)} lines/s (${n(base.received)} in ${base.seconds.toFixed(2)} s)`,
  );
}
console.log(`   app (agent → SSH → main → renderer side):  median ${n(appRate)} lines/s`);
console.log(`   baseline ssh docker logs -f > /dev/null:    median ${n(baselineRate)} lines/s`);
console.log(
  `   ratio app / baseline: ${share.toFixed(2)} (target ≥ ${TARGET_SHARE_OF_BASELINE} and ≥ ${n(TARGET_LINES_PER_SECOND)} lines/s: ${throughputMet ? 'met' : 'NOT met'})`,
);
const latencyLine = (run: LatencyRun) =>
  `p50 ${ms(run.p50)}, p95 ${ms(run.p95)}, p99 ${ms(run.p99)}, max ${ms(run.max)} (${n(run.received)} of ${n(run.expected)} lines)`;
console.log(`\n2. latency from written to received at ${n(RATE)} lines/s for ${SECONDS} s`);
console.log(`   app:      ${latencyLine(appLatencyRun)}, ${skipped(appLatencyRun.totals)}`);
console.log(`   baseline: ${latencyLine(baselineLatencyRun)}`);
console.log(
  `   ratio p95 app / baseline: ${(appLatencyRun.p95 / baselineLatencyRun.p95).toFixed(1)} (target p95 < ${TARGET_P95_MS} ms: ${latencyMet ? 'met' : 'NOT met'})`,
);
if (stack.client.invalidEvents > 0) console.log(`   events not matching the contract: ${stack.client.invalidEvents}`);

const out = writeResults('dashboard-logs', {
  throughput: {
    lines: LINES,
    rounds: { app, baseline },
    appLinesPerSecond: appRate,
    baselineLinesPerSecond: baselineRate,
    ratio: share,
    target: { linesPerSecond: TARGET_LINES_PER_SECOND, shareOfBaseline: TARGET_SHARE_OF_BASELINE },
    met: throughputMet,
  },
  latency: {
    linesPerSecond: RATE,
    seconds: SECONDS,
    app: appLatencyRun,
    baseline: baselineLatencyRun,
    targetP95Ms: TARGET_P95_MS,
    met: latencyMet,
  },
});
console.log(`\nwritten ${out}`);
if (!throughputMet || !latencyMet) process.exitCode = 1;

// The backend's SSH connections and timers would keep the process alive after the report.
process.exit(process.exitCode ?? 0);
