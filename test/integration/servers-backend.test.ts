import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerSummary } from '../../electron/contract/server-schemas.js';
import { startTestBackend, type TestBackend } from '../support/backend.js';
import { allowPasswordLogins, consoleRun } from '../support/vps-admin.js';
import { answerHostKeyPrompts as answerPrompts, hostKeyFingerprints } from '../support/world-server.js';
import { openSocket, sessionCookie, TestRpcClient } from '../support/ws-test-client.js';
import { readWorld } from '../world/world.js';
import type { VpsState } from '../world/vps.js';

const root = path.resolve(import.meta.dirname, '../..');
let backend: TestBackend;
let client: TestRpcClient;
let vps: VpsState;
let recordedFingerprints: string[];

beforeAll(async () => {
  const world = readWorld();
  vps = world.vps.vps1!;
  recordedFingerprints = hostKeyFingerprints(vps);
  await allowPasswordLogins(vps);
  backend = await startTestBackend(path.join(root, 'dist/renderer'));
  const cookie = await sessionCookie(backend.server);
  const { socket } = await openSocket(backend.server, { Origin: backend.server.origin, Cookie: cookie });
  client = new TestRpcClient(socket!);
}, 120_000);

afterAll(async () => {
  client?.close();
  await backend?.stop();
});

async function call<T>(name: string, input: unknown): Promise<T> {
  const result = await client.call(name, input);
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** Answers host key prompts the way a careful person does: only a fingerprint the provider showed. */
function answerHostKeyPrompts(): () => void {
  return answerPrompts(client, recordedFingerprints);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

describe('servers through the contract, against the world VPS', () => {
  it('refuses bad input naming the fields, before anything is stored', async () => {
    const result = await client.call('servers.add', {
      name: '',
      host: 'not a host',
      port: 70000,
      username: 'root',
      auth: { method: 'password', password: 'x' },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('contract.invalidInput');
      expect(String(result.error.params.fields).split(', ').sort()).toEqual(['host', 'name', 'port']);
    }
    expect(await call<{ servers: unknown[] }>('servers.list', {})).toEqual({ servers: [] });
  });

  it('adds a sudo user with passwords, asks about the host key, and runs the agent as root', async () => {
    const admin2 = vps.users.admin2!;
    const added = await call<ServerSummary>('servers.add', {
      name: 'World VPS',
      host: vps.sshHost,
      port: vps.sshPort,
      username: admin2.name,
      auth: { method: 'password', password: admin2.password },
      sudoPassword: admin2.password,
    });
    expect(added).toMatchObject({ status: 'disconnected', hasSudoPassword: true, authMethod: 'password' });

    const stop = answerHostKeyPrompts();
    try {
      const connected = await call<ServerSummary>('servers.connect', { id: added.id });
      expect(connected).toMatchObject({ status: 'connected', rootAccess: 'sudoPassword' });
      expect(connected.agent?.arch).toBe('x64');
    } finally {
      stop();
    }
    const prompts = client.frames.filter((frame) => frame.name === 'hostKey.prompt');
    expect(prompts).toHaveLength(1);
    expect(client.frames.some((frame) => frame.name === 'servers.changed')).toBe(true);

    // The agent really runs as root on the server.
    const agents = await consoleRun(vps, ['sh', '-c', 'ps -o user=,args= -C node || true']);
    expect(agents).toMatch(/^root\s+\/opt\/mailharbor\/runtime\/.*agent\.cjs serve/m);
  });

  it('runs a job on the agent and streams its journal to the window in order', async () => {
    const { servers } = await call<{ servers: ServerSummary[] }>('servers.list', {});
    const serverId = servers[0]!.id;
    const { jobId } = await call<{ jobId: string }>('jobs.start', {
      serverId,
      job: { kind: 'diagnostics.steps', params: { steps: 4, stepMs: 50 } },
    });
    const before = client.frames.length;
    const result = await call<{ status: string; nextOffset: number }>('jobs.follow', {
      streamId: 'follow1',
      serverId,
      jobId,
      fromOffset: 0,
    });
    expect(result.status).toBe('succeeded');
    const events = client.frames
      .slice(before)
      .filter((frame) => frame.name === 'jobs.event')
      .map((frame) => (frame.payload as { event: { offset: number; type: string } }).event);
    expect(events.map((event) => event.offset)).toEqual(events.map((_, index) => index));
    expect(events.at(-1)?.type).toBe('finished');
    expect(events.length).toBe(result.nextOffset);
  });

  it('runs the read-only preflight on the agent for the window', async () => {
    const { servers } = await call<{ servers: ServerSummary[] }>('servers.list', {});
    // The test environment points the port 25 probe at the VPS's own closed port, never at the internet.
    const result = await call<{ findings: Array<{ id: string; status: string; params: Record<string, unknown> }> }>(
      'preflight.run',
      { serverId: servers[0]!.id },
    );
    expect(result.findings.find((finding) => finding.id === 'outboundSmtp')).toMatchObject({ status: 'warning' });
    expect(result.findings).toHaveLength(11);
    expect(result.findings.find((finding) => finding.id === 'os')).toMatchObject({ status: 'ok' });
    expect(result.findings.find((finding) => finding.id === 'systemd')).toMatchObject({ status: 'warning' });
  });

  it('never writes a secret in plain text: not on the desktop, not in logs, not on the server', async () => {
    const secret = vps.users.admin2!.password!;
    for (const file of await filesUnder(backend.dataDir)) {
      expect((await readFile(file)).includes(Buffer.from(secret)), file).toBe(false);
    }
    const onServer = await consoleRun(vps, [
      'sh',
      '-c',
      'grep -rlF -- "$1" /opt/mailharbor /var/lib/mailharbor /tmp /var/log 2>/dev/null || true',
      'sh',
      secret,
    ]);
    expect(onServer.trim()).toBe('');
    const summaries = JSON.stringify(await call('servers.list', {}));
    expect(summaries).not.toContain(secret);
  });

  it('removes a server and forgets its secrets', async () => {
    const { servers } = await call<{ servers: ServerSummary[] }>('servers.list', {});
    expect(await call('servers.remove', { id: servers[0]!.id })).toEqual({ removed: true });
    expect(await call('servers.list', {})).toEqual({ servers: [] });
    const vaultFiles = (await filesUnder(backend.dataDir)).filter((file) =>
      file.includes(`${path.sep}vault${path.sep}`),
    );
    expect(vaultFiles).toEqual([]);
    // A reinstalled server has a new host key: adding it again must ask again.
    const knownHosts = JSON.parse(await readFile(path.join(backend.dataDir, 'known-hosts.json'), 'utf8')) as {
      entries: unknown[];
    };
    expect(knownHosts.entries).toEqual([]);
  });
});

describe('questions asked while no window listens', () => {
  it('wait for a window that opens later, which can answer them', async () => {
    const world = readWorld();
    const added = await call<ServerSummary>('servers.add', {
      name: 'Late window',
      host: vps.sshHost,
      port: vps.sshPort,
      username: 'root',
      auth: { method: 'privateKey', privateKey: await readFile(world.ssh.privateKeyPath, 'utf8') },
    });
    // The first window starts the connection and then goes away, as when the browser reloads.
    const connecting = client.call('servers.connect', { id: added.id });

    const cookie = await sessionCookie(backend.server);
    const { socket } = await openSocket(backend.server, { Origin: backend.server.origin, Cookie: cookie });
    const late = new TestRpcClient(socket!);
    let pending: { hostKey: Array<{ promptId: string; fingerprint: string }> } = { hostKey: [] };
    for (let attempt = 0; attempt < 100 && pending.hostKey.length === 0; attempt++) {
      const result = await late.call('prompts.pending', {});
      if (result.ok) pending = result.value as typeof pending;
      if (pending.hostKey.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(pending.hostKey).toHaveLength(1);
    expect(recordedFingerprints).toContain(pending.hostKey[0]!.fingerprint);
    expect(await late.call('hostKey.answer', { promptId: pending.hostKey[0]!.promptId, accept: true })).toEqual({
      ok: true,
      value: { ok: true },
    });

    const connected = await connecting;
    expect(connected.ok && (connected.value as ServerSummary).status).toBe('connected');
    expect(await late.call('prompts.pending', {})).toEqual({ ok: true, value: { hostKey: [], auth: [] } });
    await call('servers.remove', { id: added.id });
    late.close();
  });
});
