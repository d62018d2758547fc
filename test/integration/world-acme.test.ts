// Smoke test of the world's ACME server: certbot inside a VPS gets certificates from pebble by HTTP-01
// (pebble connects to the VPS's port 80 at the address knot gives for the name) and by DNS-01 (a manual
// hook in the VPS publishes the TXT record in knot with a TSIG-signed RFC 2136 update), and each issued
// chain verifies against pebble's issuing root.
//
// certbot runs in a VPS of its own ("acme-client"), so the app's tests on vps1 never meet a certbot bound
// to port 80 or find packages they did not install. It is kept between runs (certbot stays installed).
import crypto from 'node:crypto';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createWorldContext } from '../world/context.js';
import { worldForTests } from '../world/world-inject.js';
import { pieceState } from '../world/pieces/shared/piece-state.js';
import { ensureVps } from '../world/vps.js';
import type { VpsState } from '../world/vps.js';
import type { AcmeState } from '../world/pieces/acme.js';
import type { DnsState } from '../world/pieces/dns.js';
import { queryDns, rdata } from '../world/pieces/dns/dns-query.js';
import { reverseName } from '../world/pieces/dns/zone-file.js';
import { httpsGetText } from '../world/pieces/shared/https-get.js';

// The global setup's world, else world.json; throws when the world is not up, so this file fails, never skips.
const world = worldForTests();
const acme = pieceState<AcmeState>(world, 'acme');
const dns = pieceState<DnsState>(world, 'dns');
const ctx = createWorldContext(world.stateDir, 'world-acme.test');

const ACME_VPS = 'acme-client';
const runDir = `/tmp/certbot-${Date.now()}-${crypto.randomBytes(3).toString('hex')}`;
const CA_IN_VPS = '/usr/local/share/mailharbor-world/pebble-api-ca.pem';
const AUTH_HOOK_IN_VPS = '/usr/local/bin/world-dns01-auth';
const CLEANUP_HOOK_IN_VPS = '/usr/local/bin/world-dns01-cleanup';
const CERTBOT_LOCK = '/tmp/world-certbot.lock';
const hostTmp = fs.mkdtempSync(path.join(os.tmpdir(), 'world-acme-'));

let vps: VpsState;
/** The name knot gives the VPS's address (PTR), confirmed by its A record. */
let name: string;

function docker(args: string[], timeoutMs = 60_000, input?: string) {
  return ctx.run('docker', args, { timeoutMs, input });
}

/** Writes a file into the VPS; the path is a positional parameter of a fixed script, never spliced in. */
async function copyIntoVps(content: string, target: string, mode: string): Promise<void> {
  await docker(
    [
      'exec',
      '-i',
      vps.container,
      'sh',
      '-c',
      'mkdir -p "$(dirname "$1")" && cat > "$1" && chmod "$2" "$1"',
      'sh',
      target,
      mode,
    ],
    30_000,
    content,
  );
}

async function certbot(certName: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  const envArgs = Object.entries({ REQUESTS_CA_BUNDLE: CA_IN_VPS, ...env }).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  const common = [
    'certonly',
    '--non-interactive',
    '--agree-tos',
    '-m',
    'hostmaster@customer.test',
    '--server',
    acme.directoryUrl,
    '--cert-name',
    certName,
    '--config-dir',
    `${runDir}/config`,
    '--work-dir',
    `${runDir}/work`,
    '--logs-dir',
    `${runDir}/logs`,
  ];
  // flock: two runs of this file at once (a developer and the global suite) must not both bind port 80
  const r = await ctx.run(
    'docker',
    ['exec', ...envArgs, vps.container, 'flock', '-w', '170', CERTBOT_LOCK, 'certbot', ...common, ...args],
    {
      timeoutMs: 180_000,
      allowFailure: true,
    },
  );
  if (r.code !== 0) {
    const log = await ctx.run('docker', ['exec', vps.container, 'tail', '-n', '60', `${runDir}/logs/letsencrypt.log`], {
      allowFailure: true,
    });
    throw new Error(
      `certbot ${certName} failed (${r.code}):\n${r.stdout}\n${r.stderr}\n--- letsencrypt.log ---\n${log.stdout}`,
    );
  }
}

/** The issued chain, checked with openssl against pebble's current root; returns the leaf. */
async function verifyIssued(certName: string): Promise<X509Certificate> {
  const fullchain = (await docker(['exec', vps.container, 'cat', `${runDir}/config/live/${certName}/fullchain.pem`]))
    .stdout;
  const pems = fullchain.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/g) ?? [];
  expect(pems.length).toBeGreaterThanOrEqual(2);
  const root = await httpsGetText(acme.rootsUrl, acme.apiCaBundle);
  expect(root.status).toBe(200);
  const files = {
    leaf: path.join(hostTmp, `${certName}-leaf.pem`),
    chain: path.join(hostTmp, `${certName}-chain.pem`),
    root: path.join(hostTmp, 'pebble-root.pem'),
  };
  fs.writeFileSync(files.leaf, pems[0] ?? '');
  fs.writeFileSync(files.chain, pems.slice(1).join(''));
  fs.writeFileSync(files.root, root.body);
  const verified = await ctx.run('openssl', ['verify', '-CAfile', files.root, '-untrusted', files.chain, files.leaf], {
    allowFailure: true,
  });
  expect(verified.stdout.trim(), verified.stderr).toBe(`${files.leaf}: OK`);
  // and the world CA (which signed pebble's API certificate) is not what vouches for it
  const wrongRoot = await ctx.run(
    'openssl',
    ['verify', '-CAfile', world.ca.certPath, '-untrusted', files.chain, files.leaf],
    { allowFailure: true },
  );
  expect(wrongRoot.code).not.toBe(0);
  return new X509Certificate(pems[0] ?? '');
}

beforeAll(async () => {
  vps = await ensureVps(ctx, ACME_VPS, world.ssh);
  // the certificate name: whatever knot says the VPS's address is called, forward-confirmed
  const ptr = await queryDns({
    server: dns.loopback.host,
    port: dns.loopback.port,
    name: reverseName(vps.ip),
    type: 'PTR',
  });
  const found = rdata(ptr, 'PTR')[0];
  if (typeof found !== 'string')
    throw new Error(`knot has no PTR for ${vps.ip}; the fixtures name 172.29.53.10-49 (vps1-vps40)`);
  const a = await queryDns({ server: dns.loopback.host, port: dns.loopback.port, name: found, type: 'A' });
  expect(rdata(a, 'A')).toEqual([vps.ip]);
  name = found;

  // Debian's certbot and knsupdate (knot-dnsutils), from Debian's mirror, once per VPS
  await docker(
    [
      'exec',
      '-e',
      'DEBIAN_FRONTEND=noninteractive',
      vps.container,
      'sh',
      '-c',
      // waits for dpkg's lock instead of failing when another run installs at the same moment
      'command -v certbot >/dev/null && command -v knsupdate >/dev/null || { apt-get -o DPkg::Lock::Timeout=300 update -q && apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends certbot knot-dnsutils; }',
    ],
    400_000,
  );
  await copyIntoVps(fs.readFileSync(acme.apiCaBundle, 'utf8'), CA_IN_VPS, '0644');
  await copyIntoVps(fs.readFileSync(acme.dns01Hooks.auth, 'utf8'), AUTH_HOOK_IN_VPS, '0755');
  await copyIntoVps(fs.readFileSync(acme.dns01Hooks.cleanup, 'utf8'), CLEANUP_HOOK_IN_VPS, '0755');
}, 420_000);

afterAll(async () => {
  if (vps) await docker(['exec', vps.container, 'rm', '-rf', runDir]).catch(() => undefined);
  fs.rmSync(hostTmp, { recursive: true, force: true });
});

describe('pebble issues certificates to certbot in a VPS', () => {
  test('the directory answers over TLS trusted through the world CA', async () => {
    const dir = await httpsGetText(acme.directoryUrl, acme.apiCaBundle);
    expect(dir.status).toBe(200);
    expect(JSON.parse(dir.body)).toHaveProperty('newOrder');
    expect(acme.directoryUrl).toBe(`https://${world.gateway}:14000/dir`);
  });

  test('HTTP-01: certbot --standalone on the VPS port 80', async () => {
    await certbot('http01', ['--standalone', '--preferred-challenges', 'http', '-d', name]);
    const leaf = await verifyIssued('http01');
    expect(leaf.subjectAltName).toBe(`DNS:${name}`);
  }, 200_000);

  test('DNS-01: manual hooks publish the TXT records in knot (wildcard included)', async () => {
    const zone = name.split('.').slice(-2).join('.');
    await certbot(
      'dns01',
      [
        '--manual',
        '--preferred-challenges',
        'dns',
        '--manual-auth-hook',
        AUTH_HOOK_IN_VPS,
        '--manual-cleanup-hook',
        CLEANUP_HOOK_IN_VPS,
        '-d',
        name,
        '-d',
        `*.${name}`,
      ],
      {
        WORLD_DNS_SERVER: dns.updateServer.host,
        WORLD_DNS_PORT: String(dns.updateServer.port),
        WORLD_DNS_ZONE: zone,
        WORLD_TSIG: `${dns.tsig.algorithm}:${dns.tsig.name}:${dns.tsig.secret}`,
      },
    );
    const leaf = await verifyIssued('dns01');
    expect(leaf.subjectAltName?.split(', ').sort()).toEqual([`DNS:*.${name}`, `DNS:${name}`].sort());
    // the cleanup hook removed both challenge values again
    const txt = await queryDns({
      server: dns.loopback.host,
      port: dns.loopback.port,
      name: `_acme-challenge.${name}`,
      type: 'TXT',
    });
    expect(txt.answers).toEqual([]);
  }, 200_000);
});
