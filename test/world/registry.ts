// The world's image registry: Debian's docker-registry on the host (not in a container), TLS with a
// certificate from the world CA, on the gateway IP so VPS containers reach it. docker-registry binds one
// address, so a small TCP forwarder adds 127.0.0.1:5000 for host-side tools. Storage lives in the state
// dir and survives `down` (images need not be rebuilt); `down --purge` removes it.
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorldContext } from './context.js';
import { issueCert } from './ca.js';

export const REGISTRY_PORT = 5000;
const REGISTRY_DAEMON = 'registry';
const FORWARD_DAEMON = 'registry-loopback';

export interface RegistryState {
  /** What VPSes and the host engine use in image names: 172.29.53.1:5000 */
  address: string;
  /** The same registry for host-side tools (curl, fetch): 127.0.0.1:5000 */
  loopbackAddress: string;
  caPath: string;
  storageDir: string;
}

export function registryAddress(ctx: WorldContext): string {
  return `${ctx.gateway}:${REGISTRY_PORT}`;
}

export function registryStorageDir(ctx: WorldContext): string {
  return path.join(ctx.stateDir, 'registry', 'data');
}

/** GET https://<address><urlPath> trusting only the world CA. */
export function registryGet(
  ctx: WorldContext,
  urlPath: string,
  headers: Record<string, string> = {},
  method: 'GET' | 'HEAD' = 'GET',
): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  const ca = fs.readFileSync(ctx.ca.certPath);
  return new Promise((resolve, reject) => {
    const req = https.request(
      { host: ctx.gateway, port: REGISTRY_PORT, path: urlPath, method, headers, ca, timeout: 10_000 },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('registry request timed out')));
    req.on('error', reject);
    req.end();
  });
}

function writeConfig(ctx: WorldContext, certPath: string, keyPath: string): string {
  const dir = path.join(ctx.stateDir, 'registry');
  fs.mkdirSync(registryStorageDir(ctx), { recursive: true });
  const configPath = path.join(dir, 'config.yml');
  const yaml = [
    'version: 0.1',
    'log:',
    '  level: info',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${registryStorageDir(ctx)}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: ${registryAddress(ctx)}`,
    '  tls:',
    `    certificate: ${certPath}`,
    `    key: ${keyPath}`,
    '',
  ].join('\n');
  if (!fs.existsSync(configPath) || fs.readFileSync(configPath, 'utf8') !== yaml) fs.writeFileSync(configPath, yaml);
  return configPath;
}

/** The host engine must trust the world CA for this registry (docker reads certs.d on every pull/push). */
function trustOnHostEngine(ctx: WorldContext): void {
  for (const address of [registryAddress(ctx), `127.0.0.1:${REGISTRY_PORT}`]) {
    const dir = path.join('/etc/docker/certs.d', address);
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(ctx.ca.certPath, path.join(dir, 'ca.crt'));
  }
}

export async function ensureRegistry(ctx: WorldContext): Promise<RegistryState> {
  const cert = await issueCert(ctx.stateDir, 'registry', ['localhost'], [ctx.gateway, '127.0.0.1']);
  const configPath = writeConfig(ctx, cert.fullchainPath, cert.keyPath);
  trustOnHostEngine(ctx);
  await ctx.startDaemon(REGISTRY_DAEMON, 'docker-registry', ['serve', configPath]);
  const forwarder = fileURLToPath(new URL('./bin/tcp-forward.mjs', import.meta.url));
  await ctx.startDaemon(FORWARD_DAEMON, process.execPath, [
    forwarder,
    '127.0.0.1',
    String(REGISTRY_PORT),
    ctx.gateway,
    String(REGISTRY_PORT),
  ]);
  await ctx.waitFor(async () => (await registryGet(ctx, '/v2/')).status === 200, {
    timeoutMs: 20_000,
    what: `registry on https://${registryAddress(ctx)}/v2/`,
  });
  return {
    address: registryAddress(ctx),
    loopbackAddress: `127.0.0.1:${REGISTRY_PORT}`,
    caPath: ctx.ca.certPath,
    storageDir: registryStorageDir(ctx),
  };
}

export async function stopRegistry(ctx: WorldContext): Promise<void> {
  await ctx.stopDaemon(FORWARD_DAEMON);
  await ctx.stopDaemon(REGISTRY_DAEMON);
}
