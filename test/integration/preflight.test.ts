import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreflightFinding, PreflightResult } from '../../common/agent-contract.js';
import { parseProcNetTcp } from '../../remote-agent/src/preflight/proc-net-tcp.js';
import { startAgent, type RunningAgent } from '../../electron/agent/agent-launcher.js';
import { KnownHostsStore } from '../../electron/ssh/known-hosts-store.js';
import { SshSession } from '../../electron/ssh/ssh-session.js';
import { builtArtifacts } from '../support/test-environment.js';
import { readWorld } from '../world/world.js';
import type { VpsState } from '../world/vps.js';
import { consoleRun } from '../support/vps-admin.js';

const artifacts = builtArtifacts();

/** The world network's gateway: the test host as the VPS sees it. */
const GATEWAY = '172.29.53.1';
const PROBE_TIMEOUT_MS = 1500;
const PORT25_PID_FILE = '/tmp/mailharbor-preflight-port25.pid';

let vps: VpsState;
let session: SshSession;
let agent: RunningAgent;
const hostServers: Server[] = [];
const hostSockets = new Set<Socket>();

/** A TCP server on the test host, on the world's gateway address and a free port. */
async function listenOnGateway(onConnection: (socket: Socket) => void): Promise<number> {
  const server = createServer((socket) => {
    hostSockets.add(socket);
    socket.on('close', () => hostSockets.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  hostServers.push(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, GATEWAY, resolve);
  });
  return (server.address() as { port: number }).port;
}

async function runPreflight(smtpProbeTargets: string[]): Promise<PreflightResult> {
  return agent.client.call('preflight.run', { smtpProbeTargets, smtpProbeTimeoutMs: PROBE_TIMEOUT_MS });
}

function findingOf(result: PreflightResult, id: PreflightFinding['id']): PreflightFinding {
  const found = result.findings.find((finding) => finding.id === id);
  expect(found, id).toBeDefined();
  return found!;
}

async function vpsListens(port: number): Promise<boolean> {
  const tables = await consoleRun(vps, ['cat', '/proc/net/tcp', '/proc/net/tcp6']);
  // Both files in one stream: each has its own header line, which the parser skips as malformed.
  return parseProcNetTcp(`header\n${tables}`).some((socket) => socket.port === port);
}

async function stopPort25Listener(): Promise<void> {
  await consoleRun(vps, [
    'sh',
    '-c',
    `[ -f ${PORT25_PID_FILE} ] && kill "$(cat ${PORT25_PID_FILE})" 2>/dev/null; rm -f ${PORT25_PID_FILE}; true`,
  ]);
}

beforeAll(async () => {
  const world = readWorld();
  vps = world.vps.vps1!;
  const privateKey = await readFile(world.ssh.privateKeyPath, 'utf8');
  session = new SshSession({
    target: { host: vps.sshHost, port: vps.sshPort, username: 'root' },
    auth: { method: 'privateKey', privateKey },
    knownHosts: new KnownHostsStore(await mkdtemp(path.join(tmpdir(), 'mailharbor-preflight-'))),
    userKnownHostsFile: undefined,
    confirmHostKey: async () => true,
    reconnectDelaysMs: [],
  });
  await session.connect();
  agent = await startAgent(session, { kind: 'root' }, artifacts);
  await stopPort25Listener();
});

afterAll(async () => {
  await stopPort25Listener().catch(() => undefined);
  for (const socket of hostSockets) socket.destroy();
  await Promise.all(hostServers.map((server) => new Promise((resolve) => server.close(resolve))));
  agent?.client.close();
  session?.close();
});

describe('preflight on the world’s VPS (Debian 12 in a container, no systemd, no Docker)', () => {
  it('reports the system as it is: OS, processor, memory, disk, addresses, Docker, systemd, clock', async () => {
    const greeter = await listenOnGateway((socket) => socket.end('220 test ESMTP\r\n'));
    const result = await runPreflight([`${GATEWAY}:${greeter}`]);
    expect(result.findings.map((finding) => finding.id)).toEqual([
      'os',
      'architecture',
      'memory',
      'disk',
      'ports',
      'outboundSmtp',
      'ipv4',
      'ipv6',
      'docker',
      'systemd',
      'clock',
      'backups',
    ]);

    expect(findingOf(result, 'os')).toMatchObject({
      status: 'ok',
      params: { distribution: 'debian', version: '12', found: 'Debian GNU/Linux 12 (bookworm)' },
    });
    expect(findingOf(result, 'architecture')).toMatchObject({ status: 'ok', params: { found: 'x86_64' } });
    // No systemd in the world's VPS: a warning, not a crash; and so no timedatectl either.
    expect(findingOf(result, 'systemd').status).toBe('warning');
    expect(findingOf(result, 'clock')).toMatchObject({ status: 'warning', params: { reason: 'clockUnknown' } });
    const dockerOnVps = (await consoleRun(vps, ['sh', '-c', 'command -v docker || echo none'])).trim();
    const docker = findingOf(result, 'docker');
    expect(docker.status).toBe('ok');
    if (dockerOnVps === 'none') expect(docker.params).toMatchObject({ dockerVersion: 'none', composeVersion: 'none' });
    else expect(docker.params.dockerVersion).toMatch(/^\d+\.\d+/);

    const meminfo = await consoleRun(vps, ['cat', '/proc/meminfo']);
    const memTotalKb = Number(/^MemTotal:\s+(\d+) kB/m.exec(meminfo)![1]);
    const memory = findingOf(result, 'memory');
    expect(memory.params.totalBytes).toBe(memTotalKb * 1024);
    expect(memory.status).toBe(memTotalKb * 1024 < 4 * 1024 ** 3 * 0.9 ? 'warning' : 'ok');

    const df = await consoleRun(vps, ['df', '-B1', '--output=avail', '/']);
    const dfAvailable = Number(df.trim().split('\n').at(-1));
    const disk = findingOf(result, 'disk');
    // Free space moves while the host works: equal within 1%.
    expect(Math.abs(Number(disk.params.rootFreeBytes) - dfAvailable)).toBeLessThan(dfAvailable * 0.01);
    expect(disk.status).toBe(
      Math.min(dfAvailable, Number(disk.params.dockerFreeBytes ?? Infinity)) < 20 * 1024 ** 3 ? 'warning' : 'ok',
    );

    // The VPS's only address is private (172.29.53.10), and the world network has no IPv6.
    expect(findingOf(result, 'ipv4')).toMatchObject({ status: 'warning', params: { found: vps.ip } });
    expect(findingOf(result, 'ipv6')).toMatchObject({ status: 'warning', params: { found: 'none' } });

    expect(findingOf(result, 'ports')).toMatchObject({ status: 'ok' });
    expect(findingOf(result, 'outboundSmtp')).toMatchObject({
      status: 'ok',
      params: { greetedBy: `${GATEWAY}:${greeter}` },
    });
  });

  it('names the process that holds port 25 as a blocker, and is ok again once it is gone', async () => {
    await stopPort25Listener();
    // The agent's own Node runtime is the one program the VPS surely has; it exits by itself after 2 minutes.
    await consoleRun(vps, [
      'sh',
      '-c',
      '/opt/mailharbor/runtime/node-v*/bin/node -e ' +
        `"require('net').createServer().listen(25); setTimeout(() => process.exit(0), 120000)" ` +
        `</dev/null >/dev/null 2>&1 & echo $! > ${PORT25_PID_FILE}`,
    ]);
    for (let attempt = 0; attempt < 50 && !(await vpsListens(25)); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const pid = Number((await consoleRun(vps, ['cat', PORT25_PID_FILE])).trim());
    expect(pid).toBeGreaterThan(0);

    const greeter = await listenOnGateway((socket) => socket.end('220 test ESMTP\r\n'));
    const held = findingOf(await runPreflight([`${GATEWAY}:${greeter}`]), 'ports');
    expect(held).toMatchObject({
      status: 'blocker',
      params: { ports: '25', processes: 'node', found: `25: node (pid ${pid})` },
    });
    expect(held.detail).toContain(`node[${pid}]`);

    await stopPort25Listener();
    for (let attempt = 0; attempt < 50 && (await vpsListens(25)); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(findingOf(await runPreflight([`${GATEWAY}:${greeter}`]), 'ports').status).toBe('ok');
  });

  it('calls outbound port 25 blocked when the target stays silent until the timeout', async () => {
    const silent = await listenOnGateway(() => undefined);
    const started = Date.now();
    const smtp = findingOf(await runPreflight([`${GATEWAY}:${silent}`]), 'outboundSmtp');
    expect(Date.now() - started).toBeGreaterThanOrEqual(PROBE_TIMEOUT_MS - 50);
    expect(smtp).toMatchObject({ status: 'blocker', params: { reason: 'port25Blocked', timeoutMs: PROBE_TIMEOUT_MS } });
  });

  it('calls a refused connection a warning (port25Refused), not a provider block', async () => {
    const closed = await listenOnGateway(() => undefined);
    await new Promise((resolve) => hostServers.pop()!.close(resolve));
    const smtp = findingOf(await runPreflight([`${GATEWAY}:${closed}`]), 'outboundSmtp');
    expect(smtp).toMatchObject({ status: 'warning', params: { reason: 'port25Refused' } });
  });

  it('is read only: it runs while a mutating job holds the lock', async () => {
    const { jobId } = await agent.client.call('jobs.start', {
      kind: 'diagnostics.steps',
      params: { steps: 3, stepMs: 1000 },
    });
    const greeter = await listenOnGateway((socket) => socket.end('220 test ESMTP\r\n'));
    const result = await runPreflight([`${GATEWAY}:${greeter}`]);
    expect(findingOf(result, 'os').status).toBe('ok');
    const job = (await agent.client.call('jobs.list', {})).jobs.find((summary) => summary.jobId === jobId);
    expect(job?.status).toBe('running');
    await agent.client.call('jobs.cancel', { jobId });
  });
});
