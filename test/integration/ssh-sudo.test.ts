import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../common/errors/app-error.js';
import { KnownHostsStore } from '../../electron/ssh/known-hosts-store.js';
import { SshSession } from '../../electron/ssh/ssh-session.js';
import { asRoot, probeRootAccess, verifyRootAccess, type RootAccess } from '../../electron/ssh/sudo.js';
import { readWorld } from '../world/world.js';
import type { VpsState } from '../world/vps.js';
import { consoleRun } from '../support/vps-admin.js';

let vps: VpsState;
let privateKey: string;

beforeAll(async () => {
  const world = readWorld();
  vps = world.vps.vps1!;
  privateKey = await readFile(world.ssh.privateKeyPath, 'utf8');
});

async function sessionAs(username: string): Promise<SshSession> {
  const session = new SshSession({
    target: { host: vps.sshHost, port: vps.sshPort, username },
    auth: { method: 'privateKey', privateKey },
    knownHosts: new KnownHostsStore(await mkdtemp(path.join(tmpdir(), 'mailharbor-sudo-'))),
    userKnownHostsFile: undefined,
    confirmHostKey: async () => true,
  });
  await session.connect();
  return session;
}

describe('becoming root through sudo on the world VPS', () => {
  it('root needs nothing', async () => {
    const session = await sessionAs('root');
    expect(await probeRootAccess(session)).toBe('root');
    session.close();
  });

  it('a passwordless sudo user runs commands as root', async () => {
    const session = await sessionAs('deploy');
    expect(await probeRootAccess(session)).toBe('sudo');
    await verifyRootAccess(session, { kind: 'sudo' });
    const { argv } = asRoot(['id', '-u'], { kind: 'sudo' });
    expect((await session.run(argv)).stdout.trim()).toBe('0');
    session.close();
  });

  it('a sudo user with a password: the password reaches sudo only, never the program, and a wrong one is named', async () => {
    const user = vps.users.admin2!;
    const session = await sessionAs(user.name);
    expect(await probeRootAccess(session)).toBe('sudoPassword');

    const access: RootAccess = { kind: 'sudoPassword', password: user.password! };
    await verifyRootAccess(session, access);
    // The program reads its whole stdin: it must see only what came after the password line.
    const { argv, stdinPrefix } = asRoot(['sh', '-c', 'id -u; cat'], access);
    const result = await session.run(argv, { stdin: `${stdinPrefix}payload line\n` });
    expect(result.stdout).toBe('0\npayload line\n');
    expect(result.stdout + result.stderr).not.toContain(user.password!);

    // Run it twice: a cached sudo timestamp must not leave the password line for the program.
    const again = await session.run(argv, { stdin: `${stdinPrefix}second\n` });
    expect(again.stdout).toBe('0\nsecond\n');

    const wrong = await verifyRootAccess(session, { kind: 'sudoPassword', password: 'not-the-password' }).then(
      () => undefined,
      (error: AppError) => error,
    );
    expect(wrong?.code).toBe('sudo.wrongPassword');
    session.close();
  });

  it('a user without sudo rights is told so', async () => {
    await consoleRun(vps, ['sh', '-c', 'id -u nosudo >/dev/null 2>&1 || useradd -m -s /bin/bash nosudo']);
    await consoleRun(vps, ['sh', '-c', 'install -d -m 700 -o nosudo -g nosudo /home/nosudo/.ssh']);
    await consoleRun(vps, [
      'sh',
      '-c',
      'cp /root/.ssh/authorized_keys /home/nosudo/.ssh/ && chown nosudo:nosudo /home/nosudo/.ssh/authorized_keys',
    ]);
    const session = await sessionAs('nosudo');
    const probe = await probeRootAccess(session);
    // Debian's sudo asks for a password before it checks the rules, so 'none' or 'sudoPassword' both occur.
    expect(['none', 'sudoPassword']).toContain(probe);
    const failure = await verifyRootAccess(session, { kind: 'sudoPassword', password: 'whatever' }).then(
      () => undefined,
      (error: AppError) => error,
    );
    expect(['sudo.wrongPassword', 'sudo.notAllowed']).toContain(failure?.code);
    session.close();
  });
});
