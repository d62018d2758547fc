import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerSummary } from '../../electron/contract/server-schemas.js';
import { startBackendWithClient, type TestBackend } from '../support/backend.js';
import { filesUnder } from '../support/files-under.js';
import { allowPasswordLogins, consoleRun } from '../support/vps-admin.js';
import {
  answerHostKeyPrompts as answerPrompts,
  hostKeyFingerprints,
  worldServerInput,
} from '../support/world-server.js';
import { openTestClient, type TestRpcClient } from '../support/ws-test-client.js';
import { readWorld } from '../world/world.js';
import type { VpsState } from '../world/vps.js';

let backend: TestBackend;
let client: TestRpcClient;
let vps: VpsState;
let recordedFingerprints: string[];

beforeAll(async () => {
  const world = readWorld();
  vps = world.vps.vps1!;
  recordedFingerprints = hostKeyFingerprints(vps);
  await allowPasswordLogins(vps);
  ({ backend, client } = await startBackendWithClient());
}, 120_000);

afterAll(async () => {
  client?.close();
  await backend?.stop();
});

/** Answers host key prompts the way a careful person does: only a fingerprint the provider showed. */
function answerHostKeyPrompts(): () => void {
  return answerPrompts(client, recordedFingerprints);
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
    expect(await client.callOk('servers.list', {})).toEqual({ servers: [] });
  });

  it('adds a sudo user with passwords, asks about the host key, and runs the agent as root', async () => {
    const admin2 = vps.users.admin2!;
    const added = await client.callOk('servers.add', {
      name: 'World VPS',
      host: vps.sshHost,
      port: vps.sshPort,
      username: admin2.name,
      auth: { method: 'password', password: admin2.password! },
      sudoPassword: admin2.password,
    });
    expect(added).toMatchObject({ status: 'disconnected', hasSudoPassword: true, authMethod: 'password' });

    const stop = answerHostKeyPrompts();
    try {
      const connected = await client.callOk('servers.connect', { id: added.id });
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
    const { servers } = await client.callOk('servers.list', {});
    const serverId = servers[0]!.id;
    const { jobId } = await client.callOk('jobs.start', {
      serverId,
      job: { kind: 'diagnostics.steps', params: { steps: 4, stepMs: 50 } },
    });
    const before = client.frames.length;
    const result = await client.callOk('jobs.follow', {
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
    const { servers } = await client.callOk('servers.list', {});
    // The test environment points the port 25 probe at the VPS's own closed port, never at the internet.
    const result = await client.callOk('preflight.run', { serverId: servers[0]!.id });
    expect(result.findings.find((finding) => finding.id === 'outboundSmtp')).toMatchObject({ status: 'warning' });
    expect(result.findings).toHaveLength(12);
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
    const summaries = JSON.stringify(await client.callOk('servers.list', {}));
    expect(summaries).not.toContain(secret);
  });

  it('removes a server and forgets its secrets', async () => {
    const { servers } = await client.callOk('servers.list', {});
    expect(await client.callOk('servers.remove', { id: servers[0]!.id })).toEqual({ removed: true });
    expect(await client.callOk('servers.list', {})).toEqual({ servers: [] });
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
    const added = await client.callOk('servers.add', await worldServerInput(readWorld(), vps, 'Late window'));
    // The first window starts the connection and then goes away, as when the browser reloads.
    const connecting = client.call('servers.connect', { id: added.id });

    const late = await openTestClient(backend.server);
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
    await client.callOk('servers.remove', { id: added.id });
    late.close();
  });
});
