import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_NODE_FLAGS } from '../../electron/agent/remote-scripts.js';
import type { JobEvent } from '../../common/agent-contract.js';
import { buildAgentBundle, cleanupAll, connectAgent, newStateDir, rssBytes } from './agent-harness.js';
import { followJob } from '../../electron/services/jobs/follow-job.js';

const EVENTS = 100_000;
const TEXT_BYTES = 700;
const MB = 1024 * 1024;
/** The flags the deployer starts the agent with: V8's young generation stays small. */
const LEAN_NODE_ARGS = AGENT_NODE_FLAGS;

let bundle: string;
let stateDir: string;
let jobId: string;

beforeAll(() => {
  bundle = buildAgentBundle();
  stateDir = newStateDir();
  jobId = writeLongJob(stateDir);
});

afterAll(() => cleanupAll());

/** A finished job with a 100k-line journal (~80 MB), written directly: the follow is under test. */
function writeLongJob(dir: string): string {
  const id = 'j-000000001-0000beef';
  const jobDir = path.join(dir, 'jobs', id);
  mkdirSync(jobDir, { recursive: true });
  const createdAt = new Date().toISOString();
  const meta = {
    jobId: id,
    kind: 'diagnostics.steps',
    params: { steps: 1, stepMs: 0 },
    createdAt,
    rootJobId: id,
    attempt: 1,
  };
  const metaFd = openSync(path.join(jobDir, 'job.json'), 'w');
  writeSync(metaFd, JSON.stringify(meta));
  closeSync(metaFd);
  const fd = openSync(path.join(jobDir, 'journal.jsonl'), 'w');
  const text = 'x'.repeat(TEXT_BYTES);
  let batch = '';
  for (let offset = 0; offset < EVENTS; offset++) {
    const line =
      offset === EVENTS - 1
        ? { offset, ts: createdAt, type: 'finished', status: 'succeeded' }
        : { offset, ts: createdAt, type: 'log', step: 'step-1', stream: 'stdout', text: `${offset} ${text}` };
    batch += `${JSON.stringify(line)}\n`;
    if (batch.length > MB) {
      writeSync(fd, batch);
      batch = '';
    }
  }
  writeSync(fd, batch);
  closeSync(fd);
  return id;
}

/** Samples the agent's resident set while `work` runs. */
async function peakRss<T>(pid: number, work: () => Promise<T>): Promise<{ value: T; peak: number }> {
  let peak = rssBytes(pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(pid))), 25);
  try {
    const value = await work();
    return { value, peak };
  } finally {
    clearInterval(sampler);
  }
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MiB`;

describe('agent follow backpressure', () => {
  it('streams a 100k-event (~80 MB) journal to a slow reader without buffering it', { timeout: 120_000 }, async () => {
    const { agent, client } = await connectAgent(bundle, stateDir);
    const pid = agent.child.pid!;
    const baseline = rssBytes(pid);
    let count = 0;
    let inOrder = true;
    // Slow reader: a 1.5 s stall early on (a writer that ignored backpressure would queue the
    // whole journal meanwhile), then a 40 ms pause every 2,000 events.
    const { value: result, peak } = await peakRss(pid, () =>
      followJob(client, jobId, 0, async (event: JobEvent) => {
        inOrder &&= event.offset === count;
        count++;
        if (count === 1_000) await sleep(1_500);
        else if (count % 2_000 === 0) await sleep(40);
      }),
    );
    console.log(`slow reader, default flags: agent RSS ${mb(baseline)} idle, ${mb(peak)} peak`);
    expect(result).toMatchObject({ ended: 'finished', status: 'succeeded', nextOffset: EVENTS });
    expect(count).toBe(EVENTS);
    expect(inOrder).toBe(true);
    // V8 grows its young generation up to ~48 MiB under this allocation rate; the journal is 80 MB.
    expect(peak - baseline).toBeLessThan(50 * MB);
    client.close();
    expect(await agent.exited).toBe(0);
  });

  it('stays under 100 MiB with the recommended flags, and measures the throughput', { timeout: 120_000 }, async () => {
    const { agent, client } = await connectAgent(bundle, stateDir, LEAN_NODE_ARGS);
    const pid = agent.child.pid!;
    const baseline = rssBytes(pid);
    let count = 0;
    const started = performance.now();
    const { peak } = await peakRss(pid, () => followJob(client, jobId, 0, () => void count++));
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `follow with ${LEAN_NODE_ARGS.join(' ')}: ${Math.round(EVENTS / seconds)} events/s ` +
        `(${((EVENTS * (TEXT_BYTES + 100)) / seconds / 1e6).toFixed(1)} MB/s) through the desktop client; ` +
        `agent RSS ${mb(baseline)} idle, ${mb(peak)} peak`,
    );
    expect(count).toBe(EVENTS);
    expect(peak).toBeLessThan(100 * MB);
    client.close();
    expect(await agent.exited).toBe(0);
  });
});
