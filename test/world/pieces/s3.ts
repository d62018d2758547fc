// The world's S3 endpoint for backups: one s3rver process on 127.0.0.1:4568 and 172.29.53.1:4568 sharing
// one data directory, a ready bucket, the world's own key pair, and known-wrong key pairs for tests of
// refused credentials (unknown key -> InvalidAccessKeyId, wrong secret -> SignatureDoesNotMatch).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { WorldContext } from '../context.js';
import { issueCert } from '../ca.js';
import { listenAddresses } from './shared/listen-addresses.js';
import { pieceScript, startTsxDaemon, stopTsxDaemon } from './shared/node-daemon.js';
import { tcpPortOpen } from './shared/tcp-port-open.js';
import { waitUntilServing } from './shared/wait-until-serving.js';
import { readOnlyCredentials, type S3Credentials } from './s3/sigv4-verify.js';

export const S3_PORT = 4568;
/** The same endpoint over HTTPS (world CA), as real S3 and its look-alikes are reached. */
export const S3_TLS_PORT = 4569;
export const S3_BUCKET = 'mailharbor-backups';
/** s3rver ignores the region; clients still need one to sign. */
export const S3_REGION = 'us-east-1';
const S3_DAEMON = 's3';

export interface S3State extends Record<string, unknown> {
  /** For host-side tests. */
  endpoint: string;
  /** For VPS containers (172.29.53.1); null only in loopback-only development mode. */
  gatewayEndpoint: string | null;
  /** The same, over HTTPS with a world-CA certificate (VPSes trust the world CA; host clients pass caPath). */
  httpsEndpoint: string;
  httpsGatewayEndpoint: string | null;
  caPath: string;
  region: string;
  bucket: string;
  /** s3rver serves buckets by path, not virtual host: clients need forcePathStyle. */
  forcePathStyle: true;
  credentials: S3Credentials;
  wrongCredentials: {
    /** unknown access key -> InvalidAccessKeyId */
    unknownKey: S3Credentials;
    /** the right key with a wrong secret -> SignatureDoesNotMatch */
    wrongSecret: S3Credentials;
    /** s3rver's well-known default, revoked here -> InvalidAccessKeyId */
    s3rverDefault: S3Credentials;
    /** may list and read, refused writes and deletes -> AccessDenied */
    readOnly: S3Credentials;
  };
  dataDir: string;
}

function s3Paths(ctx: WorldContext) {
  const dir = path.join(ctx.stateDir, 's3');
  return { dir, data: path.join(dir, 'data'), credentials: path.join(dir, 'credentials.json') };
}

function ensureCredentials(file: string): S3Credentials {
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as S3Credentials;
  const credentials: S3Credentials = {
    // shaped like AWS keys (20 upper-case characters, 40-character secret) so format checks pass
    accessKeyId: `AKIAWORLD${crypto.randomBytes(6).toString('hex').toUpperCase().slice(0, 11)}`,
    secretAccessKey: crypto.randomBytes(30).toString('base64').replace(/[+/=]/g, 'x').slice(0, 40),
  };
  fs.writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}

export async function up(ctx: WorldContext): Promise<S3State> {
  const addrs = listenAddresses(ctx);
  const paths = s3Paths(ctx);
  fs.mkdirSync(paths.data, { recursive: true });
  const credentials = ensureCredentials(paths.credentials);
  const listen = addrs.gateway ? [addrs.loopback, addrs.gateway] : [addrs.loopback];
  const tls = await issueCert(ctx.stateDir, 's3', ['localhost', 's3.mailharbor.test'], listen);

  const daemon = await startTsxDaemon(
    ctx,
    S3_DAEMON,
    pieceScript('s3/s3-server.ts'),
    [
      '--data',
      paths.data,
      '--port',
      String(S3_PORT),
      ...listen.flatMap((a) => ['--listen', a]),
      '--credentials',
      paths.credentials,
      '--bucket',
      S3_BUCKET,
      '--tls-port',
      String(S3_TLS_PORT),
      '--tls-cert',
      tls.fullchainPath,
      '--tls-key',
      tls.keyPath,
    ],
    [pieceScript('s3/sigv4-verify.ts'), pieceScript('shared/http-listeners.ts'), tls.fullchainPath, tls.keyPath],
  );
  if (daemon.started)
    ctx.log(`s3rver started (pid ${daemon.pid}) on ${listen.map((a) => `${a}:${S3_PORT}`).join(' and ')}`);
  for (const address of listen) {
    for (const port of [S3_PORT, S3_TLS_PORT]) {
      await waitUntilServing(ctx, daemon, () => tcpPortOpen(address, port), `s3 on ${address}:${port}`, 30_000);
    }
  }

  return {
    endpoint: `http://${addrs.loopback}:${S3_PORT}`,
    gatewayEndpoint: addrs.gateway ? `http://${addrs.gateway}:${S3_PORT}` : null,
    httpsEndpoint: `https://${addrs.loopback}:${S3_TLS_PORT}`,
    httpsGatewayEndpoint: addrs.gateway ? `https://${addrs.gateway}:${S3_TLS_PORT}` : null,
    caPath: tls.caPath,
    region: S3_REGION,
    bucket: S3_BUCKET,
    forcePathStyle: true,
    credentials,
    wrongCredentials: {
      unknownKey: { accessKeyId: 'AKIAWORLDUNKNOWN0000', secretAccessKey: credentials.secretAccessKey },
      wrongSecret: { accessKeyId: credentials.accessKeyId, secretAccessKey: 'x'.repeat(40) },
      s3rverDefault: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      readOnly: readOnlyCredentials(credentials),
    },
    dataDir: paths.data,
  };
}

export async function down(ctx: WorldContext): Promise<void> {
  await stopTsxDaemon(ctx, S3_DAEMON);
  // stored objects are test data of a world that is gone; the next `up` starts with an empty bucket
  fs.rmSync(s3Paths(ctx).dir, { recursive: true, force: true });
}

export async function status(ctx: WorldContext): Promise<string> {
  const pid = ctx.daemonRunning(S3_DAEMON);
  return pid === undefined
    ? 's3: not running'
    : `s3: s3rver pid ${pid}, http(s)://127.0.0.1:${S3_PORT}(${S3_TLS_PORT}) and http(s)://${ctx.gateway}:${S3_PORT}(${S3_TLS_PORT}), bucket ${S3_BUCKET}`;
}
