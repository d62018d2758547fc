import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnownHostsStore } from '../../electron/ssh/known-hosts-store.js';
import { SshSession, type SessionStatus } from '../../electron/ssh/ssh-session.js';
import { consoleRun } from '../support/vps-admin.js';
import { readWorld } from '../world/world.js';

describe('a dropped SSH connection', () => {
  it('reconnects with backoff, checking the host key again, and carries commands afterwards', async () => {
    const world = readWorld();
    const vps = world.vps.vps1!;
    const store = new KnownHostsStore(await mkdtemp(path.join(tmpdir(), 'mailharbor-reconnect-')));
    let asked = 0;
    const session = new SshSession({
      target: { host: vps.sshHost, port: vps.sshPort, username: 'deploy' },
      auth: { method: 'privateKey', privateKey: await readFile(world.ssh.privateKeyPath, 'utf8') },
      knownHosts: store,
      userKnownHostsFile: undefined,
      confirmHostKey: async () => {
        asked++;
        return true;
      },
      reconnectDelaysMs: [200, 400, 800, 1600],
      keepaliveIntervalMs: 1000,
    });
    const statuses: SessionStatus[] = [];
    session.on('status', (status) => statuses.push(status));
    await session.connect();
    expect((await session.run(['whoami'])).stdout.trim()).toBe('deploy');

    // The server side of this login dies, as when a provider's network hiccups or sshd restarts.
    await consoleRun(vps, ['pkill', '-KILL', '-f', 'sshd: deploy']);
    for (let attempt = 0; attempt < 100 && (statuses.length < 4 || statuses.at(-1) !== 'connected'); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(statuses).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
    expect((await session.run(['whoami'])).stdout.trim()).toBe('deploy');
    // The key accepted once is trusted on reconnect: the person is not asked again.
    expect(asked).toBe(1);

    session.close();
    expect(session.status).toBe('closed');
  });
});
