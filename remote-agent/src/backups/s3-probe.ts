import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { connect as tlsConnect, rootCertificates } from 'node:tls';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { BackupDestination, BackupKeys } from '../../../common/backups/backup-destination.js';
import type { ConnectionStep, ConnectionTest } from '../../../common/backups/backups-contract.js';
import { AppError } from '../../../common/errors/app-error.js';
import type { ErrorCode } from '../../../common/errors/error-codes.js';

/**
 * "Test connection", from the server the backups will run on: resolve the endpoint, reach the
 * bucket, then list, write, read back and delete a small probe object, each a step of its own, so
 * a failure names the one thing that is wrong (the key, the secret, the bucket, the region, a
 * permission, the server's clock, DNS or TLS) in words the app can show.
 */

/** The system's trusted CAs (where update-ca-certificates puts them), Node's own, and the user's. */
function trustedCas(destination: BackupDestination): string[] {
  const cas = [...rootCertificates];
  for (const bundle of ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt']) {
    try {
      cas.push(readFileSync(bundle, 'utf8'));
      break;
    } catch {
      // Not this distribution's bundle.
    }
  }
  if (destination.caCertificatePem) cas.push(destination.caCertificatePem);
  return cas;
}

export function s3Client(destination: BackupDestination, keys: BackupKeys, onDate?: (date: Date) => void): S3Client {
  const client = new S3Client({
    endpoint: destination.endpoint,
    region: destination.region === 'auto' ? 'us-east-1' : destination.region,
    forcePathStyle: destination.pathStyle,
    credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey },
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({
      httpsAgent: new https.Agent({ ca: trustedCas(destination), keepAlive: true }),
      connectionTimeout: 10_000,
      requestTimeout: 20_000,
    }),
  });
  // The storage's clock, from every answer, so a refused signature can be told from a wrong clock.
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const date = (result.response as { headers?: Record<string, string> }).headers?.date;
      if (date && onDate) onDate(new Date(date));
      return result;
    },
    { step: 'deserialize', name: 'mailharborServerDate', priority: 'low' },
  );
  return client;
}

export async function testConnection(input: {
  destination: BackupDestination;
  keys: BackupKeys;
  createBucket?: boolean | undefined;
}): Promise<ConnectionTest> {
  const { destination } = input;
  const steps: ConnectionTest['steps'] = [];
  let serverDate: Date | undefined;
  const client = s3Client(destination, input.keys, (date) => (serverDate ??= date));
  const bucket = destination.bucket;
  const probeKey = `${destination.prefix ? `${destination.prefix}/` : ''}.mailharbor-probe-${randomBytes(6).toString('hex')}`;
  const probeBody = `mailharbor connection test ${new Date().toISOString()}`;
  let canCreateBucket = false;
  const skewSeconds = () => (serverDate ? Math.round((serverDate.getTime() - Date.now()) / 1000) : undefined);
  const done = (problem?: AppError): ConnectionTest => {
    const skew = skewSeconds();
    return {
      ok: problem === undefined,
      steps,
      ...(problem ? { problem: problem.toData() } : {}),
      ...(skew !== undefined ? { clockSkewSeconds: skew } : {}),
      canCreateBucket,
    };
  };
  const step = async (name: ConnectionStep, work: () => Promise<void>): Promise<AppError | undefined> => {
    try {
      await work();
      steps.push({ step: name, ok: true });
      return undefined;
    } catch (error) {
      steps.push({ step: name, ok: false });
      return explain(error, name, destination, skewSeconds());
    }
  };

  try {
    const host = new URL(destination.endpoint).hostname;
    let problem = await step('resolve', async () => {
      if (!/^[\d.]+$|:/.test(host)) await lookup(host);
    });
    if (problem) return done(problem);
    problem = await step('connect', () => tlsHandshake(destination));
    if (problem) return done(problem);
    // A GET, not HEAD: a refused GET says why in its body (wrong key, wrong secret, no bucket, region).
    const list = () =>
      client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: destination.prefix || undefined, MaxKeys: 1 }));
    problem = await step('list', async () => {
      try {
        await list();
      } catch (error) {
        if (!isCode(error, ['NoSuchBucket']) || !input.createBucket) throw error;
        await client.send(new CreateBucketCommand({ Bucket: bucket }));
        await list();
      }
    });
    if (problem) {
      canCreateBucket = problem.code === 'backups.s3BucketMissing';
      return done(problem);
    }
    for (const [name, work] of [
      ['put', () => client.send(new PutObjectCommand({ Bucket: bucket, Key: probeKey, Body: probeBody }))],
      [
        'get',
        async () => {
          const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: probeKey }));
          const text = await answer.Body?.transformToString();
          if (text !== probeBody) throw new Error('the probe object came back different from what was written');
        },
      ],
      ['delete', () => client.send(new DeleteObjectCommand({ Bucket: bucket, Key: probeKey }))],
    ] as const) {
      problem = await step(name, async () => void (await work()));
      if (problem) return done(problem);
    }
    return done();
  } finally {
    client.destroy();
  }
}

/** A TLS handshake with the endpoint, its certificate checked against the trusted CAs and its name. */
function tlsHandshake(destination: BackupDestination): Promise<void> {
  const url = new URL(destination.endpoint);
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({
      host: url.hostname,
      port: Number(url.port || 443),
      servername: /^[\d.]+$|:/.test(url.hostname) ? undefined : url.hostname,
      ca: trustedCas(destination),
      timeout: 10_000,
    });
    socket.once('secureConnect', () => {
      socket.end();
      resolve();
    });
    socket.once('timeout', () =>
      socket.destroy(Object.assign(new Error('timed out connecting'), { code: 'ETIMEDOUT' })),
    );
    socket.once('error', reject);
  });
}

function isCode(error: unknown, names: string[]): boolean {
  const candidate = error as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
  return names.includes(candidate.name ?? '') || names.includes(candidate.Code ?? '');
}

/** The storage's answer (or the network's), as an error the app words, naming the step and the fix. */
export function explain(
  error: unknown,
  step: ConnectionStep,
  destination: BackupDestination,
  skewSeconds: number | undefined,
): AppError {
  const candidate = error as {
    name?: string;
    code?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
    $response?: { headers?: Record<string, string> };
    Region?: string;
  };
  const name = candidate.name ?? '';
  const status = candidate.$metadata?.httpStatusCode;
  const message = candidate.message ?? String(error);
  const network = candidate.code ?? '';
  const params: Record<string, string | number> = { step, bucket: destination.bucket, endpoint: destination.endpoint };
  const make = (code: ErrorCode, extra: Record<string, string | number> = {}, retryable = false) =>
    new AppError(code, {
      params: { ...params, ...extra },
      detail: `${step}: ${name || network} ${message}`.trim(),
      retryable,
    });

  if (step === 'resolve' || network === 'ENOTFOUND' || network === 'EAI_AGAIN')
    return make('backups.s3Unreachable', { reason: 'dns' }, true);
  if (/certificate|self[- ]signed|CERT_|SSL|TLS/i.test(`${network} ${message}`)) return make('backups.s3Tls');
  if (
    network === 'ECONNREFUSED' ||
    network === 'ETIMEDOUT' ||
    network === 'ECONNRESET' ||
    /timed? ?out/i.test(message)
  ) {
    return make('backups.s3Unreachable', { reason: 'connect' }, true);
  }
  if (name === 'RequestTimeTooSkewed' || (skewSeconds !== undefined && Math.abs(skewSeconds) > 900 && status === 403)) {
    return make('backups.s3ClockSkew', { seconds: skewSeconds ?? 0 });
  }
  if (name === 'InvalidAccessKeyId') return make('backups.s3WrongKey');
  if (name === 'SignatureDoesNotMatch') return make('backups.s3SignatureMismatch');
  if (name === 'NoSuchBucket' || (step === 'connect' && (name === 'NotFound' || status === 404)))
    return make('backups.s3BucketMissing');
  const regionHeader = candidate.$response?.headers?.['x-amz-bucket-region'];
  if (name === 'PermanentRedirect' || name === 'AuthorizationHeaderMalformed' || status === 301) {
    const expected = regionHeader ?? /expecting '([^']+)'/.exec(message)?.[1] ?? candidate.Region;
    return make('backups.s3WrongRegion', expected ? { expected } : {});
  }
  if (name === 'AccessDenied' || status === 403) return make('backups.s3Denied');
  return make('backups.s3Failed', { status: status ?? 0 }, true);
}
