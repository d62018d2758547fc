// Smoke tests of the test world's VPS: OpenSSH logs in with the world key and the recorded host key
// (strict checking), the sudo users behave as documented, the VPS trusts the world CA, and a reset gives a
// fresh VPS with a new, correctly recorded host key.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { worldForTests } from '../world/world-inject.js';
import { vpsExec } from '../world/vps-ssh.js';
import type { VpsSshTarget } from '../world/vps-ssh.js';
import { vpsAdmin, vpsRemove } from '../world/vps-admin.js';
import type { VpsState } from '../world/vps.js';

const world = worldForTests();
// Unique per run: two test runs at once must not reset each other's VPS.
const RESET_VPS = `reset-${process.pid}`;
const vps1 = world.vps.vps1;

function as(user: string, vps: VpsState = vps1!): VpsSshTarget {
  return { vps, key: world.ssh, user };
}

describe('test world VPS', () => {
  it('is recorded in world.json with a host key and a sudo password', () => {
    expect(vps1).toBeDefined();
    expect(vps1!.sshHost).toBe('127.0.0.1');
    expect(vps1!.ip).toBe('172.29.53.10');
    expect(vps1!.hostKey.fingerprint).toMatch(/^SHA256:/);
    expect(vps1!.users.admin2.password).toMatch(/^[0-9a-f]{24}$/);
    expect(fs.statSync(world.ssh.privateKeyPath).mode & 0o777).toBe(0o600);
  });

  it('lets root in by key, verifying the recorded host key', async () => {
    const r = await vpsExec(as('root'), 'id -u; hostname; ip -4 -o addr show eth0');
    const [uid, hostname, addr] = r.stdout.trim().split('\n');
    expect(uid).toBe('0');
    expect(hostname).toBe('vps1');
    expect(addr).toContain('172.29.53.10/24');
  });

  it('refuses to connect when the known host key is a different one', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'world-kh-'));
    try {
      const wrong = path.join(tmp, 'known_hosts');
      // Any other ed25519 key stands for a man in the middle.
      const otherKey = fs.readFileSync(`${world.ssh.privateKeyPath}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
      fs.writeFileSync(wrong, `[127.0.0.1]:${vps1!.sshPort} ${otherKey}\n`);
      const r = await vpsExec({ ...as('root'), knownHostsPath: wrong }, 'true', { allowFailure: true });
      expect(r.code).toBe(255);
      expect(r.stderr).toMatch(/HOST IDENTIFICATION HAS CHANGED|Host key verification failed/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('gives deploy passwordless sudo', async () => {
    const r = await vpsExec(as('deploy'), 'sudo -n true && sudo -n id -u && id -un');
    expect(r.stdout.trim().split('\n')).toEqual(['0', 'deploy']);
  });

  it('makes admin2 type its password for sudo', async () => {
    const without = await vpsExec(as('admin2'), 'sudo -n true', { allowFailure: true });
    expect(without.code).not.toBe(0);
    expect(without.stderr).toContain('password is required');
    const wrong = await vpsExec(as('admin2'), 'sudo -S -p "" id -u', {
      input: 'not-the-password\n',
      allowFailure: true,
    });
    expect(wrong.code).not.toBe(0);
    const right = await vpsExec(as('admin2'), 'sudo -k; sudo -S -p "" id -u', {
      input: `${vps1!.users.admin2.password}\n`,
    });
    expect(right.stdout.trim()).toBe('0');
  });

  it('trusts the world CA and reaches the registry over TLS', async () => {
    const r = await vpsExec(
      as('root'),
      'test -s /etc/docker/certs.d/172.29.53.1:5000/ca.crt && curl -sS -o /dev/null -w "%{http_code}" https://172.29.53.1:5000/v2/',
    );
    expect(r.stdout.trim()).toBe('200');
  });

  it('resets a VPS to fresh with a new, recorded host key', { timeout: 120_000 }, async () => {
    const before = await vpsAdmin('create', RESET_VPS);
    try {
      await checkReset(before);
    } finally {
      await vpsRemove(RESET_VPS);
    }
  });
});

async function checkReset(before: VpsState): Promise<void> {
  await vpsExec(as('root', before), 'echo used > /root/marker');
  const after = await vpsAdmin('reset', RESET_VPS);
  expect(after.ip).toBe(before.ip);
  expect(after.hostKey.publicKey).not.toBe(before.hostKey.publicKey);
  // The old known_hosts entry must now be refused, the new one accepted.
  const oldKnown = path.join(os.tmpdir(), `world-old-kh-${process.pid}`);
  fs.writeFileSync(oldKnown, `[127.0.0.1]:${after.sshPort} ${before.hostKey.publicKey}\n`);
  try {
    const refused = await vpsExec({ ...as('root', after), knownHostsPath: oldKnown }, 'true', { allowFailure: true });
    expect(refused.code).toBe(255);
  } finally {
    fs.rmSync(oldKnown, { force: true });
  }
  const r = await vpsExec(as('root', after), 'test -e /root/marker && echo still-there || echo fresh');
  expect(r.stdout.trim()).toBe('fresh');
  // A fresh VPS is a minimal cloud image: keys only, no Docker, no systemd (vps1 is shared with other
  // tests, which may change it, so this is checked here).
  const sshd = await vpsExec(
    as('root', after),
    'sshd -T 2>/dev/null | grep -E "^(passwordauthentication|permitrootlogin) "',
  );
  expect(sshd.stdout).toContain('passwordauthentication no');
  expect(sshd.stdout).toContain('permitrootlogin without-password');
  const tools = await vpsExec(
    as('root', after),
    'for c in sshd sudo curl ip cron update-ca-certificates docker dockerd systemctl; do command -v $c >/dev/null && echo "$c yes" || echo "$c no"; done',
  );
  expect(tools.stdout.trim().split('\n')).toEqual([
    'sshd yes',
    'sudo yes',
    'curl yes',
    'ip yes',
    'cron yes',
    'update-ca-certificates yes',
    'docker no',
    'dockerd no',
    'systemctl no',
  ]);
  const admin2 = await vpsExec(as('admin2', after), 'sudo -S -p "" id -u', {
    input: `${after.users.admin2.password}\n`,
  });
  expect(admin2.stdout.trim()).toBe('0');
}
