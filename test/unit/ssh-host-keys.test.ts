import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { describePresentedKey, judgeHostKey } from '../../electron/ssh/host-key-policy.js';
import { KnownHostsStore } from '../../electron/ssh/known-hosts-store.js';
import { lineMatchesHost, parseKnownHosts } from '../../electron/ssh/known-hosts-file.js';

interface GeneratedKey {
  blob: Buffer;
  publicLine: string;
  opensshFingerprint: string;
}

let dir: string;

/** Real keys from OpenSSH's ssh-keygen, so fingerprints are checked against OpenSSH itself. */
async function generateHostKey(type: 'ed25519' | 'ecdsa' | 'rsa', name: string): Promise<GeneratedKey> {
  const file = path.join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', file]);
  const publicLine = (await readFile(`${file}.pub`, 'utf8')).trim();
  const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`], { encoding: 'utf8' });
  return {
    blob: Buffer.from(publicLine.split(' ')[1]!, 'base64'),
    publicLine,
    opensshFingerprint: fingerprint.split(' ')[1]!,
  };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mailharbor-hostkeys-'));
});

describe('host key fingerprints', () => {
  it.each(['ed25519', 'ecdsa', 'rsa'] as const)('match what OpenSSH prints for %s keys', async (type) => {
    const key = await generateHostKey(type, `fp-${type}`);
    const presented = describePresentedKey('vps.example.com', 22, key.blob);
    expect(presented.fingerprint).toBe(key.opensshFingerprint);
    expect(presented.keyType).toBe(key.publicLine.split(' ')[0]);
  });
});

describe('known_hosts files', () => {
  it('matches plain, bracketed-port, wildcard, negated and hashed host names like OpenSSH', async () => {
    const key = await generateHostKey('ed25519', 'kh');
    const [type, base64] = key.publicLine.split(' ');
    const hashedFile = path.join(dir, 'hashed_known_hosts');
    await writeFile(hashedFile, `hashed.example.com ${type} ${base64}\n[hashed.example.com]:2222 ${type} ${base64}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', hashedFile], { stdio: 'ignore' });
    const lines = parseKnownHosts(
      [
        '# comment',
        `plain.example.com,203.0.113.7 ${type} ${base64}`,
        `[ported.example.com]:2222 ${type} ${base64}`,
        `*.wild.example.com,!bad.wild.example.com ${type} ${base64}`,
        await readFile(hashedFile, 'utf8'),
      ].join('\n'),
    );
    const matches = (host: string, port = 22) => lines.some((line) => lineMatchesHost(line, host, port));
    expect(matches('plain.example.com')).toBe(true);
    expect(matches('PLAIN.example.com')).toBe(true);
    expect(matches('203.0.113.7')).toBe(true);
    expect(matches('plain.example.com', 2222)).toBe(false);
    expect(matches('ported.example.com', 2222)).toBe(true);
    expect(matches('ported.example.com')).toBe(false);
    expect(matches('a.wild.example.com')).toBe(true);
    expect(matches('bad.wild.example.com')).toBe(false);
    expect(matches('hashed.example.com')).toBe(true);
    expect(matches('hashed.example.com', 2222)).toBe(true);
    expect(matches('other.example.com')).toBe(false);
  });
});

describe('host key policy', () => {
  it('asks about a new host, trusts what was accepted, and refuses a changed key', async () => {
    const store = new KnownHostsStore(await mkdtemp(path.join(tmpdir(), 'mailharbor-store-')));
    const original = await generateHostKey('ed25519', 'policy-original');
    const attacker = await generateHostKey('ed25519', 'policy-attacker');
    const presented = describePresentedKey('vps.example.com', 2222, original.blob);

    expect(await judgeHostKey(presented, store, undefined)).toEqual({ kind: 'unknown' });
    await store.add({
      host: 'VPS.example.com',
      port: 2222,
      keyType: presented.keyType,
      key: original.blob.toString('base64'),
      fingerprint: presented.fingerprint,
    });
    expect(await judgeHostKey(presented, store, undefined)).toEqual({ kind: 'trusted' });
    // Same host on another port is another server as far as keys go.
    expect(await judgeHostKey(describePresentedKey('vps.example.com', 22, original.blob), store, undefined)).toEqual({
      kind: 'unknown',
    });
    expect(await judgeHostKey(describePresentedKey('vps.example.com', 2222, attacker.blob), store, undefined)).toEqual({
      kind: 'changed',
      knownFingerprints: [original.opensshFingerprint],
    });
    const otherType = await generateHostKey('ecdsa', 'policy-ecdsa');
    expect(await judgeHostKey(describePresentedKey('vps.example.com', 2222, otherType.blob), store, undefined)).toEqual(
      {
        kind: 'otherTypeKnown',
        knownTypes: ['ssh-ed25519'],
      },
    );
  });

  it("honours the user's own known_hosts, including @revoked keys", async () => {
    const store = new KnownHostsStore(await mkdtemp(path.join(tmpdir(), 'mailharbor-store-')));
    const good = await generateHostKey('ed25519', 'user-good');
    const revoked = await generateHostKey('rsa', 'user-revoked');
    const userFile = path.join(dir, 'user_known_hosts');
    await writeFile(
      userFile,
      `[vps.example.com]:2222 ${good.publicLine.split(' ').slice(0, 2).join(' ')}\n@revoked * ${revoked.publicLine}\n`,
    );
    expect(await judgeHostKey(describePresentedKey('vps.example.com', 2222, good.blob), store, userFile)).toEqual({
      kind: 'trusted',
    });
    expect(await judgeHostKey(describePresentedKey('anything.example', 22, revoked.blob), store, userFile)).toEqual({
      kind: 'revoked',
    });
  });

  it('refuses to treat a damaged trust store as empty', async () => {
    const storeDir = await mkdtemp(path.join(tmpdir(), 'mailharbor-store-'));
    await writeFile(path.join(storeDir, 'known-hosts.json'), 'garbage');
    const key = await generateHostKey('ed25519', 'damaged');
    await expect(
      judgeHostKey(describePresentedKey('vps.example.com', 22, key.blob), new KnownHostsStore(storeDir), undefined),
    ).rejects.toThrow(/cannot be read/);
  });
});
