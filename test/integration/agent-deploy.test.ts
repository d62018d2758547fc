import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobEvent } from '../../common/agent-contract.js';
import { startAgent, type RunningAgent } from '../../electron/agent/agent-launcher.js';
import { KnownHostsStore } from '../../electron/ssh/known-hosts-store.js';
import { SshSession } from '../../electron/ssh/ssh-session.js';
import { probeRootAccess, type RootAccess } from '../../electron/ssh/sudo.js';
import { AGENT_RUNTIME_NODE, builtArtifacts } from '../support/test-environment.js';
import { readWorld } from '../world/world.js';
import type { VpsState } from '../world/vps.js';
import { consoleRun } from '../support/vps-admin.js';
import { followJob } from '../../electron/services/jobs/follow-job.js';

const artifacts = builtArtifacts();

let vps: VpsState;
let privateKey: string;
const open: Array<{ session: SshSession; agent?: RunningAgent }> = [];

beforeAll(async () => {
  const world = readWorld();
  vps = world.vps.vps1!;
  privateKey = await readFile(world.ssh.privateKeyPath, 'utf8');
  // A server Mailharbor has never been on.
  await consoleRun(vps, ['rm', '-rf', '/opt/mailharbor', '/var/lib/mailharbor']);
});

afterAll(() => {
  for (const { session, agent } of open) {
    agent?.client.close();
    session.close();
  }
});

async function connect(username: string): Promise<SshSession> {
  const session = new SshSession({
    target: { host: vps.sshHost, port: vps.sshPort, username },
    auth: { method: 'privateKey', privateKey },
    knownHosts: new KnownHostsStore(await mkdtemp(path.join(tmpdir(), 'mailharbor-agent-'))),
    userKnownHostsFile: undefined,
    confirmHostKey: async () => true,
    reconnectDelaysMs: [],
  });
  await session.connect();
  open.push({ session });
  return session;
}

async function agentAs(username: string, access: RootAccess): Promise<RunningAgent> {
  const session = await connect(username);
  const agent = await startAgent(session, access, artifacts);
  open.push({ session, agent });
  return agent;
}

describe('deploying the agent to a fresh VPS', () => {
  it('uploads the runtime and agent once, verified, and runs the agent as root', async () => {
    const first = await agentAs('root', { kind: 'root' });
    expect(first.install?.runtimeInstalled).toBe(true);
    expect(first.install?.agentInstalled).toBe(true);
    // The world's VPS is a minimal image without xz, so the gzip-packed runtime went up.
    expect(first.install!.uploadedBytes).toBeGreaterThan(20e6);
    expect(first.install!.uploadedBytes).toBeLessThan(45e6);
    expect(first.client.agent).toMatchObject({ uid: 0, arch: 'x64', platform: 'linux' });
    expect(first.client.agent.nodeVersion).toBe(`v${AGENT_RUNTIME_NODE}`);
    const layout = await consoleRun(vps, [
      'sh',
      '-c',
      'stat -c "%a %U %n" /opt/mailharbor/runtime/*/bin/node; ls /tmp',
    ]);
    expect(layout).toMatch(/^755 root \/opt\/mailharbor\/runtime\/node-v[\d.]+\/bin\/node/);
    expect(layout).not.toContain('mailharbor-upload.');
  });

  it('a second connection uploads nothing', async () => {
    const second = await agentAs('root', { kind: 'root' });
    expect(second.install).toBeUndefined();
    expect(second.client.agent.uid).toBe(0);
  });

  it('a damaged runtime on the server is noticed and replaced', async () => {
    await consoleRun(vps, [
      'sh',
      '-c',
      'for f in /opt/mailharbor/runtime/node-v*/bin/node.sha256; do echo tampered > "$f"; done',
    ]);
    const agent = await agentAs('root', { kind: 'root' });
    expect(agent.install?.runtimeInstalled).toBe(true);
    expect(agent.client.agent.uid).toBe(0);
  });

  it('sudo users, with and without a sudo password, run the agent as root', async () => {
    const deploy = await agentAs('deploy', { kind: 'sudo' });
    expect(deploy.install).toBeUndefined();
    expect(deploy.client.agent.uid).toBe(0);

    const admin2 = vps.users.admin2!;
    const probeSession = await connect(admin2.name);
    expect(await probeRootAccess(probeSession)).toBe('sudoPassword');
    const withPassword = await agentAs(admin2.name, { kind: 'sudoPassword', password: admin2.password! });
    expect(withPassword.client.agent.uid).toBe(0);
  });
});

describe('jobs survive a dropped connection', () => {
  it('keeps running on the VPS, and the app re-attaches and sees every event exactly once, in order', async () => {
    const first = await agentAs('root', { kind: 'root' });
    const { jobId } = await first.client.call('jobs.start', {
      kind: 'diagnostics.steps',
      params: { steps: 12, stepMs: 250 },
    });

    const seen: JobEvent[] = [];
    const following = followJob(first.client, jobId, 0, (event) => {
      seen.push(event);
    });
    following.catch(() => undefined);
    for (
      let attempt = 0;
      attempt < 100 && !seen.some((event) => event.type === 'step.started' && event.index >= 3);
      attempt++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // The connection dies the hard way: the server side of every SSH session of root is killed.
    await consoleRun(vps, ['pkill', '-KILL', '-f', 'sshd: root@notty']);
    await expect(following).rejects.toThrow();
    const seenBeforeDrop = seen.length;
    expect(seenBeforeDrop).toBeGreaterThan(0);
    expect(seen.at(-1)!.type).not.toBe('finished');

    const again = await agentAs('root', { kind: 'root' });
    const listed = (await again.client.call('jobs.list', {})).jobs.find((job) => job.jobId === jobId);
    expect(listed).toBeDefined();
    const result = await followJob(again.client, jobId, seen.at(-1)!.offset + 1, (event) => {
      seen.push(event);
    });
    expect(result).toMatchObject({ ended: 'finished', status: 'succeeded' });
    expect(seen.map((event) => event.offset)).toEqual(seen.map((_, index) => index));
    expect(seen.at(-1)).toMatchObject({ type: 'finished', status: 'succeeded' });
    expect(seen.filter((event) => event.type === 'step.done')).toHaveLength(12);
  });
});
