import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors/app-error.js';
import { sha256Fingerprint } from '../../electron/ssh/host-key-fingerprint.js';
import { KnownHostsStore } from '../../electron/ssh/known-hosts-store.js';
import { connectSsh, type ConnectOptions } from '../../electron/ssh/ssh-connect.js';
import { SshSession } from '../../electron/ssh/ssh-session.js';
import type { SshAuth } from '../../electron/ssh/target.js';
import { readWorld } from '../world/world.js';
import type { VpsState } from '../world/vps.js';
import { allowPasswordLogins, consoleRun, ensureUserWithPassword, sshdLogSince } from '../support/vps-admin.js';

const execFileAsync = promisify(execFile);
const PASSWORD_USER = 'pwuser';
const PASSWORD = `pw-${process.pid}-Tr0ub4dor&3`;

let vps: VpsState;
let worldKey: string;
let recordedFingerprints: string[];
let keyDir: string;

beforeAll(async () => {
  const world = readWorld();
  vps = world.vps.vps1!;
  worldKey = await readFile(world.ssh.privateKeyPath, 'utf8');
  recordedFingerprints = vps.hostKeys.map((line) => sha256Fingerprint(Buffer.from(line.split(' ')[1]!, 'base64')));
  keyDir = await mkdtemp(path.join(tmpdir(), 'mailharbor-ssh-it-'));
  await allowPasswordLogins(vps);
  await ensureUserWithPassword(vps, PASSWORD_USER, PASSWORD);
}, 120_000);

async function freshStore(): Promise<KnownHostsStore> {
  return new KnownHostsStore(await mkdtemp(path.join(tmpdir(), 'mailharbor-known-')));
}

/** Connects like the app does after the user has compared the fingerprint with the one the world recorded. */
async function options(
  auth: SshAuth,
  username = 'root',
  overrides: Partial<ConnectOptions> = {},
): Promise<ConnectOptions> {
  return {
    target: { host: vps.sshHost, port: vps.sshPort, username },
    auth,
    knownHosts: await freshStore(),
    userKnownHostsFile: undefined,
    confirmHostKey: async (key) => recordedFingerprints.includes(key.fingerprint),
    answerPrompts: async (prompts) => prompts.map(() => PASSWORD),
    readyTimeoutMs: 15_000,
    ...overrides,
  };
}

async function whoami(auth: SshAuth, username = 'root'): Promise<string> {
  const session = new SshSession(await options(auth, username));
  await session.connect();
  try {
    return (await session.run(['id', '-un'])).stdout.trim();
  } finally {
    session.close();
  }
}

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the connection to fail');
}

async function keyPair(name: string, type: string, passphrase: string, extra: string[] = []): Promise<string> {
  const file = path.join(keyDir, name);
  await execFileAsync('ssh-keygen', ['-q', '-t', type, '-N', passphrase, ...extra, '-C', name, '-f', file]);
  await consoleRun(vps, ['sh', '-c', 'cat >> /root/.ssh/authorized_keys'], await readFile(`${file}.pub`, 'utf8'));
  return readFile(file, 'utf8');
}

describe('SSH authentication against the world VPS', () => {
  it('logs in with the OpenSSH-format ed25519 key', async () => {
    expect(await whoami({ method: 'privateKey', privateKey: worldKey })).toBe('root');
  });

  it.each([
    ['ecdsa', []],
    ['rsa', ['-m', 'PEM']],
    ['ed25519', []],
  ])('logs in with a passphrase-protected %s key %j, and names a wrong passphrase', async (type, extra) => {
    const privateKey = await keyPair(`id_${type}_${extra.length}`, type, 'open sesame', extra);
    expect(await whoami({ method: 'privateKey', privateKey, passphrase: 'open sesame' })).toBe('root');
    const wrong = await failureOf(connectSsh(await options({ method: 'privateKey', privateKey, passphrase: 'nope' })));
    expect(wrong.code).toBe('ssh.badPassphrase');
  });

  it('logs in with a password, and says the password was refused for that user', async () => {
    expect(await whoami({ method: 'password', password: PASSWORD }, PASSWORD_USER)).toBe(PASSWORD_USER);
    const wrong = await failureOf(connectSsh(await options({ method: 'password', password: 'wrong' }, PASSWORD_USER)));
    expect(wrong.code).toBe('ssh.authFailed');
    expect(wrong.params).toMatchObject({ method: 'password', username: PASSWORD_USER });
  });

  it('reports an unknown user as a refused login for that user name', async () => {
    const failure = await failureOf(
      connectSsh(await options({ method: 'password', password: PASSWORD }, 'nosuchuser')),
    );
    expect(failure.code).toBe('ssh.authFailed');
    expect(failure.params.username).toBe('nosuchuser');
  });

  it("logs in with keyboard-interactive, answering the server's questions", async () => {
    expect(await whoami({ method: 'keyboardInteractive' }, PASSWORD_USER)).toBe(PASSWORD_USER);
  });

  it('logs in through an ssh-agent', async () => {
    const socket = path.join(keyDir, 'agent.sock');
    const agent: ChildProcess = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    try {
      for (let attempt = 0; attempt < 50; attempt++) {
        if (
          await execFileAsync('test', ['-S', socket]).then(
            () => true,
            () => false,
          )
        )
          break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const keyFile = path.join(keyDir, 'agent_key');
      await execFileAsync('cp', [readWorld().ssh.privateKeyPath, keyFile]);
      await execFileAsync('ssh-add', [keyFile], { env: { ...process.env, SSH_AUTH_SOCK: socket } });
      expect(await whoami({ method: 'agent', socket })).toBe('root');
    } finally {
      agent.kill();
    }
  });
});

describe('host key verification against the world VPS', () => {
  it('shows the fingerprint OpenSSH would show, and sends nothing when the user declines', async () => {
    const store = await freshStore();
    const seen: string[] = [];
    const failure = await failureOf(
      connectSsh(
        await options({ method: 'privateKey', privateKey: worldKey }, 'root', {
          knownHosts: store,
          confirmHostKey: async (key) => {
            seen.push(key.fingerprint);
            return false;
          },
        }),
      ),
    );
    expect(failure.code).toBe('ssh.hostKeyRejected');
    expect(seen).toHaveLength(1);
    expect(recordedFingerprints).toContain(seen[0]);
    expect(await store.entriesFor(vps.sshHost, vps.sshPort)).toEqual([]);
  });

  it('remembers an accepted key and does not ask again', async () => {
    const store = await freshStore();
    let asked = 0;
    const confirm = async () => {
      asked++;
      return true;
    };
    for (let round = 0; round < 2; round++) {
      const client = await connectSsh(
        await options({ method: 'privateKey', privateKey: worldKey }, 'root', {
          knownHosts: store,
          confirmHostKey: confirm,
        }),
      );
      client.end();
    }
    expect(asked).toBe(1);
  });

  it('refuses a changed key, and the server sees no authentication attempt', async () => {
    const store = await freshStore();
    // The store remembers another key of the same type for this address: what an interceptor would look like.
    const impostor = path.join(keyDir, 'impostor');
    await execFileAsync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', impostor]);
    const ecdsa = path.join(keyDir, 'impostor-ecdsa');
    await execFileAsync('ssh-keygen', ['-q', '-t', 'ecdsa', '-N', '', '-f', ecdsa]);
    const rsa = path.join(keyDir, 'impostor-rsa');
    await execFileAsync('ssh-keygen', ['-q', '-t', 'rsa', '-N', '', '-f', rsa]);
    for (const file of [impostor, ecdsa, rsa]) {
      const [keyType, key] = (await readFile(`${file}.pub`, 'utf8')).split(' ') as [string, string];
      await store.add({
        host: vps.sshHost,
        port: vps.sshPort,
        keyType,
        key,
        fingerprint: sha256Fingerprint(Buffer.from(key, 'base64')),
      });
    }
    // Each attempt uses a user name of its own, so its trace in sshd's log can be found exactly.
    const control = `probe${process.pid}a`;
    const probe = `probe${process.pid}b`;
    const before = new Date(Date.now() - 1000);
    const controlFailure = await failureOf(connectSsh(await options({ method: 'password', password: 'x' }, control)));
    expect(controlFailure.code).toBe('ssh.authFailed');

    const failure = await failureOf(
      connectSsh(
        await options({ method: 'password', password: PASSWORD }, probe, {
          knownHosts: store,
          confirmHostKey: async () => {
            throw new Error('a changed key must never be offered for acceptance');
          },
        }),
      ),
    );
    expect(failure.code).toBe('ssh.hostKeyChanged');
    expect(recordedFingerprints).toContain(failure.params.fingerprint);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const log = await sshdLogSince(vps, before);
    // The log does record login attempts (the control shows up), but the refused connection never got that far.
    expect(log).toContain(control);
    expect(log).not.toContain(probe);
  });
});

describe('connection failures are told apart', () => {
  let silent: Server;
  beforeAll(async () => {
    // Accepts TCP and never speaks SSH: what a firewall that swallows traffic looks like once connected.
    silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => silent.close());

  it('a closed port is "refused"', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const failure = await failureOf(
      connectSsh({
        ...(await options({ method: 'privateKey', privateKey: worldKey })),
        target: { host: '127.0.0.1', port, username: 'root' },
      }),
    );
    expect(failure.code).toBe('ssh.refused');
  });

  it('a server that never answers is a "timeout"', async () => {
    const port = (silent.address() as { port: number }).port;
    const failure = await failureOf(
      connectSsh({
        ...(await options({ method: 'privateKey', privateKey: worldKey })),
        target: { host: '127.0.0.1', port, username: 'root' },
        readyTimeoutMs: 1500,
      }),
    );
    expect(failure.code).toBe('ssh.timeout');
  });
});
