// Smoke tests of the world's host side: the fixed network, the base image, the registry over TLS with the
// world CA (on the gateway IP and on loopback) and the stand-in tags it holds.
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { worldForTests } from '../world/world-inject.js';
import { run } from '../world/run.js';
import { issueCert } from '../world/ca.js';
import { WORLD_GATEWAY, WORLD_NETWORK, WORLD_SUBNET } from '../world/network.js';
import { WORLD_LABEL_ARG } from '../world/docker-labels.js';

const world = worldForTests();

function get(host: string, port: number, urlPath: string): Promise<{ status: number; body: string }> {
  const ca = fs.readFileSync(world.ca.certPath);
  return new Promise((resolve, reject) => {
    const req = https.get({ host, port, path: urlPath, ca, timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

describe('test world host side', () => {
  it('has the mailharbor-world network with its fixed subnet', async () => {
    const r = await run('docker', [
      'network',
      'inspect',
      WORLD_NETWORK,
      '--format',
      '{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}',
    ]);
    expect(r.stdout.trim()).toBe(`${WORLD_SUBNET} ${WORLD_GATEWAY}`);
    expect(world.gateway).toBe('172.29.53.1');
  });

  it('has the debootstrapped debian:bookworm base image', async () => {
    const r = await run('docker', [
      'run',
      '--rm',
      '--network',
      'none',
      'debian:bookworm',
      'sh',
      '-c',
      '. /etc/os-release && echo $VERSION_CODENAME',
    ]);
    expect(r.stdout.trim()).toBe('bookworm');
  });

  it('serves the registry over TLS signed by the world CA, on the gateway and on loopback', async () => {
    for (const host of [WORLD_GATEWAY, '127.0.0.1']) {
      const r = await get(host, 5000, '/v2/');
      expect(r.status, host).toBe(200);
    }
    await expect(
      new Promise((resolve, reject) =>
        https.get({ host: WORLD_GATEWAY, port: 5000, path: '/v2/', timeout: 10_000 }, resolve).on('error', reject),
      ),
    ).rejects.toThrow(/self.signed|unable to verify|certificate/i);
  });

  it('holds the stand-in images under upstream names and pinned tags', async () => {
    const tags = async (repo: string) =>
      (JSON.parse((await get(WORLD_GATEWAY, 5000, `/v2/${repo}/tags/list`)).body) as { tags: string[] }).tags;
    expect(await tags('forwardemail/forwardemail.net-selfhosted')).toEqual(
      expect.arrayContaining(['v1.0.0', 'v1.1.0', 'v1.2.0-broken', 'latest']),
    );
    expect(await tags('redis')).toEqual(expect.arrayContaining(['7.0.15', 'latest']));
    expect(await tags('mongo')).toEqual(expect.arrayContaining(['7.0.14', 'latest']));
    expect(await tags('nginx')).toEqual(expect.arrayContaining(['1.22.1', 'stable']));
    expect(world.images['forwardemail-v1.2.0-broken']?.ref).toBe(
      '172.29.53.1:5000/forwardemail/forwardemail.net-selfhosted:v1.2.0-broken',
    );
  });

  it(
    'runs a stand-in with TLS on the real ports (api answers 200 on its health path)',
    { timeout: 60_000 },
    async () => {
      const name = `world-smoke-web-${process.pid}`;
      const image = world.images['forwardemail-v1.0.0']!.ref;
      await startStandIn(name, image, [], ['node', 'api.js']);
      try {
        const r = await run('docker', [
          'exec',
          name,
          'sh',
          '-c',
          'for i in $(seq 40); do curl -ks -o /dev/null https://127.0.0.1:4000/v1/test && break; sleep 0.25; done; curl -ks -w " %{http_code}" https://127.0.0.1:4000/v1/test',
        ]);
        expect(r.stdout).toMatch(/"version":"1\.0\.0".* 200$/);
        const logs = await run('docker', ['logs', name]);
        expect(logs.stdout).toContain('https server listening on 0.0.0.0:4000');
      } finally {
        await run('docker', ['rm', '-f', name], { allowFailure: true });
      }
    },
  );

  it(
    'serves SMTP with the certificate mounted at /app/ssl and the port from /app/.env',
    { timeout: 60_000 },
    async () => {
      const cert = await issueCert(world.stateDir, 'standin-smoke', ['smtp.mailharbor.test'], ['127.0.0.1']);
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'world-env-'));
      const envFile = path.join(tmp, '.env');
      fs.writeFileSync(envFile, 'SMTP_PORT=2465\nDOMAIN=mailharbor.test\n');
      const name = `world-smoke-smtp-${process.pid}`;
      const image = world.images['forwardemail-v1.1.0']!.ref;
      await startStandIn(
        name,
        image,
        ['-v', `${path.dirname(cert.keyPath)}:/app/ssl:ro`, '-v', `${envFile}:/app/.env:ro`],
        ['node', 'smtp.js'],
      );
      try {
        const ip = (
          await run('docker', ['inspect', '-f', '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}', name])
        ).stdout.trim();
        expect(ip).toMatch(/^172\.29\.53\.(1[2-9][0-9]|2[0-5][0-9])$/); // dynamic range, never a VPS address
        const greeting = await waitForGreeting(ip, 2465, fs.readFileSync(world.ca.certPath));
        expect(greeting).toMatch(/^220 \S+ ESMTP/);
        const logs = await run('docker', ['logs', name]);
        expect(logs.stdout).toContain('loaded 2 settings from /app/.env');
        expect(logs.stdout).not.toContain('self-signed fallback');
      } finally {
        await run('docker', ['rm', '-f', name], { allowFailure: true });
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    },
  );
});

/** A stand-in container on the world network, labelled as the world's (so `down` removes it if the test cannot). */
function startStandIn(name: string, image: string, dockerArgs: string[], command: string[]) {
  return run('docker', [
    'run',
    '-d',
    '--rm',
    '--name',
    name,
    '--label',
    WORLD_LABEL_ARG,
    '--network',
    WORLD_NETWORK,
    ...dockerArgs,
    image,
    ...command,
  ]);
}

/** Connects with TLS verified against the world CA (name smtp.mailharbor.test); retries while the service starts. */
async function waitForGreeting(host: string, port: number, ca: Buffer): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      return await new Promise<string>((resolve, reject) => {
        const socket = tls.connect({ host, port, ca, servername: 'smtp.mailharbor.test', timeout: 5_000 });
        socket.setEncoding('utf8');
        socket.once('data', (line: string) => {
          socket.end('QUIT\r\n');
          resolve(line.trim());
        });
        socket.once('timeout', () => socket.destroy(new Error('timeout')));
        socket.once('error', reject);
      });
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}
