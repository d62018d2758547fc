// The dashboard's agent side on a VPS of our own, against a real Docker engine: stack.status,
// stack.watch, logs.follow and the stack.control job, bundled with esbuild from
// fixtures/dashboard-entry.ts and run on the VPS by Node 22 (with the deployer's V8 flag). Docker is
// Debian's docker.io (+ docker-compose v1 for the job), started detached: the VPS has no systemd.
// Watches and follows run through a live SSH session, so timings are end to end as the app sees them.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  LogEntry,
  ServiceStatus,
  StackStatus,
  StackWatchEvent,
} from '../../common/dashboard/dashboard-contract.js';
import { usedPercent, type DiskUsage } from '../../common/dashboard/disk-usage.js';
import { AGENT_NODE_FLAGS } from '../../electron/agent/remote-scripts.js';
import { sshArgs, vpsExec, type VpsSshTarget } from '../world/vps-ssh.js';
import { worldForTests } from '../world/world-inject.js';
import { agentFixtureVps } from '../support/agent-fixture-vps.js';

const REMOTE_BUNDLE = '/root/mailharbor-dashboard.cjs';
/** The flags the deployer starts the agent with. */
const NODE_FLAGS = AGENT_NODE_FLAGS.join(' ');
const STACK_DIR = '/root/dash-stack';
/** A stack directory of its own for disk.usage, so the control tests' files do not move its figures. */
const DISK_STACK_DIR = '/root/disk-stack';
const LINES = 100_000;
const MiB = 1024 * 1024;

const world = worldForTests();
const image = `${world.registry.address}/forwardemail/forwardemail.net-selfhosted:v1.1.0`;
const fixture = agentFixtureVps({
  name: `dash-${process.pid}`,
  entry: path.join(import.meta.dirname, 'fixtures', 'dashboard-entry.ts'),
  remoteBundle: REMOTE_BUNDLE,
});
let root: VpsSshTarget;

function sh(script: string, timeoutMs = 60_000) {
  return vpsExec(root, script, { timeoutMs, allowFailure: true });
}

interface Message {
  type: string;
  name?: string;
  params?: unknown;
  at?: number;
  result?: unknown;
  error?: { code: string; detail?: string; params?: Record<string, string | number> };
  [key: string]: unknown;
}

const encode = (command: object) => Buffer.from(JSON.stringify(command)).toString('base64');

/** Runs a one-shot command of the fixture and returns its lines. */
async function once(command: object, env = ''): Promise<Message[]> {
  const result = await sh(`${env} node ${NODE_FLAGS} ${REMOTE_BUNDLE} ${encode(command)}`, 9 * 60_000);
  const messages = result.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Message);
  const last = messages.at(-1);
  if (last?.type !== 'result')
    throw new Error(`no result (exit ${result.code}): ${result.stderr}\n${JSON.stringify(last)}`);
  return messages;
}

/**
 * A watch or follow running through its own SSH session: every line is parsed as it arrives;
 * closing stdin ends it the way the app's cancel does.
 */
class Streaming {
  readonly messages: Message[] = [];
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly exited: Promise<number>;
  private waiters: (() => void)[] = [];
  private stderr = '';

  /** `keep` turns each message into what is kept of it (a follow counts its lines instead of holding them). */
  constructor(command: object, keep: (message: Message) => Message[] = (message) => [message]) {
    this.child = spawn('ssh', [...sshArgs(root), '--', `node ${NODE_FLAGS} ${REMOTE_BUNDLE} ${encode(command)}`], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4000)));
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      this.messages.push(...keep(JSON.parse(line) as Message));
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve(code ?? -1)));
  }

  /** Resolves with the first message that matches, waiting at most timeoutMs. */
  async waitFor(match: (message: Message) => boolean, timeoutMs: number): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`not seen within ${timeoutMs} ms; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Ends stdin (the fixture stops) and waits for its result. */
  async finish(timeoutMs = 30_000): Promise<Message> {
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
    const result = this.messages.find((message) => message.type === 'result' || message.type === 'error');
    if (result?.type !== 'result') throw new Error(`ended without a result: ${JSON.stringify(result)} ${this.stderr}`);
    return result;
  }
}

const watchEvent = (message: Message) =>
  message.type === 'notification' && message.name === 'stack.watchEvent'
    ? (message.params as StackWatchEvent).event
    : undefined;

function serviceIn(status: { services: ServiceStatus[] }, service: string): ServiceStatus {
  const found = status.services.find((entry) => entry.service === service);
  expect(found, service).toBeDefined();
  return found!;
}

describe('dashboard agent against a real Docker engine', { timeout: 10 * 60_000 }, () => {
  beforeAll(async () => {
    ({ root } = await fixture.start());
    const install = await sh(
      [
        'export DEBIAN_FRONTEND=noninteractive',
        'apt-get update -q >/tmp/apt.log 2>&1 && apt-get install -y -q --no-install-recommends docker.io docker-compose >>/tmp/apt.log 2>&1 || { tail -30 /tmp/apt.log; exit 1; }',
        // No systemd: dockerd detached, as the install's docker step does it.
        'nohup dockerd >/var/log/dockerd.log 2>&1 </dev/null &',
        'for i in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 1; done',
        `docker pull -q ${image} >/dev/null || exit 1`,
        // The stand-in SMTP service with the stack's healthcheck (faster), and a crash loop named like imap.
        `docker run -d --name smtp --network host --health-cmd 'nc -z 127.0.0.1 465' --health-interval 1s --health-timeout 5s --health-retries 3 ${image} node smtp.js`,
        `docker run -d --name imap --network host --restart always ${image} sh -c 'echo "imap: opening mailboxes"; echo "imap: fatal: cannot open /mnt/sqlite_storage" >&2; exit 1'`,
        // Healthy within a few probes; the crash loop has restarted a few times meanwhile.
        `for i in $(seq 40); do [ "$(docker inspect -f '{{.State.Health.Status}}' smtp)" = healthy ] && break; sleep 1; done`,
        'sleep 3; docker ps -a --format "{{.Names}} {{.Status}}"',
      ].join('\n'),
      9 * 60_000,
    );
    expect(install.code, install.stdout + install.stderr).toBe(0);
  }, 10 * 60_000);

  afterAll(() => fixture.remove(), 120_000);

  it('reports every service: the healthy one in full, the crash loop with its restarts and last lines', async () => {
    const [result] = (await once({ op: 'status', params: {} })).slice(-1);
    const status = result!.result as StackStatus;
    expect(status.installed).toBe(false);
    expect(status.engine.apiVersion).toBe('1.41');
    expect(status.services).toHaveLength(15);
    const smtp = serviceIn(status, 'smtp');
    expect(smtp).toMatchObject({
      state: 'running',
      health: 'healthy',
      restartCount: 0,
      image: `${world.registry.address}/forwardemail/forwardemail.net-selfhosted`,
      imageTag: 'v1.1.0',
      ports: [{ port: 465, protocol: 'tcp', reach: 'internet' }],
    });
    expect(smtp.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect(smtp.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(smtp.memoryBytes).toBeGreaterThan(1 * MiB);
    const imap = serviceIn(status, 'imap');
    expect(imap.restartCount).toBeGreaterThanOrEqual(2);
    expect(imap.recentRestarts).toBeGreaterThanOrEqual(2);
    expect(imap.exitCode).toBe(1);
    expect(imap.lastLines).toContain('imap: fatal: cannot open /mnt/sqlite_storage');
    expect(imap.lastLines).toContain('imap: opening mailboxes');
    expect(serviceIn(status, 'web').state).toBe('missing');
    // imap first (a crash loop is the worst), with its restarts in the window; the missing ones after it.
    expect(status.summary.id).toBe('problems');
    expect(status.summary.params).toMatchObject({ service: 'imap', issue: 'restarting', windowMinutes: 5 });
    expect(status.summary.issues[0]).toMatchObject({ service: 'imap', issue: 'restarting' });
    expect(status.summary.issues.filter((issue) => issue.issue === 'missing')).toHaveLength(13);
  });

  it('shows a container stopped from outside within 2 seconds, end to end over SSH', async () => {
    const watch = new Streaming({ op: 'watch', params: { streamId: 'w1' } });
    try {
      const first = await watch.waitFor((message) => watchEvent(message)?.type === 'snapshot', 30_000);
      const snapshot = watchEvent(first) as Extract<StackWatchEvent['event'], { type: 'snapshot' }>;
      expect(serviceIn(snapshot.status, 'smtp').state).toBe('running');
      const stoppedAt = Date.now();
      const stop = await sh('docker stop -t 10 smtp');
      expect(stop.code, stop.stderr).toBe(0);
      const seen = await watch.waitFor((message) => {
        const event = watchEvent(message);
        return (
          event?.type === 'services' &&
          event.services.some((entry) => entry.service === 'smtp' && entry.state === 'exited')
        );
      }, 10_000);
      const elapsed = Date.now() - stoppedAt;
      console.log(`docker stop -> watcher: ${elapsed} ms (the stop itself included)`);
      expect(elapsed).toBeLessThan(2_000);
      const event = watchEvent(seen) as Extract<StackWatchEvent['event'], { type: 'services' }>;
      const smtp = event.services.find((entry) => entry.service === 'smtp')!;
      expect(smtp.exitCode).toBe(0);
      expect(smtp.lastLines?.at(-1)).toMatch(/received SIGTERM/);
      expect(event.summary.issues.map((issue) => issue.service)).toContain('smtp');
      // Started again: back to running within the same bound.
      const startedAt = Date.now();
      await sh('docker start smtp');
      await watch.waitFor((message) => {
        const later = watchEvent(message);
        return (
          message.at! > startedAt - 5_000 &&
          later?.type === 'services' &&
          later.services.some((entry) => entry.service === 'smtp' && entry.state === 'running')
        );
      }, 10_000);
      expect(Date.now() - startedAt).toBeLessThan(3_000);
    } finally {
      const result = await watch.finish();
      expect(result.result).toMatchObject({ streamId: 'w1', ended: 'cancelled' });
    }
  });

  /**
   * Follows one service that does not exist yet, then starts it printing LINES numbered lines: all at
   * once, or in bursts of `burst` lines with `pauseSeconds` between them.
   */
  async function followPrinter(container: string, extra: object, pace?: { burst: number; pauseSeconds: number }) {
    const numbers: number[] = [];
    let skipped = 0;
    let skipMarkers = 0;
    const follow = new Streaming(
      {
        op: 'logs',
        params: { streamId: `f-${container}`, services: [container], tail: 0 },
        stopAfterLines: LINES,
        ...extra,
      },
      (message) => {
        if (message.type !== 'notification') return [message];
        // Kept compact: 100,000 lines are counted here rather than held as messages.
        const markers: Message[] = [];
        for (const entry of (message.params as { entries: LogEntry[] }).entries) {
          if (entry.type === 'lines') for (const line of entry.lines) numbers.push(Number(line.split(' ')[1]));
          else if (entry.type === 'skipped') {
            skipped += entry.count;
            skipMarkers++;
          } else markers.push({ type: entry.type });
        }
        return markers;
      },
    );
    // The follow reports the container missing: it is subscribed and waits for its start.
    await follow.waitFor((message) => message.type === 'detached', 30_000);
    const format = `'line %06g abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz'`;
    const printer = pace
      ? // \$: the container's shell counts, not the one that runs docker.
        `i=0; while [ \\$i -lt ${LINES} ]; do seq -f ${format} \\$((i + 1)) \\$((i + ${pace.burst})); i=\\$((i + ${pace.burst})); sleep ${pace.pauseSeconds}; done`
      : `seq -f ${format} 1 ${LINES}`;
    const started = await sh(
      `docker run -d --name ${container} --network host ${image} sh -c "${printer}; sleep 3600"`,
    );
    expect(started.code, started.stderr).toBe(0);
    await follow.waitFor((message) => message.type === 'result', 120_000);
    const result = await follow.finish();
    const memory = follow.messages.find((message) => message.type === 'memory') as unknown as {
      baselineRss: number;
      peakRss: number;
    };
    return { numbers, skipped, skipMarkers, result: result.result as { lines: number; skipped: number }, memory };
  }

  it('follows 100,000 lines complete and in order when the reader keeps up', async () => {
    const startedAt = Date.now();
    // Bursts of 4,000 lines (about 520 KiB with the engine's time stamps, half the follow's queue)
    // every 0.3 s: a reader keeps up when it takes about 1.7 MB/s. All at once (6 MB/s and more
    // here), a reader that shares two CPUs with the rest of the suite can fall a queue behind, and
    // then the follow rightly drops lines, which is the slow reader's test below.
    const { numbers, skipped, result, memory } = await followPrinter('bree', {}, { burst: 4_000, pauseSeconds: 0.3 });
    const seconds = (Date.now() - startedAt) / 1000;
    console.log(
      `${LINES} lines in ${seconds.toFixed(1)} s; agent RSS ${(memory.baselineRss / MiB).toFixed(0)} -> peak ${(memory.peakRss / MiB).toFixed(0)} MiB`,
    );
    expect(skipped).toBe(0);
    expect(result).toMatchObject({ lines: LINES, skipped: 0 });
    expect(numbers).toHaveLength(LINES);
    expect(numbers.every((value, index) => value === index + 1)).toBe(true);
  });

  it('with a slow reader keeps memory bounded and marks the skipped lines', async () => {
    // 200 ms after each notification: about 320 KiB/s, far slower than the container writes.
    const { numbers, skipped, skipMarkers, result, memory } = await followPrinter('web', { slowMs: 200 });
    const growth = memory.peakRss - memory.baselineRss;
    console.log(
      `slow reader: ${numbers.length} lines, ${skipped} skipped in ${skipMarkers} markers; RSS +${(growth / MiB).toFixed(1)} MiB`,
    );
    expect(skipMarkers).toBeGreaterThan(0);
    expect(skipped).toBeGreaterThan(LINES / 2);
    expect(numbers.length + skipped).toBe(LINES);
    expect(result).toMatchObject({ lines: numbers.length, skipped });
    expect(numbers.every((value, index) => index === 0 || value > numbers[index - 1]!)).toBe(true);
    expect(numbers.at(-1)).toBe(LINES);
    // The ring holds 1 MiB of lines and lines become strings only as they are sent; the rest is
    // V8's garbage between collections and compiled code (12-15 MiB measured here; 48 was allowed
    // when lines waited as strings).
    expect(growth).toBeLessThan(28 * MiB);
  });

  it('keeps following a container that restarts, without losing or repeating a line', async () => {
    const started = await sh(
      `docker run -d --name pop3 --network host ${image} sh -c 'i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 0.05; done'`,
    );
    expect(started.code, started.stderr).toBe(0);
    const ticks: number[] = [];
    const follow = new Streaming(
      { op: 'logs', params: { streamId: 'f-pop3', services: ['pop3'], tail: 5 } },
      (message) => {
        if (message.type !== 'notification') return [message];
        const markers: Message[] = [];
        for (const entry of (message.params as { entries: LogEntry[] }).entries) {
          if (entry.type === 'lines') ticks.push(...entry.lines.map((line) => Number(line.split(' ')[1])));
          else markers.push({ type: entry.type });
        }
        return markers;
      },
    );
    try {
      await follow.waitFor((message) => message.type === 'attached', 30_000);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const restart = await sh('docker restart -t 1 pop3');
      expect(restart.code, restart.stderr).toBe(0);
      await follow.waitFor((message) => message.type === 'attached' && follow.messages.indexOf(message) > 1, 10_000);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    } finally {
      await follow.finish();
    }
    // One run counting up from the tail, then the restarted one from 1: each tick exactly once.
    const reset = ticks.findIndex((value, index) => index > 0 && value <= ticks[index - 1]!);
    expect(reset).toBeGreaterThan(5);
    const before = ticks.slice(0, reset);
    const after = ticks.slice(reset);
    expect(before.every((value, index) => index === 0 || value === before[index - 1]! + 1)).toBe(true);
    expect(after[0]).toBe(1);
    expect(after.every((value, index) => value === index + 1)).toBe(true);
    expect(after.length).toBeGreaterThan(5);
    expect(follow.messages.map((message) => message.type).filter((type) => type !== 'memory')).toEqual([
      'attached',
      'detached',
      'attached',
      'result',
    ]);
  });

  it('measures the disk for real: 20 MB written into the mailboxes show up as mail', async () => {
    const disk = async () =>
      (await once({ op: 'disk', params: {} }, `MAILHARBOR_STACK_DIR=${DISK_STACK_DIR}`)).at(-1)!.result as DiskUsage;
    const part = (usage: DiskUsage, name: DiskUsage['parts'][number]['part']) =>
      usage.parts.find((entry) => entry.part === name)!;
    const setup = await sh(`rm -rf ${DISK_STACK_DIR} && mkdir -p ${DISK_STACK_DIR}/sqlite-data`);
    expect(setup.code, setup.stderr).toBe(0);
    const before = await disk();
    expect(before.path).toBe(DISK_STACK_DIR);
    expect(before.totalBytes).toBeGreaterThan(before.usedBytes);
    expect(before.percent).toBe(usedPercent(before.usedBytes, before.availableBytes));

    // Random bytes: no file system stores them sparse or compressed, so 20 MB of blocks are taken.
    const written = await sh(`head -c ${20 * MiB} /dev/urandom > ${DISK_STACK_DIR}/sqlite-data/alias.sqlite && sync`);
    expect(written.code, written.stderr).toBe(0);
    const after = await disk();
    expect(part(after, 'mail').bytes - part(before, 'mail').bytes).toBeGreaterThanOrEqual(20 * MiB);
    expect(part(after, 'mail').note).toBeUndefined();
    // The VPS's engine answers, and runs the smtp and imap containers (the crash loop writes its log).
    for (const name of ['images', 'logs'] as const) {
      const figure = part(after, name);
      expect(figure.note, name).not.toBe('unavailable');
      if (figure.note !== 'elsewhere') expect(figure.bytes, name).toBeGreaterThan(0);
    }
    await sh(`rm -rf ${DISK_STACK_DIR}`);
  });

  describe('stack.control', () => {
    const control = (params: object) => once({ op: 'control', params }, `MAILHARBOR_STACK_DIR=${STACK_DIR}`);
    const outcomes = (messages: Message[]) =>
      (messages.at(-1)!.result as { outcomes: Record<string, unknown>[] }).outcomes;

    beforeAll(async () => {
      // A stack of two services named like ours: mx with its healthcheck, api that cannot start.
      const composeFile = [
        'services:',
        '  mx:',
        `    image: ${image}`,
        '    container_name: mx',
        '    network_mode: host',
        '    restart: unless-stopped',
        "    command: ['node', 'mx.js']",
        '    healthcheck:',
        "      test: ['CMD-SHELL', 'nc -z 127.0.0.1 25']",
        '      interval: 1s',
        '      timeout: 5s',
        '      retries: 3',
        '  api:',
        `    image: ${image}`,
        '    container_name: api',
        '    network_mode: host',
        '    restart: unless-stopped',
        `    command: ['sh', '-c', 'echo "api: loading config"; echo "api: missing secret, exiting" >&2; exit 3']`,
        "    profiles: ['broken']",
        '',
      ].join('\n');
      const setup = await vpsExec(
        root,
        `mkdir -p ${STACK_DIR} && cat > ${STACK_DIR}/docker-compose.yml && printf 'COMPOSE_PROFILES=\\nDOMAIN=example.test\\n' > ${STACK_DIR}/.env && cd ${STACK_DIR} && docker-compose up -d mx`,
        { timeoutMs: 120_000, input: composeFile, allowFailure: true },
      );
      expect(setup.code, setup.stderr).toBe(0);
    }, 180_000);

    it('restarts one service and waits until it is healthy again', async () => {
      const before = await sh("docker inspect -f '{{.State.StartedAt}}' mx");
      const messages = await control({ action: 'restart', service: 'mx' });
      expect(outcomes(messages)).toEqual([
        { id: 'restart', before: false, after: true },
        { id: 'health', before: false, after: true },
      ]);
      const logs = messages.filter((message) => message.type === 'log').map((message) => message.text);
      expect(logs).toContain('docker-compose restart mx');
      expect(logs).toContain('mx: starting → healthy');
      const after = await sh("docker inspect -f '{{.State.StartedAt}} {{.State.Health.Status}}' mx");
      expect(after.stdout.split(' ')[0]).not.toBe(before.stdout.trim());
      expect(after.stdout.trim()).toMatch(/ healthy$/);
    });

    it('stops a service, finds it stopped on a second run, and starts it healthy', async () => {
      expect(outcomes(await control({ action: 'stop', service: 'mx' }))).toEqual([
        { id: 'stop', before: false, after: true },
        { id: 'health', notApplicable: 'stopped on purpose' },
      ]);
      expect((await sh("docker inspect -f '{{.State.Status}}' mx")).stdout.trim()).toBe('exited');
      expect(outcomes(await control({ action: 'stop', service: 'mx' }))[0]).toEqual({ id: 'stop', before: true });
      expect(outcomes(await control({ action: 'start', service: 'mx' }))).toEqual([
        { id: 'start', before: false, after: true },
        { id: 'health', before: false, after: true },
      ]);
    });

    it('names a service that does not come up, with its last lines', async () => {
      const steps = outcomes(await control({ action: 'start', service: 'api' }));
      const health = steps.find((step) => step.id === 'health') as { error?: Message['error'] };
      expect(health.error).toMatchObject({ code: 'stack.unhealthy', params: { services: 'api' } });
      expect(health.error?.detail).toContain('api: missing secret, exiting');
      expect(health.error?.detail).toContain('api: loading config');
    });

    it('refuses to touch a server without a stack', async () => {
      const messages = await once({ op: 'control', params: { action: 'restart' } }, 'MAILHARBOR_STACK_DIR=/nowhere');
      expect(outcomes(messages)[0]).toMatchObject({
        id: 'restart',
        before: false,
        error: { code: 'stack.notInstalled' },
      });
    });
  });
});
